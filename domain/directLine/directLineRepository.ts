import type { Clock } from '../clock';
import type { Database } from '../db/database';

/** An activity as the page reads it: plain JSON (this layer knows nothing of Bot Framework types). */
export type StoredActivity = Record<string, unknown> & { id?: string };

export interface DirectLineConversationRow {
  id: string;
  userId: string;
  locale: string;
  started: boolean;
}

export interface ActivityPage {
  activities: StoredActivity[];
  /** The sequence number to read next (the Direct Line watermark). */
  watermark: number;
}

/** Largest number of activities one read returns; the watermark lets the reader fetch the rest. */
export const MAX_ACTIVITIES_PER_READ = 500;
const APPEND_ATTEMPTS = 50;
/** Conversations whose next sequence number an instance keeps in memory (the most recently written). */
const KNOWN_SEQUENCES = 20_000;

/** The id the page sees for an activity: `<conversation>|<sequence, 7 digits>`. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/**
 * The built-in Direct Line's conversations and activities, in the database so that every instance
 * sees the same history (portable SQL: SQLite and PostgreSQL). Activities are numbered per
 * conversation from 0; the number is max()+1, and the primary key (conversation_id, seq) turns a
 * race between two writers into a conflict for one of them, which then takes the next number.
 */
export class DirectLineRepository {
  /**
   * The next sequence number of the conversations this instance appended to: an append then costs one
   * INSERT instead of a max() and an INSERT. Only a guess: when another writer took the number, the
   * primary key refuses it and the number is read again.
   */
  private readonly nextSeqs = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Creates the conversation unless it exists (any instance, any number of times) and marks it as in use. */
  async ensure(conversation: { id: string; userId: string; locale: string }): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db('direct_line_conversations')
      .insert({ id: conversation.id, user_id: conversation.userId, locale: conversation.locale, started: false, created_at: now, updated_at: now })
      .onConflict('id')
      .merge({ updated_at: now });
  }

  async get(id: string): Promise<DirectLineConversationRow | undefined> {
    const row: { id: string; user_id: string; locale: string; started: boolean | number } | undefined = await this.db('direct_line_conversations')
      .where({ id })
      .first('id', 'user_id', 'locale', 'started');
    return row && { id: row.id, userId: row.user_id, locale: row.locale, started: Boolean(row.started) };
  }

  /** Marks the conversation as started; true for the one caller (of any instance) that did it. */
  async markStarted(id: string): Promise<boolean> {
    const updated = await this.db('direct_line_conversations').where({ id, started: false }).update({ started: true });
    return updated === 1;
  }

  /**
   * Appends an activity built for its sequence number (its id depends on it) and returns the number.
   * Retried on a conflict (another writer took the number) or a busy SQLite file.
   */
  async append(conversationId: string, build: (seq: number, id: string) => StoredActivity): Promise<number> {
    return (await this.appendJson(conversationId, build)).seq;
  }

  /** As append, and also returns the activity's JSON as stored (what a reader will get back). */
  async appendJson(conversationId: string, build: (seq: number, id: string) => StoredActivity): Promise<{ seq: number; json: string }> {
    for (let attempt = 1; ; attempt += 1) {
      const guessed = this.nextSeqs.get(conversationId);
      const seq = guessed ?? (await this.nextSeq(conversationId));
      const json = JSON.stringify(build(seq, activityId(conversationId, seq)));
      try {
        await this.db('direct_line_activities').insert({
          conversation_id: conversationId,
          seq,
          data: json,
          created_at: this.clock.now().toISOString(),
        });
        this.rememberNextSeq(conversationId, seq + 1);
        return { seq, json };
      } catch (err) {
        this.nextSeqs.delete(conversationId);
        if (attempt >= APPEND_ATTEMPTS || !isConflict(err)) throw err;
        // A stale guess (another instance wrote meanwhile) is retried at once, with the number read again.
        if (guessed === undefined) await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  private rememberNextSeq(conversationId: string, next: number): void {
    this.nextSeqs.delete(conversationId);
    if (this.nextSeqs.size >= KNOWN_SEQUENCES) this.nextSeqs.delete(this.nextSeqs.keys().next().value as string);
    this.nextSeqs.set(conversationId, next);
  }

  /** The activities from a watermark (the next sequence number to read) and the watermark after them. */
  async read(conversationId: string, from: number, limit = MAX_ACTIVITIES_PER_READ): Promise<ActivityPage> {
    const rows: Array<{ seq: number | string; data: string }> = await this.db('direct_line_activities')
      .where({ conversation_id: conversationId })
      .andWhere('seq', '>=', from)
      .orderBy('seq')
      .limit(limit)
      .select('seq', 'data');
    if (rows.length) return { activities: rows.map((r) => JSON.parse(r.data) as StoredActivity), watermark: Number(rows[rows.length - 1].seq) + 1 };
    return { activities: [], watermark: await this.nextSeq(conversationId) };
  }

  async nextSeq(conversationId: string): Promise<number> {
    const last = (await this.db('direct_line_activities').where({ conversation_id: conversationId }).max({ seq: 'seq' }).first()) as
      | { seq: number | string | null }
      | undefined;
    return last?.seq === null || last?.seq === undefined ? 0 : Number(last.seq) + 1;
  }

  /**
   * Takes the turn lease of a conversation for `owner` until `untilMs` (epoch ms), unless another
   * owner holds an unexpired one: true when taken. Turns of one conversation thus run one at a time
   * across instances; a crashed holder's lease simply runs out.
   */
  async acquireTurn(id: string, owner: string, nowMs: number, untilMs: number): Promise<boolean> {
    const updated = await this.db('direct_line_conversations')
      .where({ id })
      .andWhere((q) => q.whereNull('turn_owner').orWhere('turn_until', '<', nowMs).orWhere('turn_owner', owner))
      .update({ turn_owner: owner, turn_until: untilMs });
    return updated === 1;
  }

  /** Extends a lease this owner still holds; false when it ran out and another instance took it. */
  async renewTurn(id: string, owner: string, untilMs: number): Promise<boolean> {
    return (await this.db('direct_line_conversations').where({ id, turn_owner: owner }).update({ turn_until: untilMs })) === 1;
  }

  async releaseTurn(id: string, owner: string): Promise<void> {
    await this.db('direct_line_conversations').where({ id, turn_owner: owner }).update({ turn_owner: null, turn_until: null });
  }

  /**
   * Deletes the activities written before `cutoff`, and the conversations not used since (their
   * remaining activities with them), in batches; returns how many of each.
   */
  async deleteOlderThan(cutoff: Date, batchSize = 5000): Promise<{ conversations: number; activities: number }> {
    const before = cutoff.toISOString();
    let conversations = 0;
    for (;;) {
      const ids: string[] = (await this.db('direct_line_conversations').where('updated_at', '<', before).limit(batchSize).select('id')).map(
        (r: { id: string }) => r.id,
      );
      if (!ids.length) break;
      await this.db.transaction(async (trx) => {
        await trx('direct_line_activities').whereIn('conversation_id', ids).delete();
        conversations += await trx('direct_line_conversations').whereIn('id', ids).andWhere('updated_at', '<', before).delete();
      });
      if (ids.length < batchSize) break;
    }
    let activities = 0;
    for (;;) {
      const keys = await this.db('direct_line_activities').where('created_at', '<', before).limit(batchSize).select('conversation_id', 'seq');
      if (!keys.length) break;
      for (const group of groupByConversation(keys as Array<{ conversation_id: string; seq: number }>)) {
        activities += await this.db('direct_line_activities').where({ conversation_id: group.id }).whereIn('seq', group.seqs).delete();
      }
      if (keys.length < batchSize) break;
    }
    return { conversations, activities };
  }
}

function groupByConversation(keys: Array<{ conversation_id: string; seq: number }>): Array<{ id: string; seqs: number[] }> {
  const groups = new Map<string, number[]>();
  for (const key of keys) {
    const seqs = groups.get(key.conversation_id) ?? [];
    seqs.push(Number(key.seq));
    groups.set(key.conversation_id, seqs);
  }
  return [...groups].map(([id, seqs]) => ({ id, seqs }));
}

/** A unique-key conflict (SQLite, PostgreSQL 23505) or a busy SQLite file: worth another try. */
function isConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT' || e?.code === 'SQLITE_BUSY' || /UNIQUE constraint|SQLITE_BUSY|duplicate key/i.test(e?.message ?? '');
}
