import { subDays } from 'date-fns';
import type { InteractionRepository } from './db/interactionRepository';
import type { StateRepository } from './db/stateRepository';

/** Deletes interaction-log rows older than the retention period (INTERACTION_RETENTION_DAYS). */
export async function purgeInteractions(repository: InteractionRepository, now: Date, retentionDays: number): Promise<{ cutoff: Date; deleted: number }> {
  const cutoff = subDays(now, retentionDays);
  const deleted = await repository.deleteOlderThan(cutoff);
  return { cutoff, deleted };
}

/**
 * Deletes conversation and user state (half-filled complaint drafts included) not written for
 * STATE_RETENTION_DAYS: an abandoned draft does not stay in clear text forever.
 */
export async function purgeConversationState(repository: StateRepository, now: Date, retentionDays: number): Promise<{ cutoff: Date; deleted: number }> {
  const cutoff = subDays(now, retentionDays);
  const deleted = await repository.deleteOlderThan(cutoff);
  return { cutoff, deleted };
}
