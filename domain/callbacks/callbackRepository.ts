import type { Knex } from 'knex';
import type { Database } from '../db/database';
import { nextReference } from '../references';
import {
  Callback,
  CALLBACK_PREFIX,
  CallbackEvent,
  CallbackOrigin,
  CallbackOutcome,
  CallbackResult,
  CallbackSlot,
  CallbackStatus,
  OPEN_CALLBACK_STATUSES,
  SlotPeriod,
} from './callback';

/** What is stored: the citizen's input, normalized and masked. */
export interface StoredCallbackInput {
  name?: string;
  phone: string;
  email?: string;
  subject: string;
  slot: CallbackSlot;
}

export interface CallbackFilter {
  statuses?: CallbackStatus[];
  assignedTo?: string;
  unassigned?: boolean;
  /** The slot's local day, inclusive. */
  slotFrom?: string;
  slotTo?: string;
  limit?: number;
  offset?: number;
}

interface Row {
  id: number;
  reference: string;
  submission_id: string;
  status: CallbackStatus;
  name: string | null;
  phone: string;
  email: string | null;
  subject: string;
  locale: string | null;
  channel_id: string | null;
  slot_date: string;
  slot_period: SlotPeriod;
  slot_start: string;
  slot_end: string;
  created_at: string;
  assigned_to: string | null;
  assigned_at: string | null;
  attempts: number;
  last_attempt_at: string | null;
  outcome: CallbackOutcome | null;
  done_at: string | null;
  cancelled_at: string | null;
  anonymized_at: string | null;
}

interface EventRow {
  occurred_at: string;
  type: CallbackEvent['type'];
  from_status: CallbackStatus | null;
  to_status: CallbackStatus | null;
  actor: string;
  result: CallbackResult | null;
  assignee: string | null;
  note: string | null;
}

/** The SQL of the callback requests (migration 012). */
export class CallbackRepository {
  constructor(readonly db: Database) {}

  /**
   * Stores a request once per submission id: a repeated confirmation returns the stored one
   * (`created: false`). `alsoInTransaction` runs in the same transaction (the acknowledgement e-mail).
   */
  async create(
    input: StoredCallbackInput,
    origin: CallbackOrigin,
    now: Date,
    /** The reference's year: the local year of `now`. */
    year: number,
    alsoInTransaction?: (trx: Knex.Transaction, stored: Callback) => Promise<void>,
  ): Promise<{ callback: Callback; created: boolean }> {
    const existing = await this.findBySubmission(origin.submissionId);
    if (existing) return { callback: existing, created: false };
    try {
      const callback = await this.db.transaction(async (trx) => {
        const reference = await nextReference(trx, CALLBACK_PREFIX, year);
        const at = now.toISOString();
        const [row] = (await trx('callbacks')
          .insert({
            reference,
            submission_id: origin.submissionId,
            status: 'pending',
            name: input.name ?? null,
            phone: input.phone,
            email: input.email ?? null,
            subject: input.subject,
            locale: origin.locale?.slice(0, 10) ?? null,
            channel_id: origin.channelId?.slice(0, 32) ?? null,
            slot_date: input.slot.date,
            slot_period: input.slot.period,
            slot_start: input.slot.start.toISOString(),
            slot_end: input.slot.end.toISOString(),
            created_at: at,
            attempts: 0,
          })
          .returning('*')) as Row[];
        await trx('callback_events').insert({ callback_id: row.id, occurred_at: at, type: 'created', to_status: 'pending', actor: 'citizen' });
        const stored = toCallback(row);
        if (alsoInTransaction) await alsoInTransaction(trx, stored);
        return stored;
      });
      return { callback, created: true };
    } catch (err) {
      // Two confirmations at once: the unique submission id let one through; the other returns it.
      const raced = await this.findBySubmission(origin.submissionId);
      if (raced) return { callback: raced, created: false };
      throw err;
    }
  }

  async findBySubmission(submissionId: string): Promise<Callback | undefined> {
    const row = (await this.db('callbacks').where({ submission_id: submissionId }).first()) as Row | undefined;
    return row && toCallback(row);
  }

  async get(reference: string): Promise<Callback | undefined> {
    const row = (await this.db('callbacks').where({ reference }).first()) as Row | undefined;
    return row && toCallback(row);
  }

  async history(id: number): Promise<CallbackEvent[]> {
    const rows = (await this.db('callback_events').where({ callback_id: id }).orderBy('id')) as EventRow[];
    return rows.map((r) => ({
      occurredAt: new Date(r.occurred_at),
      type: r.type,
      fromStatus: r.from_status ?? undefined,
      toStatus: r.to_status ?? undefined,
      actor: r.actor,
      result: r.result ?? undefined,
      assignee: r.assignee ?? undefined,
      note: r.note ?? undefined,
    }));
  }

