import type { Knex } from 'knex';
import type { BusinessCalendar } from '../calendar/businessCalendar';
import type { Clock } from '../clock';
import { maskForManagers } from '../privacy/managerText';
import { nextReference } from '../references';
import {
  COMPLAINT_REFERENCE_PREFIX,
  COMPLAINT_SERVICES,
  Complaint,
  ComplaintEvent,
  ComplaintInput,
  ComplaintOrigin,
  ComplaintOutcome,
  ComplaintStatus,
  COMPLAINT_OUTCOMES,
  CONTACT_CHANNELS,
  CONTACT_RESULTS,
  ContactChannel,
  ContactResult,
  FINAL_STATUSES,
  OUTCOMES_NEEDING_MEASURES,
} from './complaint';
import { complaintSearchText } from './complaintSearch';
import type { ComplaintFields, ComplaintFilter, ComplaintRepository } from './complaintRepository';
import { anyContactKey, contactKey, normalizeEmail, normalizePhone } from './contact';
import { computeDeadlines } from './deadlines';

export const DESCRIPTION_MAX_LENGTH = 4000;
export const MEASURES_MAX_LENGTH = 4000;
export const STAFF_NAME_MAX_LENGTH = 100;

export class ComplaintError extends Error {
  constructor(
    readonly code: 'notFound' | 'invalidTransition' | 'invalidInput',
    message: string,
  ) {
    super(message);
    this.name = 'ComplaintError';
  }
}

export interface StaffAction {
  /** Who did it, for the history: a staff name, "citoyen" or "système". */
  actor: string;
  note?: string;
  /** When it happened, if not now (e.g. a call made yesterday, recorded today). */
  at?: Date;
}

export interface ContactAttempt extends StaffAction {
  channel: ContactChannel;
  result: ContactResult;
}

export interface CloseAction extends StaffAction {
  /** Required by the staff tools; optional here for complaints closed before outcomes were recorded. */
  outcome?: ComplaintOutcome;
  correctiveMeasures?: string;
}

/**
 * The complaint register: intake, both service-standard clocks and the status history. Used by the
 * chat, the staff CLI and admin API, the reminder scheduler and the statistics.
 */
