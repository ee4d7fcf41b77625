import type { DomainServices, PrivacySettings } from '../dialogs/shared/services';
import { BusinessCalendar } from '../domain/calendar/businessCalendar';
import type { Clock } from '../domain/clock';
import { ComplaintRepository } from '../domain/complaints/complaintRepository';
import { ComplaintService } from '../domain/complaints/complaintService';
import type { Database } from '../domain/db/database';
import { ExamIncidentRepository } from '../domain/exams/examIncidentRepository';
import { ExamIncidentService } from '../domain/exams/examIncidentService';
import { FaqFeedbackRepository } from '../domain/faq/faqFeedbackRepository';
import { ServiceHours } from '../domain/serviceHours';
import { loadConfig } from './config';

/** Builds the plain domain services on a database; the server, the CLI and the tests share it. */
export function createDomainServices(db: Database, clock: Clock, privacy: PrivacySettings = defaultPrivacySettings()): DomainServices {
  const calendar = BusinessCalendar.fromDataFile();
  const hours = ServiceHours.fromDataFile(calendar);
  return {
    clock,
    calendar,
    hours,
    complaints: new ComplaintService(new ComplaintRepository(db), calendar, clock),
    examIncidents: new ExamIncidentService(new ExamIncidentRepository(db), calendar, hours, clock),
    faqFeedback: new FaqFeedbackRepository(db),
    privacy,
  };
}

/** The configuration's defaults, for callers without a configuration (tests). */
function defaultPrivacySettings(): PrivacySettings {
  const config = loadConfig({});
  return { policyUrl: config.PRIVACY_POLICY_URL, complaintRetentionDays: config.COMPLAINT_RETENTION_DAYS };
}
