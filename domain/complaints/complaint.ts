import type { LocalDate } from '../calendar/businessCalendar';

export const COMPLAINT_REFERENCE_PREFIX = 'PL';

/** reçue → prise en charge (first contact made) → répondue → fermée, or abandonnée. */
export const COMPLAINT_STATUSES = ['received', 'contacted', 'answered', 'closed', 'abandoned'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const FINAL_STATUSES: readonly ComplaintStatus[] = ['closed', 'abandoned'];

/** The services a complaint can be about (labels in locales/<lang>/complaint.json, services.<key>). */
export const COMPLAINT_SERVICES = [
  'ca-dotation-phone',
  'ca-dotation-email',
  'online-staffing-systems',
  'online-exams',
  'qualification-processes',
  'other',
] as const;
export type ComplaintService = (typeof COMPLAINT_SERVICES)[number];

export type ContactMethod = 'email' | 'phone';

export type ComplaintEventType =
  | 'received'
  | 'first_contact'
  | 'contact_attempt'
  | 'answered'
  | 'closed'
  | 'abandoned'
  | 'note'
  | 'assigned'
  | 'unassigned'
  | 'anonymized';

/** How staff tried to reach the complainant. */
export const CONTACT_CHANNELS = ['phone', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * `reached`: the person was actually reached (spoken to, or answered the e-mail): the first contact,
 * which stops the 5-business-day clock. `leftMessage`: a message left or an e-mail unanswered: the
 * attempt is recorded, the clock keeps running.
 */
export const CONTACT_RESULTS = ['reached', 'leftMessage'] as const;
export type ContactResult = (typeof CONTACT_RESULTS)[number];

/** The finding recorded when a complaint is closed (counted in the statistics). */
export const COMPLAINT_OUTCOMES = ['founded', 'partlyFounded', 'unfounded'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];
/** A founded or partly founded complaint says what was corrected. */
export const OUTCOMES_NEEDING_MEASURES: readonly ComplaintOutcome[] = ['founded', 'partlyFounded'];

/** What the citizen gives at intake. */
export interface ComplaintInput {
  name: string;
  contactMethod: ContactMethod;
  /** An e-mail address or a phone number, as entered; normalized when stored. */
  contactValue: string;
  service: ComplaintService;
  /** When the problem happened, if the citizen said. */
  incidentDate?: LocalDate;
  description: string;
  desiredOutcome?: string;
}

/** Where the complaint came from, and an id that makes a repeated confirmation idempotent. */
export interface ComplaintOrigin {
  submissionId: string;
  channelId?: string;
  conversationId?: string;
  locale?: string;
}

export interface Complaint extends ComplaintInput {
  id: number;
  reference: string;
  status: ComplaintStatus;
  receivedAt: Date;
  receivedDate: LocalDate;
  calendarVersion: string;
  firstContactDueDate: LocalDate;
  firstContactDueAt: Date;
  answerDueDate: LocalDate;
  answerDueAt: Date;
  firstContactAt?: Date;
  answeredAt?: Date;
  /** Business days from the day of receipt to the first contact / the answer (the 5- and 20-day standards). */
  firstContactBusinessDays?: number;
  answerBusinessDays?: number;
  closedAt?: Date;
  abandonedAt?: Date;
  channelId?: string;
  conversationId?: string;
  locale?: string;
  anonymized: boolean;
  updatedAt: Date;
  /** The officer (a staff name) handling it; unassigned complaints go to the team. */
  assignedTo?: string;
  assignedAt?: Date;
  outcome?: ComplaintOutcome;
  /** What the ministry corrected, for a founded or partly founded complaint. */
  correctiveMeasures?: string;
}

export interface ComplaintEvent {
  id: number;
  occurredAt: Date;
  type: ComplaintEventType;
  fromStatus?: ComplaintStatus;
  toStatus?: ComplaintStatus;
  actor: string;
  note?: string;
  contactChannel?: ContactChannel;
  contactResult?: ContactResult;
  /** For assigned / unassigned: the officer now in charge, and the one before. */
  assignee?: string;
  previousAssignee?: string;
}

/** Service standards (seed 000, « En matière de plaintes sur la qualité de nos services »). */
export const COMPLAINT_STANDARDS = {
  firstContactBusinessDays: 5,
  answerBusinessDays: 20,
  firstContactTargetPercent: 95,
  answerTargetPercent: 90,
} as const;
