import { formatPhone } from '../complaints/contact';
import { formatIsoLocal } from '../format/dates';
import { historyEntryView, isoOrNull } from '../staff/historyView';
import type { Callback, CallbackEvent } from './callback';

/** A request in the staff lists (API, page): no subject, the phone to call. */
export function callbackSummary(c: Callback) {
  return {
    reference: c.reference,
    status: c.status,
    name: c.name ?? null,
    phone: c.phone ? formatPhone(c.phone) : null,
    slot: { date: c.slot.date, period: c.slot.period, start: formatIsoLocal(c.slot.start), end: formatIsoLocal(c.slot.end) },
    createdAt: formatIsoLocal(c.createdAt),
    assignedTo: c.assignedTo ?? null,
    attempts: c.attempts,
    outcome: c.outcome ?? null,
    doneAt: isoOrNull(c.doneAt),
  };
}

/** One request with its subject (masked), e-mail and history. */
export function callbackDetail(c: Callback, history: CallbackEvent[]) {
  return {
    ...callbackSummary(c),
    email: c.email ?? null,
    subject: c.subject,
    locale: c.locale ?? null,
    assignedAt: isoOrNull(c.assignedAt),
    lastAttemptAt: isoOrNull(c.lastAttemptAt),
    cancelledAt: isoOrNull(c.cancelledAt),
    anonymized: Boolean(c.anonymizedAt),
    history: history.map((e) => ({ ...historyEntryView(e), result: e.result ?? null, assignee: e.assignee ?? null })),
  };
}
