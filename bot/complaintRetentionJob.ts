import type { ComplaintService } from '../domain/complaints/complaintService';
import type { Config } from './config';
import type { Logger } from './logger';
import type { JobDefinition } from './scheduledJobs';

/**
 * Daily (COMPLAINT_PURGE_CRON, America/Toronto): erases the personal information of complaints closed
 * or abandoned more than COMPLAINT_RETENTION_DAYS ago. Dates, service and status stay for statistics.
 * The same work runs once with `npm run cli -- purge-complaints`.
 */
export function complaintRetentionJob(
  config: Pick<Config, 'COMPLAINT_PURGE_CRON' | 'COMPLAINT_RETENTION_DAYS'>,
  complaints: ComplaintService,
  logger: Logger,
): JobDefinition {
  return {
    name: 'complaint-retention-purge',
    pattern: config.COMPLAINT_PURGE_CRON,
    run: async () => {
      const anonymized = await complaints.anonymizeFinished(config.COMPLAINT_RETENTION_DAYS);
      logger.info({ anonymized, retentionDays: config.COMPLAINT_RETENTION_DAYS }, 'finished complaints anonymized');
    },
  };
}
