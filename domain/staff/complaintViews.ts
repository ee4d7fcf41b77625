import type { Complaint, ComplaintEvent } from '../complaints/complaint';
import { formatPhone } from '../complaints/contact';
import { formatIsoLocal } from '../format/dates';
import type { ComplaintClocks } from './complaintDesk';
import { historyEntryView, isoOrNull } from './historyView';


/** What a list shows about a complaint (no description), with instants in ISO 8601 at the Québec offset. */
export function complaintSummary(c: Complaint, clocks?: ComplaintClocks) {
  return {
    reference: c.reference,
    status: c.status,
    service: c.service,
    name: c.anonymized ? null : c.name,
    receivedAt: formatIsoLocal(c.receivedAt),
    firstContactDueDate: c.firstContactDueDate,
    firstContactAt: isoOrNull(c.firstContactAt),
    answerDueDate: c.answerDueDate,
    answeredAt: isoOrNull(c.answeredAt),
    closedAt: isoOrNull(c.closedAt),
    abandonedAt: isoOrNull(c.abandonedAt),
    anonymized: c.anonymized,
    assignedTo: c.assignedTo ?? null,
    assignedAt: isoOrNull(c.assignedAt),
    outcome: c.outcome ?? null,
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
    /** The phone in the local format (819 555-0177), the e-mail as stored. */
    contactDisplay: c.anonymized ? null : c.contactMethod === 'phone' ? formatPhone(c.contactValue) : c.contactValue,
    correctiveMeasures: c.correctiveMeasures ?? null,
    incidentDate: c.incidentDate ?? null,
    description: c.anonymized ? null : c.description,
    desiredOutcome: c.anonymized ? null : (c.desiredOutcome ?? null),
    channel: c.channelId ?? null,
    locale: c.locale ?? null,
    history: history.map((e) => ({
      ...historyEntryView(e),
      contactChannel: e.contactChannel ?? null,
      contactResult: e.contactResult ?? null,
      assignee: e.assignee ?? null,
      previousAssignee: e.previousAssignee ?? null,
    })),
  };
}
