import type { CallbackService } from './callbacks/callbackService';
import type { Contacts } from './contacts';
import type { KnowledgeBase } from './faq/knowledgeBase';
import type { BusinessCalendar } from './calendar/businessCalendar';
import type { Clock } from './clock';
import type { ComplaintService } from './complaints/complaintService';
import type { LookupThrottle } from './complaints/lookupThrottle';
import type { ExamIncidentService } from './exams/examIncidentService';
import type { FaqFeedbackRepository } from './faq/faqFeedbackRepository';
import type { LiveHelpService } from './liveHelp/liveHelpService';
import type { CitizenMailService } from './notifications/citizenMailService';
import type { SatisfactionService } from './satisfaction/satisfactionService';
import type { ServiceHours } from './serviceHours';

/** What the collection notices quote (from bot/config.ts: PRIVACY_POLICY_URL, COMPLAINT_RETENTION_DAYS). */
export interface PrivacySettings {
  policyUrl: string;
  complaintRetentionDays: number;
  /** CALLBACK_RETENTION_DAYS */
  callbackRetentionDays?: number;
}

/** Plain domain services (no Bot Framework types), built once by createServices (bot/services.ts). */
export interface DomainServices {
  clock: Clock;
  /** The public contact points (data/contacts.json). */
  contacts: Contacts;
  /** The FAQ entries (data/knowledge-base/faq.json). */
  knowledgeBase: KnowledgeBase;
  calendar: BusinessCalendar;
  hours: ServiceHours;
  complaints: ComplaintService;
  examIncidents: ExamIncidentService;
  faqFeedback: FaqFeedbackRepository;
  /** Failed complaint-status lookups, counted per conversation, reference and client address. */
  complaintLookups: LookupThrottle;
  privacy: PrivacySettings;
  /** E-mails to complainants (acknowledgement, answer); absent when SMTP is not configured. */
  citizenMail?: CitizenMailService;
  /** The one-question satisfaction survey (chat, closed complaints). */
  satisfaction: SatisfactionService;
  /** Live help: the queue and the sessions with an agent (LIVE_HELP_*); `enabled` is false unless switched on. */
  liveHelp?: LiveHelpService;
  /** The callback requests (RA-…): the chat's form and the staff queue. */
  callbacks: CallbackService;
}
