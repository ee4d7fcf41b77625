import { historyEventColumns, historyEventOf, HistoryEventRow } from '../db/historyEvents';
import type { Knex } from 'knex';
import type { Database } from '../db/database';
import { keysetPages, mapRows } from '../db/keysetPages';
import type {
  ExamIncident,
  ExamIncidentEvent,
  ExamIncidentFilter,
  ExamRoute,
  IncidentEventType,
  IncidentPriority,
  IncidentStatus,
  ProblemKind,
} from './examIncident';

interface ExamIncidentRow {
  id: number;
  reference: string;
  submission_id: string;
  created_at: string;
  problem_at: string | null;
  exam_in_progress: number | boolean;
  problem_kind: ProblemKind;
  exam_name: string | null;
  device: string | null;
  browser: string | null;
  priority: IncidentPriority;
  route: ExamRoute;
  centre_open: number | boolean;
  status: IncidentStatus;
  assigned_to?: string | null;
  taken_at?: string | null;
  resolved_at?: string | null;
  calendar_version: string;
  channel_id: string | null;
  conversation_id: string | null;
  locale: string | null;
}

interface EventRow extends HistoryEventRow<IncidentEventType, IncidentStatus> {
  incident_id: number;
}

/** A new incident, by its domain names (its status starts as the table's default, open). */
export type NewExamIncident = Omit<ExamIncident, 'id' | 'status' | 'assignedTo' | 'takenAt' | 'resolvedAt'>;

/** What a staff step changes on the incident. */
export interface IncidentChanges {
  status?: IncidentStatus;
  assignedTo?: string;
  takenAt?: Date;
  resolvedAt?: Date;
}

const TABLE = 'exam_incidents';

/** All SQL about exam incidents (table `exam_incidents`, migration 003). */
export class ExamIncidentRepository {
  constructor(private readonly db: Database) {}

  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(trx: Knex.Transaction, incident: NewExamIncident): Promise<void> {
    const row: Omit<ExamIncidentRow, 'id' | 'status'> = {
      reference: incident.reference,
      submission_id: incident.submissionId,
      created_at: incident.createdAt.toISOString(),
      problem_at: incident.problemAt?.toISOString() ?? null,
      exam_in_progress: incident.examInProgress,
      problem_kind: incident.problemKind,
      exam_name: incident.examName ?? null,
      device: incident.device ?? null,
      browser: incident.browser ?? null,
      priority: incident.priority,
      route: incident.route,
      centre_open: incident.centreOpen,
      calendar_version: incident.calendarVersion,
      channel_id: incident.channelId ?? null,
      conversation_id: incident.conversationId ?? null,
      locale: incident.locale ?? null,
    };
    await trx(TABLE).insert(row);
  }

  async findByReference(reference: string, trx: Knex.Transaction | Database = this.db): Promise<ExamIncident | undefined> {
    const row = (await trx(TABLE).where({ reference }).first()) as ExamIncidentRow | undefined;
    return row && toIncident(row);
  }

  async update(trx: Knex.Transaction, id: number, changes: IncidentChanges): Promise<void> {
    const record: Record<string, string> = {};
    if (changes.status) record.status = changes.status;
    if (changes.assignedTo) record.assigned_to = changes.assignedTo;
    if (changes.takenAt) record.taken_at = changes.takenAt.toISOString();
    if (changes.resolvedAt) record.resolved_at = changes.resolvedAt.toISOString();
    if (Object.keys(record).length) await trx(TABLE).where({ id }).update(record);
  }

  async insertEvent(trx: Knex.Transaction, incidentId: number, event: Omit<ExamIncidentEvent, 'id'>): Promise<void> {
    await trx('exam_incident_events').insert({ incident_id: incidentId, ...historyEventColumns(event) });
  }

  async events(incidentId: number): Promise<ExamIncidentEvent[]> {
    const rows = (await this.db('exam_incident_events').where({ incident_id: incidentId }).orderBy('id')) as EventRow[];
    return rows.map(historyEventOf);
  }

  async findBySubmission(submissionId: string, trx: Knex.Transaction | Database = this.db): Promise<ExamIncident | undefined> {
    const row = (await trx(TABLE).where({ submission_id: submissionId }).first()) as ExamIncidentRow | undefined;
    return row && toIncident(row);
  }

  async list(filter: ExamIncidentFilter = {}): Promise<ExamIncident[]> {
    const rows = (await this.filtered(filter).orderBy('created_at').orderBy('id')) as ExamIncidentRow[];
    return rows.map(toIncident);
  }

  /** Incidents in creation order, for exports of any size in constant memory. */
  stream(filter: ExamIncidentFilter = {}): AsyncIterable<ExamIncident> {
    const query = () => this.filtered({ ...filter, limit: undefined, offset: undefined });
    return mapRows(keysetPages<ExamIncidentRow>(query, 'created_at', { limit: filter.limit, offset: filter.offset }), toIncident);
  }

  /** Number of incidents per value of a column, for the rows matching the filter (limit/offset ignored). */
  async countBy<C extends 'problem_kind' | 'route' | 'priority'>(column: C, filter: ExamIncidentFilter = {}): Promise<Map<string, number>> {
    const rows = (await this.filtered({ ...filter, limit: undefined, offset: undefined })
      .select(column)
      .count({ count: '*' })
      .groupBy(column)) as Array<Record<string, string | number>>;
    return new Map(rows.map((r) => [String(r[column]), Number(r.count)]));
  }

  private filtered(filter: ExamIncidentFilter): Knex.QueryBuilder {
    const query = this.db(TABLE);
    if (filter.createdFrom) query.where('created_at', '>=', filter.createdFrom.toISOString());
    if (filter.createdBefore) query.where('created_at', '<', filter.createdBefore.toISOString());
    if (filter.kinds?.length) query.whereIn('problem_kind', filter.kinds);
    if (filter.routes?.length) query.whereIn('route', filter.routes);
    if (filter.priorities?.length) query.whereIn('priority', filter.priorities);
    if (filter.statuses?.length) query.whereIn('status', filter.statuses);
    if (filter.assignedTo) query.where('assigned_to', filter.assignedTo);
    if (filter.limit) query.limit(filter.limit);
    if (filter.offset) query.offset(filter.offset);
    return query;
  }
}

function toIncident(r: ExamIncidentRow): ExamIncident {
  return {
    id: r.id,
    reference: r.reference,
    submissionId: r.submission_id,
    createdAt: new Date(r.created_at),
    problemAt: r.problem_at ? new Date(r.problem_at) : undefined,
    examInProgress: Boolean(r.exam_in_progress),
    problemKind: r.problem_kind,
    examName: r.exam_name ?? undefined,
    device: r.device ?? undefined,
    browser: r.browser ?? undefined,
    priority: r.priority,
    route: r.route,
    centreOpen: Boolean(r.centre_open),
    status: r.status,
    assignedTo: r.assigned_to ?? undefined,
    takenAt: r.taken_at ? new Date(r.taken_at) : undefined,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at) : undefined,
    calendarVersion: r.calendar_version,
    channelId: r.channel_id ?? undefined,
    conversationId: r.conversation_id ?? undefined,
    locale: r.locale ?? undefined,
  };
}