  /** By slot (the soonest first), then reference. */
  async list(filter: CallbackFilter, startOf: (date: string) => Date, endOf: (date: string) => Date): Promise<Callback[]> {
    const query = this.db('callbacks')
      .orderBy('slot_start')
      .orderBy('id')
      .limit(filter.limit ?? 100)
      .offset(filter.offset ?? 0);
    if (filter.statuses?.length) query.whereIn('status', filter.statuses);
    if (filter.assignedTo) query.whereRaw('lower(assigned_to) = ?', [filter.assignedTo.toLowerCase()]);
    if (filter.unassigned) query.whereNull('assigned_to');
    if (filter.slotFrom) query.where('slot_start', '>=', startOf(filter.slotFrom).toISOString());
    if (filter.slotTo) query.where('slot_start', '<', endOf(filter.slotTo).toISOString());
    return ((await query) as Row[]).map(toCallback);
  }

  /**
   * Applies a change if the request is still in one of `from` (a conditional UPDATE: two officers
   * acting at once cannot both close it), and records the event. Returns false when it was not.
   */
  async transition(
    callback: Callback,
    from: readonly CallbackStatus[],
    changes: Record<string, unknown>,
    event: CallbackEvent,
  ): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const changed = await trx('callbacks').where({ id: callback.id }).whereIn('status', from).update(changes);
      if (changed !== 1) return false;
      await trx('callback_events').insert({
        callback_id: callback.id,
        occurred_at: event.occurredAt.toISOString(),
        type: event.type,
        from_status: event.fromStatus ?? null,
        to_status: event.toStatus ?? null,
        actor: event.actor.slice(0, 128),
        result: event.result ?? null,
        assignee: event.assignee ?? null,
        note: event.note ?? null,
      });
      return true;
    });
  }

  /**
   * Erases the personal information of requests created before `cutoff`: name, phone, e-mail, subject
   * and the notes of their history. The dates, slot, status and outcome stay for the statistics.
   */
  async anonymizeCreatedBefore(cutoff: Date, now: Date): Promise<number> {
    return this.db.transaction(async (trx) => {
      const ids = (await trx('callbacks').where('created_at', '<', cutoff.toISOString()).whereNull('anonymized_at').pluck('id')) as number[];
      for (let i = 0; i < ids.length; i += 500) {
        const batch = ids.slice(i, i + 500);
        await trx('callbacks').whereIn('id', batch).update({ name: null, phone: '', email: null, subject: '', anonymized_at: now.toISOString() });
        await trx('callback_events').whereIn('callback_id', batch).update({ note: null });
        // The acknowledgement's address and body, if it was never sent.
        await trx('citizen_mails').whereIn('callback_id', batch).update({ recipient: '', text_body: '', html_body: '' });
      }
      return ids.length;
    });
  }

  /** Open requests whose slot ends before `until` and that were not signalled for this slot yet. */
  async reminderCandidates(until: Date, limit = 500): Promise<Callback[]> {
    const rows = (await this.db('callbacks')
      .whereIn('status', OPEN_CALLBACK_STATUSES as CallbackStatus[])
      .where('slot_end', '<=', until.toISOString())
      .whereNotExists(function () {
        this.select(1).from('callback_reminders').whereRaw('callback_reminders.callback_id = callbacks.id').whereRaw('callback_reminders.slot_start = callbacks.slot_start');
      })
      .orderBy('slot_end')
      .limit(limit)) as Row[];
    return rows.map(toCallback);
  }
}

export function toCallback(r: Row): Callback {
  const date = (v: string | null) => (v ? new Date(v) : undefined);
  return {
    id: Number(r.id),
    reference: r.reference,
    status: r.status,
    name: r.name ?? undefined,
    phone: r.phone,
    email: r.email ?? undefined,
    subject: r.subject,
    locale: r.locale ?? undefined,
    channelId: r.channel_id ?? undefined,
    slot: { date: r.slot_date, period: r.slot_period, start: new Date(r.slot_start), end: new Date(r.slot_end) },
    createdAt: new Date(r.created_at),
    assignedTo: r.assigned_to ?? undefined,
    assignedAt: date(r.assigned_at),
    attempts: Number(r.attempts),
    lastAttemptAt: date(r.last_attempt_at),
    outcome: r.outcome ?? undefined,
    doneAt: date(r.done_at),
    cancelledAt: date(r.cancelled_at),
    anonymizedAt: date(r.anonymized_at),
  };
}
