import type { Clock } from '../domain/clock';
import type { LookupThrottle } from '../domain/complaints/lookupThrottle';
import type { StateRepository } from '../domain/db/stateRepository';
import { purgeConversationState } from '../domain/retention';
import type { Config } from './config';
import type { Logger } from './logger';
import type { JobDefinition } from './scheduledJobs';

/**
 * Daily (STATE_PURGE_CRON, America/Toronto): deletes conversation and user state not written for
 * STATE_RETENTION_DAYS (half-filled complaint drafts with them), and the complaint-lookup counters
 * whose window and lock have ended. The same work runs once with `npm run cli -- purge-state`.
 */
export function stateRetentionJob(
  config: Pick<Config, 'STATE_PURGE_CRON' | 'STATE_RETENTION_DAYS'>,
  state: StateRepository,
  lookups: LookupThrottle,
  clock: Clock,
  logger: Logger,
): JobDefinition {
  return {
    name: 'state-retention-purge',
    pattern: config.STATE_PURGE_CRON,
    run: async () => {
      const { deleted, cutoff } = await purgeConversationState(state, clock.now(), config.STATE_RETENTION_DAYS);
      const counters = await lookups.purgeExpired();
      logger.info({ deleted, counters, cutoff: cutoff.toISOString() }, 'conversation state purged');
    },
  };
}
