import type { Knex } from 'knex';
import { subDays } from 'date-fns';
import type { BusinessCalendar } from '../calendar/businessCalendar';
import type { Clock } from '../clock';
import { normalizeEmail, normalizePhone } from '../complaints/contact';
import type { PersonalInformationMasker } from '../privacy/masking';
import { parseReference } from '../references';
import { canonicalStaffName, StaffDirectory } from '../staff/staffDirectory';
import {
  Callback,
  CALLBACK_PREFIX,
  CallbackError,
  CallbackEvent,
  CallbackInput,
  CallbackOrigin,
  CallbackResult,
  CallbackStatus,
  NAME_MAX_LENGTH,
  OPEN_CALLBACK_STATUSES,
  SUBJECT_MAX_LENGTH,
} from './callback';
import type { CallbackFilter, CallbackRepository } from './callbackRepository';
import type { CallbackSlots } from './callbackSlots';

export const CALLBACK_NOTE_MAX_LENGTH = 2000;

export interface CallbackAction {
  /** A staff name (ADMIN_TOKENS), recorded in the history. */
  actor: string;
  note?: string;
}

/**
 * The callback requests: stored once from the chat (RA-YYYY-NNNNNN), then worked by staff like the
 * complaints: assignment to a named officer, attempts (no answer keeps the request open; reached or
 * message left closes it), cancellation, and a history of who did what.
 */
export class CallbackService {
  constructor(
    readonly repository: CallbackRepository,
    readonly slots: CallbackSlots,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly masker: PersonalInformationMasker,
    private readonly staff: StaffDirectory,
  ) {}

  static parseReference(input: string): string | undefined {
    return parseReference(CALLBACK_PREFIX, input);
  }

  /** Validates, normalizes (E.164 phone, lower-case e-mail), masks the subject and stores the request once per submission. */
  async create(
    input: CallbackInput,
    origin: CallbackOrigin,
    options: { alsoInTransaction?: (trx: Knex.Transaction, stored: Callback) => Promise<void> } = {},
  ): Promise<{ callback: Callback; created: boolean }> {
    const already = await this.repository.findBySubmission(origin.submissionId);
    if (already) return { callback: already, created: false };
    const now = this.clock.now();
    const phone = normalizePhone(input.phone);
    if (!phone) throw new CallbackError('invalid', 'phone');
    const email = input.email ? normalizeEmail(input.email) : undefined;
    if (input.email && !email) throw new CallbackError('invalid', 'email');
    const name = input.name?.trim() || undefined;
    if (name && name.length > NAME_MAX_LENGTH) throw new CallbackError('invalid', 'name');
    const subject = input.subject.trim();
    if (!subject || subject.length > SUBJECT_MAX_LENGTH) throw new CallbackError('invalid', 'subject');
    const checked = this.slots.check(input.slot.date, input.slot.period, now);
    if (!checked.ok) throw new CallbackError('slotUnavailable', checked.reason);
    const year = Number(this.calendar.localDateOf(now).slice(0, 4));
    return this.repository.create(
      { name, phone, email, subject: this.masker.mask(subject), slot: checked.slot },
      origin,
      now,
      year,
      options.alsoInTransaction,
    );
  }

  get(reference: string): Promise<Callback | undefined> {
    return this.repository.get(reference);
  }

  async show(reference: string): Promise<{ callback: Callback; history: CallbackEvent[] } | undefined> {
    const callback = await this.repository.get(reference);
    return callback && { callback, history: await this.repository.history(callback.id) };
  }

  list(filter: CallbackFilter): Promise<Callback[]> {
    return this.repository.list(
      { ...filter, assignedTo: filter.assignedTo && (this.staff.find(filter.assignedTo)?.name ?? filter.assignedTo) },
      (d) => this.calendar.startOf(d),
      (d) => this.calendar.startOf(this.calendar.addCalendarDays(d, 1)),
    );
  }

