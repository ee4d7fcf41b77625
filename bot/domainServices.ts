import type { DomainServices, PrivacySettings } from '../domain/services';
import { BusinessCalendar } from '../domain/calendar/businessCalendar';
import type { Clock } from '../domain/clock';
import { ComplaintRepository } from '../domain/complaints/complaintRepository';
import { ComplaintService } from '../domain/complaints/complaintService';
import { CONVERSATION_POLICY, LookupThrottle, ThrottlePolicies } from '../domain/complaints/lookupThrottle';
import type { Database } from '../domain/db/database';
import { ExamIncidentRepository } from '../domain/exams/examIncidentRepository';
import { ExamIncidentService } from '../domain/exams/examIncidentService';
import { FaqFeedbackRepository } from '../domain/faq/faqFeedbackRepository';
import { publicInformationMasker } from '../domain/privacy/publicMasker';
import { SatisfactionRepository } from '../domain/satisfaction/satisfactionRepository';
import { SatisfactionService } from '../domain/satisfaction/satisfactionService';
import { ServiceHours } from '../domain/serviceHours';
import { Config, loadConfig } from './config';

/** Builds the plain domain services on a database; the server, the CLI and the tests share it. */
export function createDomainServices(
  db: Database,
  clock: Clock,
  privacy: PrivacySettings = defaultPrivacySettings(),
  lookupPolicies: ThrottlePolicies = lookupThrottlePolicies(loadConfig({})),
): DomainServices {
  const calendar = BusinessCalendar.fromDataFile();
  const hours = ServiceHours.fromDataFile(calendar);
  const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
  return {
    clock,
    calendar,
    hours,
    complaints,
    examIncidents: new ExamIncidentService(new ExamIncidentRepository(db), calendar, hours, clock, publicInformationMasker()),
    faqFeedback: new FaqFeedbackRepository(db),
    complaintLookups: new LookupThrottle(db, clock, lookupPolicies),
    privacy,
    satisfaction: new SatisfactionService(new SatisfactionRepository(db), complaints, clock, publicInformationMasker()),
  };
}

/** The configuration's defaults, for callers without a configuration (tests). */
function defaultPrivacySettings(): PrivacySettings {
  const config = loadConfig({});
  return { policyUrl: config.PRIVACY_POLICY_URL, complaintRetentionDays: config.COMPLAINT_RETENTION_DAYS };
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
