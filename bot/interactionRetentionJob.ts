import type { Clock } from '../domain/clock';
import type { InteractionRepository } from '../domain/db/interactionRepository';
import { purgeInteractions } from '../domain/retention';
import type { Config } from './config';
import type { Logger } from './logger';
import type { JobDefinition } from './scheduledJobs';

/**
 * Daily (INTERACTION_PURGE_CRON, America/Toronto): deletes interaction-log rows older than
 * INTERACTION_RETENTION_DAYS. The same work runs once with `npm run cli -- purge-interactions`.
 */
export function interactionRetentionJob(
  config: Pick<Config, 'INTERACTION_PURGE_CRON' | 'INTERACTION_RETENTION_DAYS'>,
  interactions: InteractionRepository,
  clock: Clock,
  logger: Logger,
): JobDefinition {
  return {
    name: 'interaction-retention-purge',
    pattern: config.INTERACTION_PURGE_CRON,
    run: async () => {
      const { deleted, cutoff } = await purgeInteractions(interactions, clock.now(), config.INTERACTION_RETENTION_DAYS);
      logger.info({ deleted, cutoff: cutoff.toISOString() }, 'interaction log purged');
    },
  };
}