export class ComplaintService {
  constructor(
    private readonly repository: ComplaintRepository,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a complaint, its first history event and both deadlines in one transaction. Calling it
   * again with the same submissionId (a double click on « Confirmer ») returns the same complaint.
   */
  async create(
    input: ComplaintInput,
    origin: ComplaintOrigin,
    options: { alsoInTransaction?: (trx: Knex.Transaction, complaint: Complaint) => Promise<void> } = {},
  ): Promise<{ complaint: Complaint; created: boolean }> {
    const clean = validate(input);
    const existing = await this.repository.findBySubmission(origin.submissionId);
    if (existing) return { complaint: existing, created: false };
    const receivedAt = this.clock.now();
    const deadlines = computeDeadlines(receivedAt, this.calendar);
    try {
      const complaint = await this.repository.transaction(async (trx) => {
        const reference = await nextReference(trx, COMPLAINT_REFERENCE_PREFIX, Number(deadlines.receivedDate.slice(0, 4)));
        const id = await this.repository.insert(trx, {
          reference,
          submissionId: origin.submissionId,
          status: 'received',
          receivedAt,
          receivedDate: deadlines.receivedDate,
          calendarVersion: deadlines.calendarVersion,
          firstContactDueDate: deadlines.firstContactDueDate,
          firstContactDueAt: deadlines.firstContactDueAt,
          answerDueDate: deadlines.answerDueDate,
          answerDueAt: deadlines.answerDueAt,
          firstContactAt: null,
          answeredAt: null,
          firstContactBusinessDays: null,
          answerBusinessDays: null,
          closedAt: null,
          abandonedAt: null,
          name: clean.name,
          contactMethod: clean.contactMethod,
          contactValue: clean.contactValue,
          contactKey: contactKey(clean.contactMethod, clean.contactValue)!,
          service: clean.service,
          incidentDate: clean.incidentDate ?? null,
          description: clean.description,
          desiredOutcome: clean.desiredOutcome ?? null,
          channelId: origin.channelId ?? null,
          conversationId: origin.conversationId ?? null,
          locale: origin.locale ?? null,
          anonymized: false,
          updatedAt: receivedAt,
          assignedTo: null,
          assignedAt: null,
          outcome: null,
          correctiveMeasures: null,
          searchText: complaintSearchText({ reference, ...clean }),
        });
        await this.repository.insertEvent(trx, id, { occurredAt: receivedAt, type: 'received', toStatus: 'received', actor: 'citoyen' });
        const stored = (await this.repository.findByReference(reference, trx))!;
        await options.alsoInTransaction?.(trx, stored);
        return stored;
      });
      return { complaint, created: true };
    } catch (err) {
      // Two confirmations racing: the unique submission id let only one in.
      const raced = await this.repository.findBySubmission(origin.submissionId);
      if (raced) return { complaint: raced, created: false };
      throw err;
    }
  }

  async get(reference: string): Promise<Complaint | undefined> {
    return this.repository.findByReference(reference);
  }

  async require(reference: string): Promise<Complaint> {
    const complaint = await this.get(reference);
    if (!complaint) throw new ComplaintError('notFound', `unknown complaint ${reference}`);
    return complaint;
  }

  async history(reference: string): Promise<ComplaintEvent[]> {
    return this.repository.events((await this.require(reference)).id);
  }

  /** The complaint only when the contact matches the one given at intake; otherwise nothing, whatever the reason. */
  async findForCitizen(reference: string, contact: string): Promise<Complaint | undefined> {
    const key = anyContactKey(contact);
    return key ? this.repository.findByReferenceAndContact(reference, key) : undefined;
  }

  list(filter: ComplaintFilter = {}): Promise<Complaint[]> {
    return this.repository.list(filter);
  }

  stream(filter: ComplaintFilter = {}): AsyncIterable<Complaint> {
    return this.repository.stream(filter);
  }

  listOpen(): Promise<Complaint[]> {
    return this.repository.listOpen();
  }

  /** First contact made (the person was reached): stops the 5-day clock. */
  recordFirstContact(reference: string, action: StaffAction): Promise<Complaint> {
    return this.transition(reference, action, ['received'], 'contacted', 'first_contact', (at, complaint) => ({
      firstContactAt: at,
      firstContactBusinessDays: this.businessDaysSinceReceipt(complaint, at),
    }));
  }

  /**
   * A call or an e-mail to the complainant. Only `reached` is a first contact (it stops the 5-day clock
   * and the complaint becomes « prise en charge »); a message left is recorded and the clock runs on.
   * Any open complaint may get attempts: a later call after the first contact is history too.
   */
  async recordContactAttempt(reference: string, attempt: ContactAttempt): Promise<Complaint> {
    if (!CONTACT_CHANNELS.includes(attempt.channel)) throw new ComplaintError('invalidInput', 'unknown contact channel');
    if (!CONTACT_RESULTS.includes(attempt.result)) throw new ComplaintError('invalidInput', 'unknown contact result');
    const details = { contactChannel: attempt.channel, contactResult: attempt.result };
    const current = await this.require(reference);
    if (attempt.result === 'reached' && current.status === 'received') {
      return this.transition(
        reference,
        attempt,
        ['received'],
        'contacted',
        'contact_attempt',
        (at, complaint) => ({ firstContactAt: at, firstContactBusinessDays: this.businessDaysSinceReceipt(complaint, at) }),
        details,
      );
    }
    return this.repository.transaction(async (trx) => {
      const complaint = (await this.repository.findByReference(reference, trx))!;
      if (isFinal(complaint.status)) throw new ComplaintError('invalidTransition', `complaint ${reference} is ${complaint.status}`);
      const at = attempt.at ?? this.clock.now();
      if (at < complaint.receivedAt) throw new ComplaintError('invalidInput', `the date is before the complaint was received`);
      await this.repository.update(trx, complaint.id, { updatedAt: this.clock.now() });
      await this.repository.insertEvent(trx, complaint.id, { occurredAt: at, type: 'contact_attempt', actor: attempt.actor, note: attempt.note, ...details });
      return (await this.repository.findByReference(reference, trx))!;
    });
  }

  /**
   * Gives the complaint to an officer (a staff name, checked by the caller against the staff
   * directory), to another one, or back to the team (`undefined`). Assigning to the officer already in
   * charge changes nothing and records nothing.
   */
  async assign(reference: string, assignee: string | undefined, action: StaffAction): Promise<Complaint> {
    const name = assignee?.trim() || undefined;
    if (name !== undefined && name.length > STAFF_NAME_MAX_LENGTH) throw new ComplaintError('invalidInput', 'the name is too long');
    return this.repository.transaction(async (trx) => {
      const complaint = await this.repository.findByReference(reference, trx);
      if (!complaint) throw new ComplaintError('notFound', `unknown complaint ${reference}`);
      if (isFinal(complaint.status)) throw new ComplaintError('invalidTransition', `complaint ${reference} is ${complaint.status}`);
      if (complaint.assignedTo === name) return complaint;
      const now = this.clock.now();
      await this.repository.update(trx, complaint.id, { assignedTo: name ?? null, assignedAt: name ? now : null, updatedAt: now });
      await this.repository.insertEvent(trx, complaint.id, {
        occurredAt: now,
        type: name ? 'assigned' : 'unassigned',
        actor: action.actor,
        note: action.note,
        assignee: name,
        previousAssignee: complaint.assignedTo,
      });
      return (await this.repository.findByReference(reference, trx))!;
    });
  }

  /** Answer given: stops the 20-day clock (and the 5-day one, if no contact was recorded before: an answer is a contact). */
  recordAnswer(reference: string, action: StaffAction): Promise<Complaint> {
    return this.transition(reference, action, ['received', 'contacted'], 'answered', 'answered', (at, complaint) => ({
      answeredAt: at,
      answerBusinessDays: this.businessDaysSinceReceipt(complaint, at),
      ...(complaint.firstContactAt ? {} : { firstContactAt: at, firstContactBusinessDays: this.businessDaysSinceReceipt(complaint, at) }),
    }));
  }

  /** Closes an answered complaint, with its outcome and, when founded or partly founded, the corrective measures taken. */
  async close(reference: string, action: CloseAction): Promise<Complaint> {
    const measures = action.correctiveMeasures?.trim() || undefined;
    if (action.outcome !== undefined && !COMPLAINT_OUTCOMES.includes(action.outcome)) throw new ComplaintError('invalidInput', 'unknown outcome');
    if (action.outcome && OUTCOMES_NEEDING_MEASURES.includes(action.outcome) && !measures)
      throw new ComplaintError('invalidInput', 'a founded or partly founded complaint needs the corrective measures taken');
    if (measures && !action.outcome) throw new ComplaintError('invalidInput', 'corrective measures need an outcome');
    if (measures && measures.length > MEASURES_MAX_LENGTH) throw new ComplaintError('invalidInput', 'the corrective measures are too long');
    return this.transition(reference, action, ['answered'], 'closed', 'closed', (at) => ({
      closedAt: at,
      outcome: action.outcome ?? null,
      correctiveMeasures: measures ?? null,
    }));
  }

  /** The complainant withdrew or cannot be reached: both clocks stop. */
  abandon(reference: string, action: StaffAction): Promise<Complaint> {
    return this.transition(reference, action, ['received', 'contacted', 'answered'], 'abandoned', 'abandoned', (at) => ({ abandonedAt: at }));
  }

  async addNote(reference: string, action: StaffAction & { note: string }): Promise<void> {
    const complaint = await this.require(reference);
    await this.repository.transaction(async (trx) => {
      await this.repository.insertEvent(trx, complaint.id, { occurredAt: action.at ?? this.clock.now(), type: 'note', actor: action.actor, note: action.note });
    });
  }

  /** Replaces the personal information of complaints finished more than `retentionDays` ago; dates and statuses stay for statistics. */
  async anonymizeFinished(retentionDays: number): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    const finished = await this.repository.finishedBefore(cutoff);
    for (const complaint of finished) {
      // The person's own name first (in any case), then the strict masking of free text (contacts, other names, numbers).
      const name = complaint.name.trim();
      const forget = (text: string) => maskForManagers(name.length >= 2 ? text.replace(new RegExp(escapeRegExp(name), 'gi'), '[nom]') : text);
      await this.repository.transaction(async (trx) => {
        await this.repository.update(trx, complaint.id, {
          name: '',
          contactValue: '',
          contactKey: '',
          description: '',
          desiredOutcome: null,
          conversationId: null,
          searchText: null,
          // The measures are kept for the statistics, and the staff's notes for the history, masked strictly: staff may have named the person.
          ...(complaint.correctiveMeasures ? { correctiveMeasures: forget(complaint.correctiveMeasures) } : {}),
          anonymized: true,
          updatedAt: now,
        });
        await this.repository.rewriteEventNotes(trx, complaint.id, forget);
        await this.repository.forgetUnsentMails(trx, complaint.id);
        await this.repository.insertEvent(trx, complaint.id, { occurredAt: now, type: 'anonymized', actor: 'système' });
      });
    }
    return finished.length;
  }

