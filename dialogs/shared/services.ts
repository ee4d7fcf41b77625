import type { StatePropertyAccessor } from 'botbuilder';
import type { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import type { Clock } from '../../domain/clock';
import type { ComplaintService } from '../../domain/complaints/complaintService';
import type { LookupThrottle } from '../../domain/complaints/lookupThrottle';
import type { ExamIncidentService } from '../../domain/exams/examIncidentService';
import type { FaqFeedbackRepository } from '../../domain/faq/faqFeedbackRepository';
import type { CitizenMailService } from '../../domain/notifications/citizenMailService';
import type { SatisfactionService } from '../../domain/satisfaction/satisfactionService';
import type { ServiceHours } from '../../domain/serviceHours';

/** What a conversation remembers between turns, apart from the dialog stack. */
export interface ConversationData {
  welcomed?: boolean;
  /** Consecutive messages the assistant did not understand. */
  misunderstandings?: number;
  /** Consecutive turns that failed with an exception. */
  failedTurns?: number;
  /** The last complaint confirmed in this conversation, so that a second « Confirmer » repeats its reference. */
  lastComplaint?: { submissionId: string; reference: string; confirmedAt: string };
  /**
   * The last topic answered, for a short time (dialogs/shared/lastTopic.ts): after an hours answer,
   * « pis le samedi? » is about the hours; after a complaint, « parler à un agent » gives the complaints address.
   */
  lastTopic?: { topic: 'hours' | 'complaint'; at: string; yesNo?: { asksClosed: boolean } };
  /** The language the person chose for the rest of the conversation (dialogs/shared/languageChoice.ts). */
  languageChoice?: 'fr' | 'en';
  /** Continuing in English was already offered in this conversation: it is offered once. */
  englishOffered?: boolean;
  /** The one-question survey (dialogs/satisfactionDialog.ts): what the chat was about, and whether it was asked (once per conversation). */
  satisfaction?: { topic?: string; asked?: boolean };
}

/** What the collection notices quote (from bot/config.ts: PRIVACY_POLICY_URL, COMPLAINT_RETENTION_DAYS). */
export interface PrivacySettings {
  policyUrl: string;
  complaintRetentionDays: number;
}

/** Plain domain services (no Bot Framework types), built once by bot/domainServices.ts. */
export interface DomainServices {
  clock: Clock;
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
}

/** What the dialogs receive: the domain services plus the conversation's own state. */
export interface DialogServices extends DomainServices {
  conversationData: StatePropertyAccessor<ConversationData>;
}
