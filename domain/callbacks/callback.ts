import type { LocalDate } from '../calendar/businessCalendar';

/** RA-2026-000123: « rappel ». */
export const CALLBACK_PREFIX = 'RA';

export const CALLBACK_STATUSES = ['pending', 'attempted', 'done', 'cancelled'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];
/** Still to be called. */
export const OPEN_CALLBACK_STATUSES: readonly CallbackStatus[] = ['pending', 'attempted'];

/** What happened when an officer called: reached and message left close the request, no answer keeps it open for a new attempt. */
export const CALLBACK_RESULTS = ['reached', 'messageLeft', 'noAnswer'] as const;
export type CallbackResult = (typeof CALLBACK_RESULTS)[number];
export type CallbackOutcome = Exclude<CallbackResult, 'noAnswer'>;

/** The opening period of the day the citizen chose (data/service-hours.json: before and after lunch). */
export const SLOT_PERIODS = ['morning', 'afternoon'] as const;
export type SlotPeriod = (typeof SLOT_PERIODS)[number];

export interface CallbackSlot {
  date: LocalDate;
  period: SlotPeriod;
  start: Date;
  end: Date;
}

export const SUBJECT_MAX_LENGTH = 500;
export const NAME_MAX_LENGTH = 200;

/** What the citizen gives (the chat's draft, confirmed). */
export interface CallbackInput {
  /** Optional: a first name is enough to ask for the right person when calling back. */
  name?: string;
  /** As typed; normalized to E.164 when stored. */
  phone: string;
  email?: string;
  subject: string;
  slot: Pick<CallbackSlot, 'date' | 'period'>;
}

export interface CallbackOrigin {
  /** Fixed when the summary is first shown: a repeated « Confirmer » stores nothing new. */
  submissionId: string;
  locale?: string;
  channelId?: string;
}

export interface Callback {
  id: number;
  reference: string;
  status: CallbackStatus;
  name?: string;
  /** E.164, or empty once anonymized. */
  phone: string;
  email?: string;
  /** Masked. */
  subject: string;
  locale?: string;
  channelId?: string;
  slot: CallbackSlot;
  createdAt: Date;
  assignedTo?: string;
  assignedAt?: Date;
  attempts: number;
  lastAttemptAt?: Date;
  outcome?: CallbackOutcome;
  doneAt?: Date;
  cancelledAt?: Date;
  anonymizedAt?: Date;
}

export type CallbackEventType = 'created' | 'assigned' | 'unassigned' | 'attempt' | 'done' | 'cancelled';

export interface CallbackEvent {
  occurredAt: Date;
  type: CallbackEventType;
  fromStatus?: CallbackStatus;
  toStatus?: CallbackStatus;
  actor: string;
  result?: CallbackResult;
  assignee?: string;
  note?: string;
}

export type CallbackErrorCode = 'notFound' | 'invalid' | 'closed' | 'slotUnavailable';

export class CallbackError extends Error {
  constructor(
    readonly code: CallbackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CallbackError';
  }
}