  /** 0 when the event happens on the day of receipt; a first contact on the 5th business day after it is on time. */
  private businessDaysSinceReceipt(complaint: Complaint, at: Date): number {
    return this.calendar.businessDaysBetween(complaint.receivedDate, this.calendar.localDateOf(at));
  }

  private async transition(
    reference: string,
    action: StaffAction,
    allowedFrom: ComplaintStatus[],
    to: ComplaintStatus,
    type: ComplaintEvent['type'],
    changes: (at: Date, complaint: Complaint) => Partial<ComplaintFields>,
    details: Pick<ComplaintEvent, 'contactChannel' | 'contactResult'> = {},
  ): Promise<Complaint> {
    return this.repository.transaction(async (trx) => {
      const complaint = await this.repository.findByReference(reference, trx);
      if (!complaint) throw new ComplaintError('notFound', `unknown complaint ${reference}`);
      if (!allowedFrom.includes(complaint.status)) {
        throw new ComplaintError('invalidTransition', `complaint ${reference} is ${complaint.status}; cannot become ${to}`);
      }
      const at = action.at ?? this.clock.now();
      if (at < complaint.receivedAt) throw new ComplaintError('invalidInput', `the date is before the complaint was received`);
      await this.repository.update(trx, complaint.id, { status: to, ...changes(at, complaint), updatedAt: this.clock.now() });
      await this.repository.insertEvent(trx, complaint.id, {
        occurredAt: at,
        type,
        fromStatus: complaint.status,
        toStatus: to,
        actor: action.actor,
        note: action.note,
        ...details,
      });
      return (await this.repository.findByReference(reference, trx))!;
    });
  }
}

export function isFinal(status: ComplaintStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

function validate(input: ComplaintInput): ComplaintInput {
  const name = input.name.trim();
  const description = input.description.trim();
  const contactValue = input.contactMethod === 'email' ? normalizeEmail(input.contactValue) : normalizePhone(input.contactValue);
  if (!name || name.length > 200) throw new ComplaintError('invalidInput', 'name is required (200 characters at most)');
  if (!contactValue) throw new ComplaintError('invalidInput', `invalid ${input.contactMethod}`);
  if (!COMPLAINT_SERVICES.includes(input.service)) throw new ComplaintError('invalidInput', 'unknown service');
  if (!description || description.length > DESCRIPTION_MAX_LENGTH)
    throw new ComplaintError('invalidInput', `description is required (${DESCRIPTION_MAX_LENGTH} characters at most)`);
  if (input.incidentDate && !/^\d{4}-\d{2}-\d{2}$/.test(input.incidentDate)) throw new ComplaintError('invalidInput', 'incident date must be YYYY-MM-DD');
  return { ...input, name, description, contactValue, desiredOutcome: input.desiredOutcome?.trim() || undefined };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
