import { historyEventColumns, historyEventOf, HistoryEventRow } from '../db/historyEvents';
import type { Knex } from 'knex';
import type { Database } from '../db/database';
import { keysetPages, mapRows } from '../db/keysetPages';
import type {
  Complaint,
  ComplaintEvent,
  ComplaintEventType,
  ComplaintOutcome,
  ComplaintService,
  ComplaintStatus,
  ContactChannel,
  ContactMethod,
  ContactResult,
} from './complaint';
import type { ComplaintSearch } from './complaintSearch';

interface ComplaintRow {
  id: number;
  reference: string;
  submission_id: string;
  status: ComplaintStatus;
  received_at: string;
  received_date: string;
  calendar_version: string;
  first_contact_due_date: string;
  first_contact_due_at: string;
  answer_due_date: string;
  answer_due_at: string;
  first_contact_at: string | null;
  answered_at: string | null;
  first_contact_business_days: number | null;
  answer_business_days: number | null;
  closed_at: string | null;
  abandoned_at: string | null;
  complainant_name: string;
  contact_method: ContactMethod;
  contact_value: string;
  contact_key: string;
  service: ComplaintService;
  incident_date: string | null;
  description: string;
  desired_outcome: string | null;
  channel_id: string | null;
  conversation_id: string | null;
  locale: string | null;
  anonymized: number | boolean;
  updated_at: string;
  assigned_to: string | null;
  assigned_at: string | null;
  outcome: ComplaintOutcome | null;
  corrective_measures: string | null;
  search_text: string | null;
}

interface EventRow extends HistoryEventRow<ComplaintEventType, ComplaintStatus> {
  complaint_id: number;
  contact_channel: ContactChannel | null;
  contact_result: ContactResult | null;
  assignee: string | null;
  previous_assignee: string | null;
}

/** The stored fields of a complaint, by their domain names; null clears an optional one. */
export interface ComplaintFields {
  reference: string;
  submissionId: string;
  status: ComplaintStatus;
  receivedAt: Date;
  receivedDate: string;
  calendarVersion: string;
  firstContactDueDate: string;
  firstContactDueAt: Date;
  answerDueDate: string;
  answerDueAt: Date;
  firstContactAt: Date | null;
  answeredAt: Date | null;
  firstContactBusinessDays: number | null;
  answerBusinessDays: number | null;
  closedAt: Date | null;
  abandonedAt: Date | null;
  name: string;
  contactMethod: ContactMethod;
  contactValue: string;
  contactKey: string;
  service: ComplaintService;
  incidentDate: string | null;
  description: string;
  desiredOutcome: string | null;
  channelId: string | null;
  conversationId: string | null;
  locale: string | null;
  anonymized: boolean;
  updatedAt: Date;
  assignedTo: string | null;
  assignedAt: Date | null;
  outcome: ComplaintOutcome | null;
  correctiveMeasures: string | null;
  searchText: string | null;
}

const COLUMNS: Record<keyof ComplaintFields, keyof ComplaintRow> = {
  reference: 'reference',
  submissionId: 'submission_id',
  status: 'status',
  receivedAt: 'received_at',
  receivedDate: 'received_date',
  calendarVersion: 'calendar_version',
  firstContactDueDate: 'first_contact_due_date',
  firstContactDueAt: 'first_contact_due_at',
  answerDueDate: 'answer_due_date',
  answerDueAt: 'answer_due_at',
  firstContactAt: 'first_contact_at',
  answeredAt: 'answered_at',
  firstContactBusinessDays: 'first_contact_business_days',
  answerBusinessDays: 'answer_business_days',
  closedAt: 'closed_at',
  abandonedAt: 'abandoned_at',
  name: 'complainant_name',
  contactMethod: 'contact_method',
  contactValue: 'contact_value',
  contactKey: 'contact_key',
  service: 'service',
  incidentDate: 'incident_date',
  description: 'description',
  desiredOutcome: 'desired_outcome',
  channelId: 'channel_id',
  conversationId: 'conversation_id',
  locale: 'locale',
  anonymized: 'anonymized',
  updatedAt: 'updated_at',
  assignedTo: 'assigned_to',
  assignedAt: 'assigned_at',
  outcome: 'outcome',
  correctiveMeasures: 'corrective_measures',
  searchText: 'search_text',
};

