import { BusinessCalendar } from '../domain/calendar/businessCalendar';
import type { Clock } from '../domain/clock';
import type { Database } from '../domain/db/database';
import { Mailer, SmtpMailer } from '../domain/reminders/mailer';
import { ReminderRepository } from '../domain/reminders/reminderRepository';
import { DeliveryOutcome, ReminderRunResult, ReminderScheduler, ReminderSettings } from '../domain/reminders/reminderScheduler';
import { staffDirectory } from './staffAccounts';
import type { Config } from './config';
import type { Logger } from './logger';
import type { ScheduledJobs } from './scheduledJobs';

/** Between two REMINDER_CRON passes, the server retries queued digests this often (only those whose backoff has passed). */
export const REMINDER_OUTBOX_RETRY_CRON = '*/5 * * * *';

export function reminderSettings(config: Config): ReminderSettings {
  return {
    atRiskBusinessDays: { firstContact: config.REMINDER_AT_RISK_FIRST_CONTACT_DAYS, answer: config.REMINDER_AT_RISK_ANSWER_DAYS },
    publicBaseUrl: config.PUBLIC_BASE_URL,
    from: config.REMINDER_FROM,
    recipients: config.STAFF_EMAILS,
    managers: config.MANAGER_EMAILS,
    escalationBusinessDays: config.REMINDER_ESCALATION_BUSINESS_DAYS,
    staff: staffDirectory(config),
    lang: 'fr',
  };
}

/** The scheduler on a database; sends through SMTP_URL when it is set (or through `mailer`, for tests). */
export function createReminderScheduler(config: Config, db: Database, options: { mailer?: Mailer; calendar?: BusinessCalendar } = {}): ReminderScheduler {
  const mailer = options.mailer ?? (config.SMTP_URL ? new SmtpMailer(config.SMTP_URL) : undefined);
  return new ReminderScheduler(new ReminderRepository(db), options.calendar ?? BusinessCalendar.fromDataFile(), reminderSettings(config), mailer);
}

/**
 * The server's reminder jobs: a full pass on REMINDER_CRON (America/Toronto) and an outbox retry
 * every five minutes. Only when SMTP_URL is configured; otherwise says once that reminders are off.
 * Uses `deps.scheduler` (built by createServices) when given.
 */
export function registerReminderJobs(
  jobs: ScheduledJobs,
  deps: { config: Config; db: Database; clock: Clock; calendar: BusinessCalendar; logger: Logger; scheduler?: ReminderScheduler },
): ReminderScheduler | undefined {
  const { config, db, clock, calendar, logger } = deps;
  if (!config.SMTP_URL) {
    logger.info('deadline reminders off: SMTP_URL is not set');
    return undefined;
  }
  const scheduler = deps.scheduler ?? createReminderScheduler(config, db, { calendar });
  jobs.add({
    name: 'deadline-reminders',
    pattern: config.REMINDER_CRON,
    run: async () => logReminderRun(logger, await scheduler.run(clock.now())),
  });
  jobs.add({
    name: 'deadline-reminder-outbox',
    pattern: REMINDER_OUTBOX_RETRY_CRON,
    run: async () => logDeliveries(logger, await scheduler.deliverDue(clock.now())),
  });
  return scheduler;
}

/** Counts, ids, references and error codes only: no complainant information ever reaches the application log. */
export function logReminderRun(logger: Logger, result: ReminderRunResult): void {
  const superseded = result.claimed.filter((a) => a.superseded).length;
  logger.info(
    {
      asOf: result.asOf.toISOString(),
      businessDay: result.businessDay,
      planned: result.planned,
      newAlerts: result.claimed.length - superseded,
      superseded,
      digests: result.digests.map((d) => ({ id: d.id, kind: d.kind, complaints: d.entries.length })),
      queued: result.queued,
    },
    'deadline reminders evaluated',
  );
  logDeliveries(logger, result.deliveries);
}

export function logDeliveries(logger: Logger, outcomes: DeliveryOutcome[]): void {
  for (const o of outcomes) {
    if (o.status === 'sent') {
      logger.info({ digestId: o.digestId, kind: o.kind, attempt: o.attempt, complaints: o.alertCount }, 'reminder digest sent');
    } else {
      logger.warn(
        { digestId: o.digestId, kind: o.kind, attempt: o.attempt, complaints: o.alertCount, errorCode: o.errorCode, nextAttemptAt: o.nextAttemptAt?.toISOString() },
        'reminder digest not sent; kept in the outbox for retry',
      );
    }
  }
}
