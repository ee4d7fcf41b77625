import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { SettingsRepository } from '../db/settingsRepository';

/** Who a failed complaint-status lookup is counted against. */
export type ThrottleScope = 'conversation' | 'reference' | 'address';

/** `maxFailures` failures within `windowMinutes` (counted from the first) lock the scope for `lockMinutes`. */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export type ThrottlePolicies = Record<ThrottleScope, ThrottlePolicy>;

/** One conversation: 3 misses lock it for 15 minutes (the per-reference and per-address limits come from the configuration). */
export const CONVERSATION_POLICY: ThrottlePolicy = { maxFailures: 3, windowMinutes: 60, lockMinutes: 15 };

/** What one lookup is counted against; without a client address, the conversation and the reference only. */
export interface LookupSubjects {
  conversation: string;
  address?: string;
}

export type GuardedLookup<T> =
  | { outcome: 'found'; value: T }
  /** `lockedUntil` when this failure has just locked one of the scopes. */
  | { outcome: 'notFound'; lockedUntil?: Date }
  | { outcome: 'throttled'; lockedUntil: Date };

interface CounterRow {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
  expires_at: string;
}

const MINUTE = 60_000;

/**
 * Limits guessing of the e-mail or phone behind a complaint reference: failed lookups are counted per
 * conversation, per reference and per client address in the database, so the limits hold across new
 * conversations and restarts. A locked reference is refused to everybody, its owner included, but only
 * for the lock's length: an attacker cannot lock it forever with one burst.
 *
 * Keys are HMACs (key in the settings table), so neither addresses nor references are stored in clear.
 */
export class LookupThrottle {
  private secret?: Promise<string>;
  // Check, lookup and count run one at a time, so a burst of parallel guesses cannot all pass the
  // check before the first failure is counted. Lookups are single indexed reads: the queue stays short.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly policies: ThrottlePolicies,
  ) {}

  /** Until when any lookup from these subjects is refused (the latest lock), or undefined. */
  async lockedUntil(subjects: LookupSubjects, reference?: string): Promise<Date | undefined> {
    const now = this.clock.now();
    const rows = await this.rows(await this.keys(subjects, reference));
    return latestLock([...rows.values()], now);
  }

  /**
   * Runs `lookup` unless a scope is locked, and counts a miss against every scope. A hit clears the
   * conversation's and the reference's counts (only the owner's contact finds it), never the address's:
   * otherwise someone with a complaint of their own could reset their count between guesses.
   */
  guard<T>(subjects: LookupSubjects, reference: string, lookup: () => Promise<T | undefined>): Promise<GuardedLookup<T>> {
    const run = this.queue.then(() => this.guarded(subjects, reference, lookup));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Deletes the counters whose window and lock have both ended; returns how many. */
  async purgeExpired(): Promise<number> {
    return this.db('lookup_throttle').where('expires_at', '<=', this.clock.now().toISOString()).delete();
  }

  private async guarded<T>(subjects: LookupSubjects, reference: string, lookup: () => Promise<T | undefined>): Promise<GuardedLookup<T>> {
    const now = this.clock.now();
    const keys = await this.keys(subjects, reference);
    const rows = await this.rows(keys);
    const locked = latestLock([...rows.values()], now);
    if (locked) return { outcome: 'throttled', lockedUntil: locked };

    const value = await lookup();
    if (value !== undefined) {
      const cleared = keys.filter((k) => k.scope !== 'address').map((k) => k.key);
      await this.db('lookup_throttle').whereIn('key', cleared).delete();
      return { outcome: 'found', value };
    }

    const counted = keys.map(({ scope, key }) => countFailure(key, rows.get(key), now, this.policies[scope]));
    await this.db('lookup_throttle').insert(counted).onConflict('key').merge();
    await this.purgeExpired();
    return { outcome: 'notFound', lockedUntil: latestLock(counted, now) };
  }

  private async rows(keys: Array<{ key: string }>): Promise<Map<string, CounterRow>> {
    const rows = (await this.db('lookup_throttle')
      .whereIn(
        'key',
        keys.map((k) => k.key),
      )
      .select('key', 'failures', 'window_started_at', 'locked_until', 'expires_at')) as CounterRow[];
    return new Map(rows.map((row) => [row.key, row]));
  }

  private async keys(subjects: LookupSubjects, reference?: string): Promise<Array<{ scope: ThrottleScope; key: string }>> {
    const secret = await (this.secret ??= new SettingsRepository(this.db).getOrCreate('lookup_throttle_key', () => randomBytes(32).toString('base64url')));
    const ids: Array<[ThrottleScope, string | undefined]> = [
      ['conversation', subjects.conversation],
      ['reference', reference],
      ['address', subjects.address],
    ];
    return ids
      .filter((entry): entry is [ThrottleScope, string] => entry[1] !== undefined && entry[1] !== '')
      .map(([scope, id]) => ({ scope, key: `${scope}:${createHmac('sha256', secret).update(`${scope}\u0000${id}`).digest('base64url')}` }));
  }
}

/** The counter after one more failure: a new window once the previous one or its lock has ended. */
function countFailure(key: string, row: CounterRow | undefined, now: Date, policy: ThrottlePolicy): CounterRow {
  const windowEnded = !row || now.getTime() >= Date.parse(row.window_started_at) + policy.windowMinutes * MINUTE;
  const lockEnded = row?.locked_until !== null && row?.locked_until !== undefined && now.getTime() >= Date.parse(row.locked_until);
  const fresh = windowEnded || lockEnded;
  const failures = fresh ? 1 : row.failures + 1;
  const windowStartedAt = fresh ? now : new Date(row.window_started_at);
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMinutes * MINUTE) : undefined;
  const expiresAt = Math.max(windowStartedAt.getTime() + policy.windowMinutes * MINUTE, lockedUntil?.getTime() ?? 0);
  return {
    key,
    failures,
    window_started_at: windowStartedAt.toISOString(),
    locked_until: lockedUntil?.toISOString() ?? null,
    expires_at: new Date(expiresAt).toISOString(),
  };
}

function latestLock(rows: CounterRow[], now: Date): Date | undefined {
  const locks = rows.map((r) => (r.locked_until ? Date.parse(r.locked_until) : 0)).filter((t) => t > now.getTime());
  return locks.length ? new Date(Math.max(...locks)) : undefined;
}