/** Column names and stored forms (instants as ISO-8601 UTC text) for the given fields. */
function toRecord(fields: Partial<ComplaintFields>): Partial<Record<keyof ComplaintRow, unknown>> {
  const record: Partial<Record<keyof ComplaintRow, unknown>> = {};
  for (const [name, value] of Object.entries(fields) as Array<[keyof ComplaintFields, unknown]>) {
    if (value !== undefined) record[COLUMNS[name]] = value instanceof Date ? value.toISOString() : value;
  }
  return record;
}

export interface ComplaintFilter {
  statuses?: ComplaintStatus[];
  service?: string;
  receivedFrom?: Date;
  receivedBefore?: Date;
  /** Only complaints whose first-contact or answer clock runs and is due on or before this date (YYYY-MM-DD). */
  openClockDueOnOrBefore?: string;
  /** Assigned to this officer (the name as stored). */
  assignedTo?: string;
  /** Assigned to nobody. */
  unassigned?: boolean;
  search?: ComplaintSearch;
  limit?: number;
  offset?: number;
}

/** All SQL about complaints and their history. */
export class ComplaintRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(trx: Knex.Transaction, fields: ComplaintFields): Promise<number> {
    const [inserted] = (await trx('complaints').insert(toRecord(fields)).returning('id')) as Array<{ id: number } | number>;
    return typeof inserted === 'number' ? inserted : inserted.id;
  }

  /**
   * The complaint's e-mails never sent (the outbox keeps the address and the text until sending): past
   * the retention period they are deleted with the rest of the personal information. Sent ones were
   * blanked when sent.
   */
  async forgetUnsentMails(trx: Knex.Transaction, complaintId: number): Promise<void> {
    await trx('citizen_mails').where({ complaint_id: complaintId }).whereNot({ status: 'sent' }).delete();
  }

  /** Rewrites the notes of a complaint's history (the retention purge masks them). */
  async rewriteEventNotes(trx: Knex.Transaction, complaintId: number, rewrite: (note: string) => string): Promise<void> {
    const rows = (await trx('complaint_events').where({ complaint_id: complaintId }).whereNotNull('note').select('id', 'note')) as Array<{ id: number; note: string }>;
    for (const row of rows) {
      const note = rewrite(row.note);
      if (note !== row.note) await trx('complaint_events').where({ id: row.id }).update({ note });
    }
  }

  async insertEvent(trx: Knex.Transaction | Database, complaintId: number, event: Omit<ComplaintEvent, 'id'>): Promise<void> {
    await trx('complaint_events').insert({
      complaint_id: complaintId,
      ...historyEventColumns(event),
      contact_channel: event.contactChannel ?? null,
      contact_result: event.contactResult ?? null,
      assignee: event.assignee ?? null,
      previous_assignee: event.previousAssignee ?? null,
    });
  }

  async update(trx: Knex.Transaction, id: number, changes: Partial<ComplaintFields>): Promise<void> {
    await trx('complaints').where({ id }).update(toRecord(changes));
  }

  async findByReference(reference: string, trx: Knex.Transaction | Database = this.db): Promise<Complaint | undefined> {
    const row = (await trx('complaints').where({ reference }).first()) as ComplaintRow | undefined;
    return row && toComplaint(row);
  }

  async findBySubmission(submissionId: string, trx: Knex.Transaction | Database = this.db): Promise<Complaint | undefined> {
    const row = (await trx('complaints').where({ submission_id: submissionId }).first()) as ComplaintRow | undefined;
    return row && toComplaint(row);
  }

  async findByReferenceAndContact(reference: string, contactKey: string): Promise<Complaint | undefined> {
    const row = (await this.db('complaints').where({ reference, contact_key: contactKey, anonymized: false }).first()) as ComplaintRow | undefined;
    return row && toComplaint(row);
  }

  async events(complaintId: number): Promise<ComplaintEvent[]> {
    const rows = (await this.db('complaint_events').where({ complaint_id: complaintId }).orderBy('id')) as EventRow[];
    return rows.map((r) => ({
      ...historyEventOf(r),
      contactChannel: r.contact_channel ?? undefined,
      contactResult: r.contact_result ?? undefined,
      assignee: r.assignee ?? undefined,
      previousAssignee: r.previous_assignee ?? undefined,
    }));
  }

  async list(filter: ComplaintFilter = {}): Promise<Complaint[]> {
    const rows = (await this.filtered(filter).orderBy('received_at').orderBy('id')) as ComplaintRow[];
    return rows.map(toComplaint);
  }

  /** Streams complaints in reception order, for exports of any size in constant memory. */
  stream(filter: ComplaintFilter = {}, pageSize = 500): AsyncIterable<Complaint> {
    const query = () => this.filtered({ ...filter, limit: undefined, offset: undefined });
    return mapRows(keysetPages<ComplaintRow>(query, 'received_at', { limit: filter.limit, offset: filter.offset, pageSize }), toComplaint);
  }

  /** Open complaints (not closed or abandoned) with at least one clock still running. */
  async listOpen(): Promise<Complaint[]> {
    return this.list({ statuses: ['received', 'contacted'] });
  }

  /** Closed or abandoned complaints finished before the cutoff whose personal information is still there. */
  async finishedBefore(cutoff: Date): Promise<Complaint[]> {
    const iso = cutoff.toISOString();
    const rows = (await this.db('complaints')
      .where({ anonymized: false })
      .where((q) => q.where('closed_at', '<', iso).orWhere('abandoned_at', '<', iso))) as ComplaintRow[];
    return rows.map(toComplaint);
  }

  private filtered(filter: ComplaintFilter): Knex.QueryBuilder {
    const query = this.db('complaints');
    if (filter.statuses?.length) query.whereIn('status', filter.statuses);
    if (filter.service) query.where('service', filter.service);
    if (filter.receivedFrom) query.where('received_at', '>=', filter.receivedFrom.toISOString());
    if (filter.receivedBefore) query.where('received_at', '<', filter.receivedBefore.toISOString());
    if (filter.openClockDueOnOrBefore) {
      const date = filter.openClockDueOnOrBefore;
      query.where((q) =>
        q
          .where((c) => c.whereNull('first_contact_at').where('status', 'received').where('first_contact_due_date', '<=', date))
          .orWhere((c) => c.whereNull('answered_at').whereIn('status', ['received', 'contacted']).where('answer_due_date', '<=', date)),
      );
    }
    if (filter.assignedTo) query.where('assigned_to', filter.assignedTo);
    if (filter.unassigned) query.whereNull('assigned_to');
    if (filter.search) {
      const { reference, contactKey, words } = filter.search;
      if (reference) query.where('reference', reference);
      else
        query.where((q) => {
          // Words are folded to [a-z0-9 ]: nothing in them is a LIKE wildcard.
          q.where((w) => {
            for (const word of words) w.where('search_text', 'like', `%${word}%`);
          });
          if (contactKey) q.orWhere('contact_key', contactKey);
        });
    }
    if (filter.limit) query.limit(filter.limit);
    if (filter.offset) query.offset(filter.offset);
    return query;
  }
}

