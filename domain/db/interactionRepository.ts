import { isoText } from '../format/isoText';
import type { Database } from './database';
import { dialectOf } from './dialect';
import { PreparedRunner, withPreparedStatements } from './sqlitePrepared';

/** Rows per INSERT statement. */
const INSERT_BATCH = 100;
/**
 * On SQLite, a batch is written by prepared statements of these sizes (25 rows: 16 + 4 + 4 + 1), so a
 * connection keeps four statements whatever the batch sizes. Through knex, each batch had its
 * `insert … select … union all select …` built, compiled and prepared again (issue 13).
 */
const PREPARED_SIZES = [64, 16, 4, 1];
const COLUMNS = [
  'occurred_at',
  'channel_id',
  'conversation_id',
  'activity_id',
  'reply_to_id',
  'direction',
  'activity_type',
  'locale',
  'user_pseudonym',
  'text',
  'redacted',
  'dialog',
  'intent',
  'intent_score',
  'latency_ms',
  'activity_json',
] as const satisfies ReadonlyArray<keyof Omit<Row, 'id'>>;
const ROW_PLACEHOLDERS = `(${COLUMNS.map(() => '?').join(', ')})`;
const insertSql = (rows: number): string => `insert into interactions (${COLUMNS.join(', ')}) values ${Array(rows).fill(ROW_PLACEHOLDERS).join(', ')}`;

export type Direction = 'in' | 'out';

export interface InteractionRow {
  occurredAt: Date;
  channelId: string;
  conversationId: string;
  activityId?: string;
  replyToId?: string;
  direction: Direction;
  activityType: string;
  locale?: string;
  userPseudonym?: string;
  text?: string;
  redacted: boolean;
  dialog?: string;
  intent?: string;
  intentScore?: number;
  latencyMs?: number;
  /** The whole activity as logged (already masked), for transcript replay. */
  activityJson: string;
}

export interface StoredInteraction extends InteractionRow {
  id: number;
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent when there is nothing after this page. */
  next?: string;
}

export interface ConversationSummary {
  channelId: string;
  conversationId: string;
  firstAt: Date;
}

interface Row {
  id: number;
  occurred_at: string;
  channel_id: string;
  conversation_id: string;
  activity_id: string | null;
  reply_to_id: string | null;
  direction: Direction;
  activity_type: string;
  locale: string | null;
  user_pseudonym: string | null;
  text: string | null;
  redacted: number | boolean;
  dialog: string | null;
  intent: string | null;
  intent_score: number | null;
  latency_ms: number | null;
  activity_json: string;
}

/** The interaction log: one row per activity in or out, with the structured columns statistics need. */
export class InteractionRepository {
  private readonly prepared: boolean;

  constructor(private readonly db: Database) {
    this.prepared = dialectOf(db) === 'sqlite';
  }

