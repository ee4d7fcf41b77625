import type { LiveHelpRepository } from '../liveHelp/liveHelpRepository';
import type { UnavailableReason } from '../liveHelp/liveHelp';

/** Live help over a period (by request time): what was asked, taken, abandoned, how long people waited. */
export interface LiveHelpFigures {
  /** Every request for a person while live help was on, queued or not. */
  requested: number;
  /** Requests not queued, by reason (closed, nobody signed in, wait above the limit). */
  refused: Record<Exclude<UnavailableReason, 'disabled'>, number>;
  /** Taken by an agent. */
  accepted: number;
  /** Left the queue (« annuler ») or timed out before an agent took them. */
  abandoned: number;
  leftQueue: number;
  timedOut: number;
  /** Still waiting or with an agent when the figures were taken. */
  inProgress: number;
  /** Minutes from the request to the agent's acceptance: median and 90th percentile (nearest rank), null without any. */
  waitMedianMinutes: number | null;
  waitP90Minutes: number | null;
  /** Sessions taken per agent, most first. */
  perAgent: Array<{ agent: string; handled: number }>;
}

/** The p-th percentile by nearest rank (p in 0–100) of sorted values, or null. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round1 = (value: number | null): number | null => (value === null ? null : Math.round(value * 10) / 10);

export async function liveHelpStatistics(repository: LiveHelpRepository, period: { startsAt: Date; endsBefore: Date }): Promise<LiveHelpFigures> {
  const sessions = await repository.requestedBetween(period.startsAt, period.endsBefore);
  const refused = { closed: 0, noAgent: 0, waitTooLong: 0 };
  const waits: number[] = [];
  const perAgent = new Map<string, number>();
  let accepted = 0;
  let leftQueue = 0;
  let timedOut = 0;
  let inProgress = 0;
  for (const s of sessions) {
    if (s.status === 'refused') {
      if (s.refusedReason && s.refusedReason !== 'disabled') refused[s.refusedReason] += 1;
      continue;
    }
    if (s.status === 'left') leftQueue += 1;
    else if (s.status === 'timed_out') timedOut += 1;
    if (s.status === 'waiting' || s.status === 'active') inProgress += 1;
    if (s.acceptedAt && s.agent) {
      accepted += 1;
      waits.push((s.acceptedAt.getTime() - s.requestedAt.getTime()) / 60_000);
      perAgent.set(s.agent, (perAgent.get(s.agent) ?? 0) + 1);
    }
  }
  waits.sort((a, b) => a - b);
  return {
    requested: sessions.length,
    refused,
    accepted,
    abandoned: leftQueue + timedOut,
    leftQueue,
    timedOut,
    inProgress,
    waitMedianMinutes: round1(median(waits)),
    waitP90Minutes: round1(percentile(waits, 90)),
    perAgent: [...perAgent].map(([agent, handled]) => ({ agent, handled })).sort((a, b) => b.handled - a.handled || a.agent.localeCompare(b.agent)),
  };
}
