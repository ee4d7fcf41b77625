import type { Complaint, ComplaintEvent } from '../complaints/complaint';
import { formatIsoLocal } from '../format/dates';
import type { ComplaintClocks } from './complaintDesk';

const iso = (value: Date | undefined): string | null => (value ? formatIsoLocal(value) : null);

/** What a list shows about a complaint (no description), with instants in ISO 8601 at the Québec offset. */
export function complaintSummary(c: Complaint, clocks?: ComplaintClocks) {
  return {
    reference: c.reference,
    status: c.status,
    service: c.service,
    name: c.anonymized ? null : c.name,
    receivedAt: formatIsoLocal(c.receivedAt),
    firstContactDueDate: c.firstContactDueDate,
    firstContactAt: iso(c.firstContactAt),
    answerDueDate: c.answerDueDate,
    answeredAt: iso(c.answeredAt),
    closedAt: iso(c.closedAt),
    abandonedAt: iso(c.abandonedAt),
    anonymized: c.anonymized,
    ...(clocks ? { clocks } : {}),
  };
}

/** Everything staff see about one complaint, as stored (the citizen's text is escaped where it is shown). */
export function complaintDetail(c: Complaint, clocks: ComplaintClocks, history: ComplaintEvent[]) {
  return {
    ...complaintSummary(c, clocks),
    firstContactBusinessDays: c.firstContactBusinessDays ?? null,
    answerBusinessDays: c.answerBusinessDays ?? null,
    contactMethod: c.contactMethod,
    contactValue: c.anonymized ? null : c.contactValue,
    incidentDate: c.incidentDate ?? null,
    description: c.anonymized ? null : c.description,
    desiredOutcome: c.anonymized ? null : (c.desiredOutcome ?? null),
    channel: c.channelId ?? null,
    locale: c.locale ?? null,
    history: history.map((e) => ({
      occurredAt: formatIsoLocal(e.occurredAt),
      type: e.type,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      actor: e.actor,
      note: e.note ?? null,
    })),
  };
}
