import type { Clock } from '../domain/clock';
import type { CallbackService } from '../domain/callbacks/callbackService';
import type { ComplaintService } from '../domain/complaints/complaintService';
import type { LookupThrottle } from '../domain/complaints/lookupThrottle';
import type { InteractionRepository } from '../domain/db/interactionRepository';
import type { StateRepository } from '../domain/db/stateRepository';
import type { DirectLineRepository } from '../domain/directLine/directLineRepository';
import type { LiveHelpService } from '../domain/liveHelp/liveHelpService';
import { purgeConversationState, purgeInteractions } from '../domain/retention';
import type { Config } from './config';
import type { Logger } from './logger';
import type { JobDefinition } from './scheduledJobs';

type CronVariable = 'INTERACTION_PURGE_CRON' | 'COMPLAINT_PURGE_CRON' | 'STATE_PURGE_CRON' | 'CALLBACK_PURGE_CRON';
type RetentionVariable =
  | 'INTERACTION_RETENTION_DAYS'
  | 'COMPLAINT_RETENTION_DAYS'
  | 'STATE_RETENTION_DAYS'
  | 'DIRECT_LINE_RETENTION_HOURS'
  | 'CALLBACK_RETENTION_DAYS'
  | 'LIVE_HELP_RETENTION_DAYS';

/** One daily purge: its job name, the cron and retention variables it reads, and its log line. */
interface RetentionPurge<C extends CronVariable, R extends RetentionVariable> {
  name: string;
  cron: C;
  retention: R;
  logged: string;
}

const purges = {
  interactions: {
    name: 'interaction-retention-purge',
    cron: 'INTERACTION_PURGE_CRON',
    retention: 'INTERACTION_RETENTION_DAYS',
    logged: 'interaction log purged',
  },
  complaints: {
    name: 'complaint-retention-purge',
    cron: 'COMPLAINT_PURGE_CRON',
    retention: 'COMPLAINT_RETENTION_DAYS',
    logged: 'finished complaints anonymized',
  },
  state: {
    name: 'state-retention-purge',
    cron: 'STATE_PURGE_CRON',
    retention: 'STATE_RETENTION_DAYS',
    logged: 'conversation state purged',
  },
  directLine: {
    name: 'direct-line-retention-purge',
    cron: 'STATE_PURGE_CRON',
    retention: 'DIRECT_LINE_RETENTION_HOURS',
    logged: 'direct line history purged',
  },
  callbacks: {
    name: 'callback-retention-purge',
    cron: 'CALLBACK_PURGE_CRON',
    retention: 'CALLBACK_RETENTION_DAYS',
    logged: 'callbacks anonymized',
  },
  liveHelp: {
    name: 'live-help-retention-purge',
    cron: 'STATE_PURGE_CRON',
    retention: 'LIVE_HELP_RETENTION_DAYS',
    logged: 'live help sessions purged',
  },
} as const satisfies Record<string, RetentionPurge<CronVariable, RetentionVariable>>;

/**
 * A job that runs `purge` with the configured retention on the purge's cron (America/Toronto) and logs
 * what it returns.
 */
function retentionJob<C extends CronVariable, R extends RetentionVariable>(
  purge: RetentionPurge<C, R>,
  config: Pick<Config, C | R>,
  logger: Logger,
  work: (retention: number) => Promise<Record<string, unknown>>,
): JobDefinition {
  return {
    name: purge.name,
    pattern: config[purge.cron],
    run: async () => {
      logger.info(await work(config[purge.retention]), purge.logged);
    },
  };
}

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
  return retentionJob(purges.interactions, config, logger, async (days) => {
    const { deleted, cutoff } = await purgeInteractions(interactions, clock.now(), days);
    return { deleted, cutoff: cutoff.toISOString() };
  });
}

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
  return retentionJob(purges.complaints, config, logger, async (days) => ({
    anonymized: await complaints.anonymizeFinished(days),
    retentionDays: days,
  }));
}

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
  return retentionJob(purges.state, config, logger, async (days) => {
    const { deleted, cutoff } = await purgeConversationState(state, clock.now(), days);
    const counters = await lookups.purgeExpired();
    return { deleted, counters, cutoff: cutoff.toISOString() };
  });
}

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
  return retentionJob(purges.directLine, config, logger, async (hours) => {
    const cutoff = new Date(clock.now().getTime() - hours * 3_600_000);
    const deleted = await repository.deleteOlderThan(cutoff);
    return { ...deleted, cutoff: cutoff.toISOString() };
  });
}

/** Daily (CALLBACK_PURGE_CRON, America/Toronto): erases the personal information of callbacks older than CALLBACK_RETENTION_DAYS. */
export function callbackRetentionJob(
  config: Pick<Config, 'CALLBACK_PURGE_CRON' | 'CALLBACK_RETENTION_DAYS'>,
  callbacks: CallbackService,
  logger: Logger,
): JobDefinition {
  return retentionJob(purges.callbacks, config, logger, async (days) => {
    const { anonymized, cutoff } = await callbacks.anonymizeOlderThan(days);
    return { anonymized, retentionDays: days, cutoff: cutoff.toISOString() };
  });
}

/**
 * Daily, with the state purge (STATE_PURGE_CRON, America/Toronto): deletes live-help sessions ended more
 * than LIVE_HELP_RETENTION_DAYS ago, with their messages and notes, even once live help is switched off.
 */
export function liveHelpRetentionJob(
  config: Pick<Config, 'STATE_PURGE_CRON' | 'LIVE_HELP_RETENTION_DAYS'>,
  liveHelp: LiveHelpService,
  clock: Clock,
  logger: Logger,
): JobDefinition {
  return retentionJob(purges.liveHelp, config, logger, async (days) => {
    const cutoff = new Date(clock.now().getTime() - days * 86_400_000);
    return { deleted: await liveHelp.purge(cutoff), cutoff: cutoff.toISOString() };
  });
}
