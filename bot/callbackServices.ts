import type { BusinessCalendar } from '../domain/calendar/businessCalendar';
import { CallbackRepository } from '../domain/callbacks/callbackRepository';
import { CallbackReminders } from '../domain/callbacks/callbackReminders';
import { CallbackService } from '../domain/callbacks/callbackService';
import { CallbackSlots } from '../domain/callbacks/callbackSlots';
import type { Clock } from '../domain/clock';
import type { Database } from '../domain/db/database';
import { QUEBEC_TIME_ZONE } from '../domain/format/dates';
import { publicInformationMasker } from '../domain/privacy/publicMasker';
import type { ReminderScheduler } from '../domain/reminders/reminderScheduler';
import type { ServiceHours } from '../domain/serviceHours';
import type { StaffDirectory } from '../domain/staff/staffDirectory';
import type { Config } from './config';
import { errorSummary } from './errorSummary';
import type { Logger } from './logger';
import type { ScheduledJobs } from './scheduledJobs';
import { staffDirectory } from './staffAccounts';

/** The callback requests on a database (built by createServices). */
export function createCallbackService(db: Database, calendar: BusinessCalendar, hours: ServiceHours, clock: Clock, staff: StaffDirectory): CallbackService {
  return new CallbackService(new CallbackRepository(db), new CallbackSlots(hours, calendar), calendar, clock, publicInformationMasker(), staff);
}

/** Slots about to pass without a call, signalled to the officer or MANAGER_EMAILS (CALLBACK_REMINDER_MINUTES). */
export function createCallbackReminders(config: Config, db: Database): CallbackReminders {
  return new CallbackReminders(db, new CallbackRepository(db), {
    leadMinutes: config.CALLBACK_REMINDER_MINUTES,
    managers: config.MANAGER_EMAILS,
    staff: staffDirectory(config),
    publicBaseUrl: config.PUBLIC_BASE_URL,
    timeZone: QUEBEC_TIME_ZONE,
    lang: 'fr',
  });
}

/**
 * The server's callback reminders (CALLBACK_REMINDER_CRON, when SMTP is set; the digests go out through
 * the reminder scheduler's outbox, retried with it); the retention purge is in bot/retentionJobs.ts.
 * Logs carry counts and references only.
 */
export function registerCallbackJobs(
  jobs: ScheduledJobs,
  deps: { config: Config; db: Database; clock: Clock; logger: Logger; callbacks: CallbackService; scheduler?: ReminderScheduler },
): void {
  const { config, db, clock, logger } = deps;
  if (!deps.scheduler) {
    logger.info('callback reminders off: SMTP_URL is not set');
    return;
  }
  const reminders = createCallbackReminders(config, db);
  const scheduler = deps.scheduler;
  jobs.add({
    name: 'callback-reminders',
    pattern: config.CALLBACK_REMINDER_CRON,
    run: async () => {
      const now = clock.now();
      const queued = await reminders.claim(now);
      if (queued.length) logger.info({ digests: queued.map((q) => ({ id: q.digestId, routedTo: q.routedTo, callbacks: q.references.length })) }, 'callback reminders queued');
      try {
        await scheduler.deliverDue(now);
      } catch (err) {
        logger.warn({ err: errorSummary(err) }, 'callback reminders kept in the outbox for retry');
      }
    },
  });
}
