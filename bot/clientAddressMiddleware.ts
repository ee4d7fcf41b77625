import { isIP } from 'node:net';
import type { Middleware, TurnContext } from 'botbuilder';
import { CLIENT_ADDRESS_KEY } from '../dialogs/shared/clientAddress';

/** An address not taken by a turn within this time is forgotten (the turn failed or never ran). */
const PENDING_MS = 60_000;
const MAX_PENDING = 10_000;

const pending = new Map<string, { address: string; at: number }>();

/**
 * Called by the HTTP edge when it accepts an activity (POST /api/messages, POST of the built-in Direct
 * Line), before the turn runs: the turn then finds the client's address in turnState. The adapter
 * hands the middleware only the activity, so the address travels by activity id.
 */
export function rememberClientAddress(activityId: string | undefined, address: string | undefined): void {
  const key = address ? throttleAddress(address) : undefined;
  if (!activityId || !key) return;
  const now = performance.now();
  for (const [id, entry] of pending) {
    if (now - entry.at < PENDING_MS && pending.size < MAX_PENDING) break;
    pending.delete(id);
  }
  pending.delete(activityId);
  pending.set(activityId, { address: key, at: now });
}

/** Puts the address remembered for the turn's activity under CLIENT_ADDRESS_KEY (dialogs/shared/clientAddress.ts). */
export class ClientAddressMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const id = context.activity?.id;
    const entry = id ? pending.get(id) : undefined;
    if (id && entry) {
      pending.delete(id);
      if (performance.now() - entry.at < PENDING_MS) context.turnState.set(CLIENT_ADDRESS_KEY, entry.address);
    }
    await next();
  }
}

/**
 * The address as one client: IPv4 as is (also when written ::ffff:a.b.c.d), IPv6 by its /64 prefix,
 * since one subscriber usually holds a whole /64. Undefined when it is not an IP address.
 */
export function throttleAddress(address: string): string | undefined {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1];
  const kind = isIP(bare);
  if (kind === 4) return bare;
  if (kind !== 6) return undefined;
  const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  // An embedded IPv4 (…:1.2.3.4) takes two groups, at the end: it never reaches the first four.
  const tailLength = tailGroups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailLength).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
