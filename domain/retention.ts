import { subDays } from 'date-fns';
import type { InteractionRepository } from './db/interactionRepository';

/** Deletes interaction-log rows older than the retention period (INTERACTION_RETENTION_DAYS). */
export async function purgeInteractions(repository: InteractionRepository, now: Date, retentionDays: number): Promise<{ cutoff: Date; deleted: number }> {
  const cutoff = subDays(now, retentionDays);
  const deleted = await repository.deleteOlderThan(cutoff);
  return { cutoff, deleted };
}
