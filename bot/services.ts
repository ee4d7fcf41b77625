import type { DomainServices, PrivacySettings } from '../domain/services';
import { BusinessCalendar } from '../domain/calendar/businessCalendar';
import { createCallbackService } from './callbackServices';
import type { Clock } from '../domain/clock';
import { ComplaintRepository } from '../domain/complaints/complaintRepository';
import { ComplaintService } from '../domain/complaints/complaintService';
import { CONVERSATION_POLICY, LookupThrottle, ThrottlePolicies } from '../domain/complaints/lookupThrottle';
import { contacts } from '../domain/contacts';
import { knowledgeBase } from '../domain/faq/knowledgeBase';
import type { Database } from '../domain/db/database';
import { ExamIncidentRepository } from '../domain/exams/examIncidentRepository';
import { ExamIncidentService } from '../domain/exams/examIncidentService';
import { FaqFeedbackRepository } from '../domain/faq/faqFeedbackRepository';
import { InteractionRepository } from '../domain/db/interactionRepository';
import { LiveHelpRepository } from '../domain/liveHelp/liveHelpRepository';
import { LiveHelpService } from '../domain/liveHelp/liveHelpService';
import type { LiveHelpSettings } from '../domain/liveHelp/liveHelp';
import { publicInformationMasker } from '../domain/privacy/publicMasker';
import type { Mailer } from '../domain/reminders/mailer';
import type { ReminderScheduler } from '../domain/reminders/reminderScheduler';
import { SatisfactionRepository } from '../domain/satisfaction/satisfactionRepository';
import { SatisfactionService } from '../domain/satisfaction/satisfactionService';
import { ServiceHours } from '../domain/serviceHours';
import { ComplaintDesk } from '../domain/staff/complaintDesk';
import type { StaffDirectory } from '../domain/staff/staffDirectory';
import { ReminderStatisticsRepository } from '../domain/statistics/reminderStatistics';
import { StatisticsService } from '../domain/statistics/statisticsService';
import { createCitizenMailService } from './citizenMailJobs';
import type { Config } from './config';
import type { Logger } from './logger';
import { createReminderScheduler } from './reminderJobs';
import { staffDirectory } from './staffAccounts';

/** Everything the server, the CLI and the tests work with, built once on a database by `createServices`. */
export interface Services extends DomainServices {
  /** The named staff of ADMIN_TOKENS. */
  staff: StaffDirectory;
  /** The staff's view of the complaints (queue, at-risk deadlines, assignment). */
  desk: ComplaintDesk;
  statistics: StatisticsService;
  /** The exam incidents as stored (the staff's queue and exports). */
  incidents: ExamIncidentRepository;
  reminderStatistics: ReminderStatisticsRepository;
  /** The deadline reminders; built with `mail` when SMTP_URL is set, absent otherwise. */
  reminderScheduler?: ReminderScheduler;
}

export interface ServicesOptions {
  /** An already loaded calendar (the CLI checks its options with it before the database opens). */
  calendar?: BusinessCalendar;
  /**
   * The outgoing e-mail (citizen mails, reminder scheduler), built when SMTP_URL is set. The server
   * passes it; the CLI and most tests leave it out, so nothing is sent and no key is generated.
   */
  mail?: { logger: Logger; surveyKey?: string; mailer?: Mailer };
}

/** The composition root of the domain: builds every service once, from the configuration, on a database. */
export async function createServices(config: Config, db: Database, clock: Clock, options: ServicesOptions = {}): Promise<Services> {
  const calendar = options.calendar ?? BusinessCalendar.fromDataFile();
  const hours = ServiceHours.fromDataFile(calendar);
  const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
  const staff = staffDirectory(config);
  const incidents = new ExamIncidentRepository(db);
  const mail = options.mail;
  return {
    clock,
    calendar,
    hours,
    contacts: contacts(),
    knowledgeBase: knowledgeBase(),
    complaints,
    staff,
    desk: new ComplaintDesk(complaints, calendar, clock, atRiskDays(config), staff),
    statistics: new StatisticsService(db, calendar, clock),
    incidents,
    reminderStatistics: new ReminderStatisticsRepository(db),
    examIncidents: new ExamIncidentService(incidents, calendar, hours, clock, publicInformationMasker()),
    faqFeedback: new FaqFeedbackRepository(db),
    complaintLookups: new LookupThrottle(db, clock, lookupThrottlePolicies(config)),
    privacy: privacySettings(config),
    callbacks: createCallbackService(db, calendar, hours, clock, staff),
    satisfaction: new SatisfactionService(new SatisfactionRepository(db), complaints, clock, publicInformationMasker()),
    citizenMail: mail ? await createCitizenMailService(config, db, { clock, logger: mail.logger, mailer: mail.mailer, surveyKey: mail.surveyKey }) : undefined,
    liveHelp: new LiveHelpService(new LiveHelpRepository(db), new InteractionRepository(db), hours, clock, publicInformationMasker(), liveHelpSettings(config)),
    reminderScheduler: mail && config.SMTP_URL ? createReminderScheduler(config, db, { calendar, mailer: mail.mailer }) : undefined,
  };
}

/** What the collection notices quote: PRIVACY_POLICY_URL and COMPLAINT_RETENTION_DAYS. */
export function privacySettings(config: Pick<Config, 'PRIVACY_POLICY_URL' | 'COMPLAINT_RETENTION_DAYS'> & Partial<Pick<Config, 'CALLBACK_RETENTION_DAYS'>>): PrivacySettings {
  return { policyUrl: config.PRIVACY_POLICY_URL, complaintRetentionDays: config.COMPLAINT_RETENTION_DAYS, callbackRetentionDays: config.CALLBACK_RETENTION_DAYS };
}

/** LIVE_HELP_*: whether live help is on, the longest wait offered, the queue timeout and the agents' grace period. */
export function liveHelpSettings(config: Config): LiveHelpSettings {
  return {
    enabled: config.LIVE_HELP_ENABLED,
    maxWaitMinutes: config.LIVE_HELP_MAX_WAIT_MINUTES,
    queueTimeoutMinutes: config.LIVE_HELP_QUEUE_TIMEOUT_MINUTES,
    agentGraceSeconds: config.LIVE_HELP_AGENT_GRACE_SECONDS,
    defaultHandlingMinutes: config.LIVE_HELP_HANDLING_MINUTES,
  };
}

/** The business days before a deadline from which a complaint is at risk (REMINDER_AT_RISK_*). */
function atRiskDays(config: Config): { firstContact: number; answer: number } {
  return { firstContact: config.REMINDER_AT_RISK_FIRST_CONTACT_DAYS, answer: config.REMINDER_AT_RISK_ANSWER_DAYS };
}

/** The complaint-status lookup limits: COMPLAINT_LOOKUP_* per reference and per address, fixed per conversation. */
export function lookupThrottlePolicies(config: Config): ThrottlePolicies {
  return {
    conversation: CONVERSATION_POLICY,
    reference: {
      maxFailures: config.COMPLAINT_LOOKUP_REFERENCE_MAX_FAILURES,
      windowMinutes: config.COMPLAINT_LOOKUP_REFERENCE_WINDOW_MINUTES,
      lockMinutes: config.COMPLAINT_LOOKUP_REFERENCE_LOCK_MINUTES,
    },
    address: {
      maxFailures: config.COMPLAINT_LOOKUP_ADDRESS_MAX_FAILURES,
      windowMinutes: config.COMPLAINT_LOOKUP_ADDRESS_WINDOW_MINUTES,
      lockMinutes: config.COMPLAINT_LOOKUP_ADDRESS_LOCK_MINUTES,
    },
  };
}
