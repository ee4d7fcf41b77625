import type { Clock } from '../domain/clock';
import type { DirectLineRepository } from '../domain/directLine/directLineRepository';
import type { Config } from './config';
import type { Logger } from './logger';
import type { JobDefinition } from './scheduledJobs';

/**
 * Daily, with the state purge (STATE_PURGE_CRON, America/Toronto): deletes the built-in Direct Line's
 * activities written more than DIRECT_LINE_RETENTION_HOURS ago, and the conversations not used since.
 * They hold what citizens typed, unmasked (the page shows it back to them), so they are kept only as
 * long as a page may still be reloaded; the masked interaction log is the record.
 */
export function directLineRetentionJob(
  config: Pick<Config, 'STATE_PURGE_CRON' | 'DIRECT_LINE_RETENTION_HOURS'>,
  repository: DirectLineRepository,
  clock: Clock,
  logger: Logger,
): JobDefinition {
  return {
    name: 'direct-line-retention-purge',
    pattern: config.STATE_PURGE_CRON,
    run: async () => {
      const cutoff = new Date(clock.now().getTime() - config.DIRECT_LINE_RETENTION_HOURS * 3_600_000);
      const deleted = await repository.deleteOlderThan(cutoff);
      logger.info({ ...deleted, cutoff: cutoff.toISOString() }, 'direct line history purged');
    },
  };
}