const optionalDate = (value: string | null): Date | undefined => (value ? new Date(value) : undefined);

function toComplaint(r: ComplaintRow): Complaint {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    receivedAt: new Date(r.received_at),
    receivedDate: r.received_date,
    calendarVersion: r.calendar_version,
    firstContactDueDate: r.first_contact_due_date,
    firstContactDueAt: new Date(r.first_contact_due_at),
    answerDueDate: r.answer_due_date,
    answerDueAt: new Date(r.answer_due_at),
    firstContactAt: optionalDate(r.first_contact_at),
    answeredAt: optionalDate(r.answered_at),
    firstContactBusinessDays: r.first_contact_business_days ?? undefined,
    answerBusinessDays: r.answer_business_days ?? undefined,
    closedAt: optionalDate(r.closed_at),
    abandonedAt: optionalDate(r.abandoned_at),
    name: r.complainant_name,
    contactMethod: r.contact_method,
    contactValue: r.contact_value,
    service: r.service,
    incidentDate: r.incident_date ?? undefined,
    description: r.description,
    desiredOutcome: r.desired_outcome ?? undefined,
    channelId: r.channel_id ?? undefined,
    conversationId: r.conversation_id ?? undefined,
    locale: r.locale ?? undefined,
    anonymized: Boolean(r.anonymized),
    updatedAt: new Date(r.updated_at),
    assignedTo: r.assigned_to ?? undefined,
    assignedAt: optionalDate(r.assigned_at),
    outcome: r.outcome ?? undefined,
    correctiveMeasures: r.corrective_measures ?? undefined,
  };
}