  /** Assigns to a named officer (checked against ADMIN_TOKENS), or gives back to the team with `officer` undefined. */
  async assign(reference: string, officer: string | undefined, action: CallbackAction): Promise<Callback> {
    const callback = await this.open(reference);
    const assignee = officer === undefined ? undefined : canonicalStaffName(this.staff, officer);
    if (assignee === callback.assignedTo) return callback;
    const now = this.clock.now();
    await this.apply(
      callback,
      OPEN_CALLBACK_STATUSES,
      { assigned_to: assignee ?? null, assigned_at: assignee ? now.toISOString() : null },
      { occurredAt: now, type: assignee ? 'assigned' : 'unassigned', actor: this.actor(action.actor), assignee, note: this.note(action.note) },
    );
    return (await this.repository.get(reference))!;
  }

  /**
   * A call made: reached or message left closes the request (« rappel effectué »); no answer records
   * the attempt and keeps it open for a new one.
   */
  async recordAttempt(reference: string, result: CallbackResult, action: CallbackAction): Promise<Callback> {
    const callback = await this.open(reference);
    const now = this.clock.now();
    const to: CallbackStatus = result === 'noAnswer' ? 'attempted' : 'done';
    await this.apply(
      callback,
      OPEN_CALLBACK_STATUSES,
      {
        status: to,
        attempts: callback.attempts + 1,
        last_attempt_at: now.toISOString(),
        ...(to === 'done' ? { outcome: result, done_at: now.toISOString() } : {}),
      },
      { occurredAt: now, type: to === 'done' ? 'done' : 'attempt', fromStatus: callback.status, toStatus: to, actor: this.actor(action.actor), result, note: this.note(action.note) },
    );
    return (await this.repository.get(reference))!;
  }

  /** Cancelled (the citizen called in, asked to cancel, or the request is a duplicate): a note says why. */
  async cancel(reference: string, action: CallbackAction): Promise<Callback> {
    const callback = await this.open(reference);
    if (!action.note?.trim()) throw new CallbackError('invalid', 'note');
    const now = this.clock.now();
    await this.apply(
      callback,
      OPEN_CALLBACK_STATUSES,
      { status: 'cancelled', cancelled_at: now.toISOString() },
      { occurredAt: now, type: 'cancelled', fromStatus: callback.status, toStatus: 'cancelled', actor: this.actor(action.actor), note: this.note(action.note) },
    );
    return (await this.repository.get(reference))!;
  }

  /** CALLBACK_RETENTION_DAYS: erases the personal information of requests made more than `days` ago. */
  async anonymizeOlderThan(days: number, now = this.clock.now()): Promise<{ anonymized: number; cutoff: Date }> {
    const cutoff = subDays(now, days);
    return { anonymized: await this.repository.anonymizeCreatedBefore(cutoff, now), cutoff };
  }

  private async open(reference: string): Promise<Callback> {
    const callback = await this.repository.get(reference);
    if (!callback) throw new CallbackError('notFound', 'unknown');
    if (!OPEN_CALLBACK_STATUSES.includes(callback.status)) throw new CallbackError('closed', callback.status);
    return callback;
  }

  private async apply(callback: Callback, from: readonly CallbackStatus[], changes: Record<string, unknown>, event: CallbackEvent): Promise<void> {
    if (!(await this.repository.transition(callback, from, changes, event))) throw new CallbackError('closed', 'changed meanwhile');
  }

  private actor(name: string): string {
    return this.staff.configured ? (this.staff.find(name)?.name ?? name) : name;
  }

  /** Staff notes are masked like everything else that may quote a citizen. */
  private note(note: string | undefined): string | undefined {
    const trimmed = note?.trim();
    if (!trimmed) return undefined;
    if (trimmed.length > CALLBACK_NOTE_MAX_LENGTH) throw new CallbackError('invalid', 'note');
    return this.masker.mask(trimmed);
  }
}