  async insertMany(rows: InteractionRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.prepared) return withPreparedStatements(this.db, (sql) => insertPrepared(sql, rows));
    // One statement is atomic by itself: no transaction (two more statements) around a single batch.
    if (rows.length <= INSERT_BATCH) {
      await this.db('interactions').insert(rows.map(toRecord));
      return;
    }
    await this.db.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        await trx('interactions').insert(rows.slice(i, i + INSERT_BATCH).map(toRecord));
      }
    });
  }

  async conversationActivities(
    channelId: string,
    conversationId: string,
    options: { after?: string; since?: Date; pageSize: number },
  ): Promise<Page<StoredInteraction>> {
    const query = this.db<Row>('interactions')
      .where({ channel_id: channelId, conversation_id: conversationId })
      .orderBy('id')
      .limit(options.pageSize + 1);
    if (options.after) query.where('id', '>', Number(options.after));
    if (options.since) query.where('occurred_at', '>=', options.since.toISOString());
    const rows = (await query) as Row[];
    return pageOf(rows.map(fromRecord), options.pageSize, (last) => String(last.id));
  }

  async conversations(channelId: string, options: { after?: string; pageSize: number }): Promise<Page<ConversationSummary>> {
    const query = this.db('interactions')
      .where({ channel_id: channelId })
      .groupBy('conversation_id')
      .select('conversation_id')
      .min({ first_id: 'id', first_at: 'occurred_at' })
      .orderBy('first_id')
      .limit(options.pageSize + 1);
    if (options.after) query.having(this.db.raw('min(id)'), '>', Number(options.after));
    const rows = (await query) as Array<{ conversation_id: string; first_id: number; first_at: string }>;
    const items = rows.map((r) => ({ channelId, conversationId: r.conversation_id, firstAt: new Date(r.first_at), firstId: r.first_id }));
    const page = pageOf(items, options.pageSize, (last) => String(last.firstId));
    return { next: page.next, items: page.items.map(({ firstId: _ignored, ...summary }) => summary) };
  }

  async deleteConversation(channelId: string, conversationId: string): Promise<number> {
    return this.db('interactions').where({ channel_id: channelId, conversation_id: conversationId }).delete();
  }

  /** Deletes rows older than the cutoff, in batches so a large purge does not hold the write lock for long. */
  async deleteOlderThan(cutoff: Date, batchSize = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = this.db('interactions').where('occurred_at', '<', cutoff.toISOString()).select('id').limit(batchSize);
      const deleted = await this.db('interactions').whereIn('id', ids).delete();
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }
}

function pageOf<T>(rows: T[], pageSize: number, cursor: (last: T) => string): Page<T> {
  if (rows.length <= pageSize) return { items: rows };
  const items = rows.slice(0, pageSize);
  return { items, next: cursor(items[items.length - 1]) };
}

/** The rows in prepared statements of PREPARED_SIZES, in one transaction when it takes more than one. */
async function insertPrepared(sql: PreparedRunner, rows: InteractionRow[]): Promise<void> {
  const statements: Array<{ size: number; params: unknown[] }> = [];
  for (let at = 0; at < rows.length;) {
    const size = PREPARED_SIZES.find((s) => s <= rows.length - at)!;
    const params: unknown[] = [];
    for (const row of rows.slice(at, at + size)) {
      const record = toRecord(row);
      for (const column of COLUMNS) params.push(record[column]);
    }
    statements.push({ size, params });
    at += size;
  }
  if (statements.length === 1) {
    await sql.run(insertSql(statements[0].size), statements[0].params);
    return;
  }
  await sql.run('begin', []);
  try {
    for (const { size, params } of statements) await sql.run(insertSql(size), params);
    await sql.run('commit', []);
  } catch (err) {
    await sql.run('rollback', []).catch(() => undefined);
    throw err;
  }
}

function toRecord(row: InteractionRow): Omit<Row, 'id'> {
  return {
    occurred_at: isoText(row.occurredAt),
    channel_id: row.channelId,
    conversation_id: row.conversationId,
    activity_id: row.activityId ?? null,
    reply_to_id: row.replyToId ?? null,
    direction: row.direction,
    activity_type: row.activityType,
    locale: row.locale ?? null,
    user_pseudonym: row.userPseudonym ?? null,
    text: row.text ?? null,
    redacted: row.redacted,
    dialog: row.dialog ?? null,
    intent: row.intent ?? null,
    intent_score: row.intentScore ?? null,
    latency_ms: row.latencyMs ?? null,
    activity_json: row.activityJson,
  };
}

function fromRecord(r: Row): StoredInteraction {
  return {
    id: r.id,
    occurredAt: new Date(r.occurred_at),
    channelId: r.channel_id,
    conversationId: r.conversation_id,
    activityId: r.activity_id ?? undefined,
    replyToId: r.reply_to_id ?? undefined,
    direction: r.direction,
    activityType: r.activity_type,
    locale: r.locale ?? undefined,
    userPseudonym: r.user_pseudonym ?? undefined,
    text: r.text ?? undefined,
    redacted: Boolean(r.redacted),
    dialog: r.dialog ?? undefined,
    intent: r.intent ?? undefined,
    intentScore: r.intent_score ?? undefined,
    latencyMs: r.latency_ms ?? undefined,
    activityJson: r.activity_json,
  };
}
