import type { Database } from './database';

/**
 * What the e-mail outboxes (reminder_digests, citizen_mails) share: rows `pending`, `failed` (kept for
 * a retry at next_attempt_at) or `sent`, with their attempts counted, and a backoff between attempts.
 */
export interface RetrySettings {
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { firstDelayMs: 5 * 60_000, maxDelayMs: 4 * 60 * 60_000 };

/** Delay before attempt `attempt + 1` when attempt `attempt` fails: 5 min, 10, 20… capped at 4 h by default. */
export function retryDelayMs(attempt: number, retry: RetrySettings = DEFAULT_RETRY): number {
  return Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
}

/**
 * Takes one delivery attempt of an outbox row: counts it and moves its next attempt to
 * `nextAttemptAt`, only if nobody did since the row was read (same attempt count, still queued, still
 * due). Moving next_attempt_at is the lease: a concurrent pass no longer sees the row as due. Returns
 * false when another pass or instance took it.
 */
export async function claimAttempt(db: Database, table: string, row: { id: number; attempts: number }, now: Date, nextAttemptAt: Date): Promise<boolean> {
  const changed = await db(table)
    .where({ id: row.id, attempts: row.attempts })
    .whereIn('status', ['pending', 'failed'])
    .where('next_attempt_at', '<=', now.toISOString())
    .update({ attempts: row.attempts + 1, next_attempt_at: nextAttemptAt.toISOString(), last_attempt_at: now.toISOString() });
  return changed === 1;
}

/** The attempt failed: kept for a retry, with an error code only (never a server message). */
export async function markAttemptFailed(db: Database, table: string, id: number, errorCode: string): Promise<void> {
  await db(table).where({ id }).whereNot({ status: 'sent' }).update({ status: 'failed', last_error_code: errorCode.slice(0, 64) });
}
