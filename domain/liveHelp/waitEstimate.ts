/** Ended sessions the estimate looks at; fewer than MIN_HISTORY and the configured default is used. */
export const HANDLING_HISTORY = 20;
const MIN_HISTORY = 5;

/** The median of the recent handling times, or the default while there are too few of them. */
export function handlingMinutes(recent: number[], defaultMinutes: number): number {
  if (recent.length < MIN_HISTORY) return defaultMinutes;
  const sorted = [...recent].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return Math.max(1, median);
}

/**
 * The expected wait of the citizen at `place` (1 = next): the agents signed in take one conversation
 * each, so the citizen waits for ⌈place ÷ agents⌉ conversations to end, each lasting the usual handling
 * time. Rounded up to the minute; at least 1.
 */
export function estimatedWaitMinutes(place: number, agents: number, handling: number): number {
  const rounds = Math.ceil(place / Math.max(1, agents));
  return Math.max(1, Math.ceil(rounds * handling));
}
