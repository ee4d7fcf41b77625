import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * Which proxies in front of the server may be believed about the client's address (X-Forwarded-For):
 * none, the nearest `hops` ones, or those with the listed addresses (`loopback` standing for 127.0.0.0/8
 * and ::1).
 */
export type TrustProxy = { kind: 'off' } | { kind: 'hops'; hops: number } | { kind: 'list'; addresses: string[]; loopback: boolean };

/** TRUST_PROXY: empty or `off`, a number of hops, or addresses separated by commas; undefined when invalid. */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const raw = (value ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'off' || raw === 'false' || raw === '0') return { kind: 'off' };
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    return hops >= 1 && hops <= 10 ? { kind: 'hops', hops } : undefined;
  }
  const entries = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const addresses: string[] = [];
  let loopback = false;
  for (const entry of entries) {
    if (entry === 'loopback') loopback = true;
    else if (isIP(entry)) addresses.push(normalizeAddress(entry));
    else return undefined;
  }
  return entries.length ? { kind: 'list', addresses, loopback } : undefined;
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are the same client. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1] : trimmed).toLowerCase();
}

export function isLoopbackAddress(address: string): boolean {
  const a = normalizeAddress(address);
  return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/**
 * The client's address: the socket's peer, or, behind trusted proxies, the nearest address in
 * X-Forwarded-For that is not one of them. An entry that is not an IP address stops the walk (it is
 * forged or garbled), and the peer before it is used.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | undefined, trust: TrustProxy): string {
  const socket = normalizeAddress(peer || 'unknown');
  if (trust.kind === 'off' || !forwardedFor) return socket;
  const chain = forwardedFor
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const trusted = (address: string) => (trust.kind === 'list' ? trust.addresses.includes(address) || (trust.loopback && isLoopbackAddress(address)) : false);
  let client = socket;
  let hopsLeft = trust.kind === 'hops' ? trust.hops : Infinity;
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    if (trust.kind === 'hops' ? hopsLeft <= 0 : !trusted(client)) break;
    const next = normalizeAddress(chain[i]);
    if (!isIP(next)) break;
    client = next;
    hopsLeft -= 1;
  }
  return client;
}

/** Whether a request says it was relayed (a proxy that TRUST_PROXY does not name). */
export function isForwarded(req: IncomingMessage): boolean {
  return req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
}

export function clientAddressOf(req: IncomingMessage, trust: TrustProxy): string {
  const header = req.headers['x-forwarded-for'];
  return resolveClientAddress(req.socket.remoteAddress ?? 'unknown', Array.isArray(header) ? header.join(',') : header, trust);
}
