import { createHmac } from 'node:crypto';

const CACHE_SIZE = 10_000;

/**
 * A stable pseudonymous id for a channel user: a keyed hash, so the raw id never reaches the
 * database and cannot be recomputed without the key. Recent results are cached (each turn logs
 * several activities of the same person).
 */
export function createPseudonymizer(key: string): (channelId: string, userId: string) => string {
  if (key.length < 16) throw new Error('The pseudonymization key must have at least 16 characters.');
  const cache = new Map<string, string>();
  return (channelId, userId) => {
    const input = `${channelId}\u0000${userId}`;
    let pseudonym = cache.get(input);
    if (!pseudonym) {
      pseudonym = 'u_' + createHmac('sha256', key).update(input).digest('base64url').slice(0, 22);
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(input, pseudonym);
    }
    return pseudonym;
  };
}
