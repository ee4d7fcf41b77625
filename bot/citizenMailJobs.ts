import type { Clock } from '../domain/clock';
import { contacts } from '../domain/contacts';
import type { Database } from '../domain/db/database';
import { QUEBEC_TIME_ZONE } from '../domain/format/dates';
import { CitizenMailRepository } from '../domain/notifications/citizenMailRepository';
import { CitizenDelivery, CitizenMailService, CitizenMailSettings } from '../domain/notifications/citizenMailService';
import { Mailer, SmtpMailer } from '../domain/reminders/mailer';
import type { Config } from './config';
import { errorSummary } from './errorSummary';
import type { Logger } from './logger';
import { loadPseudonymKey } from './pseudonymKey';
import type { ScheduledJobs } from './scheduledJobs';

/** The citizens' outbox is retried this often (only the mails whose backoff has passed). */
export const CITIZEN_MAIL_OUTBOX_CRON = '*/5 * * * *';

/**
 * The e-mails to complainants, when SMTP_URL is set (sender CITIZEN_MAIL_FROM, or REMINDER_FROM);
 * undefined otherwise: nothing is queued and the chat says no acknowledgement will be sent.
 */
export async function createCitizenMailService(
  config: Config,
  db: Database,
  deps: { clock: Clock; logger: Logger; mailer?: Mailer; surveyKey?: string },
): Promise<CitizenMailService | undefined> {
  const from = config.CITIZEN_MAIL_FROM ?? config.REMINDER_FROM;
  if (!config.SMTP_URL || !from) return undefined;
  const mailer = deps.mailer ?? new SmtpMailer(config.SMTP_URL);
  return new CitizenMailService(
    new CitizenMailRepository(db),
    deps.clock,
    citizenMailSettings(config, deps.surveyKey ?? (await loadPseudonymKey(config, db))),
    mailer,
    (outcomes, err) => logCitizenDeliveries(deps.logger, outcomes, err),
  );
}

/** What the citizens' e-mails quote and how they are sent; `from` is empty without a sender (a preview needs none). */
export function citizenMailSettings(config: Config, surveyKey: string): CitizenMailSettings {
  return {
    from: config.CITIZEN_MAIL_FROM ?? config.REMINDER_FROM ?? '',
    replyTo: contacts().complaints.email.display,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    privacyPolicyUrl: config.PRIVACY_POLICY_URL,
    retentionDays: config.COMPLAINT_RETENTION_DAYS,
    timeZone: QUEBEC_TIME_ZONE,
    surveyKey,
  };
}

/** The outbox job: retries what is due every five minutes (the first attempt is made as soon as a mail is queued). */
export function registerCitizenMailJobs(jobs: ScheduledJobs, service: CitizenMailService | undefined, deps: { clock: Clock; logger: Logger }): void {
  if (!service) {
    deps.logger.info('citizen e-mails off: SMTP_URL is not set');
    return;
  }
  jobs.add({
    name: 'citizen-mail-outbox',
    pattern: CITIZEN_MAIL_OUTBOX_CRON,
    run: async () => logCitizenDeliveries(deps.logger, await service.deliverDue(deps.clock.now())),
  });
}

/** Mail ids, kinds, attempts and error codes only: never an address, a name or a reference. */
export function logCitizenDeliveries(logger: Logger, outcomes: CitizenDelivery[], err?: unknown): void {
  if (err) logger.error({ err: errorSummary(err) }, 'citizen e-mail delivery pass failed');
  for (const o of outcomes) {
    if (o.status === 'sent') logger.info({ mailId: o.mailId, kind: o.kind, attempt: o.attempt }, 'citizen e-mail sent');
    else
      logger.warn(
        { mailId: o.mailId, kind: o.kind, attempt: o.attempt, errorCode: o.errorCode, nextAttemptAt: o.nextAttemptAt?.toISOString() },
        'citizen e-mail not sent; kept in the outbox for retry',
      );
  }
}
