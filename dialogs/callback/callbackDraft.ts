import type { SlotPeriod } from '../../domain/callbacks/callback';
import type { LocalDate } from '../../domain/calendar/businessCalendar';

/** The form's answers so far, kept in the dialog state (it survives a restart). */
export interface CallbackDraft {
  /** Optional: null when the citizen skipped it. */
  name?: string | null;
  phone?: string;
  slot?: { date: LocalDate; period: SlotPeriod };
  subject?: string;
  /** Optional: null when skipped (no acknowledgement). */
  email?: string | null;
}

/** Why the form was opened: asked by the citizen, or offered by the live help (the lead's handoff dialog). */
export type CallbackReason = 'asked' | 'closed' | 'noAgent' | 'longWait';

/** What CALLBACK_REQUEST_DIALOG accepts when another dialog starts it. */
export interface CallbackRequestOptions {
  reason?: CallbackReason;
}

export const CALLBACK_FIELDS = ['name', 'phone', 'slot', 'subject', 'email'] as const;
export type CallbackField = (typeof CALLBACK_FIELDS)[number];
