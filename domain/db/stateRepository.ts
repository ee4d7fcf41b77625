import { randomUUID } from 'node:crypto';
import { Clock, systemClock } from '../clock';
import { isoText } from '../format/isoText';
import type { Database } from './database';
import { dialectOf } from './dialect';
import { withPreparedStatements } from './sqlitePrepared';

export interface StoredDocument {
  data: Record<string, unknown>;
  etag: string;
  /** `data` as stored (JSON): compared with the state at the end of a turn instead of serializing it again. */
  json: string;
}

export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    super(`eTag conflict writing "${key}"`);
    this.name = 'ETagConflictError';
  }
}

type StateRow = { key: string; etag: string; data: string };

/** The statements of every turn, run prepared on SQLite (see sqlitePrepared.ts). */
const SELECT_ONE = 'select key, etag, data from bot_state where key = ?';
const UPDATE_IF_ETAG = 'update bot_state set etag = ?, data = ?, updated_at = ? where key = ? and etag = ?';
const INSERT_IF_ABSENT = 'insert into bot_state (key, etag, data, updated_at) values (?, ?, ?, ?) on conflict (key) do nothing';

/** Key/value documents with optimistic concurrency, the SQL side of the bot's conversation and user state. */
export class StateRepository {
  private readonly prepared: boolean;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock = systemClock,
  ) {
    this.prepared = dialectOf(db) === 'sqlite';
  }

  async read(keys: string[]): Promise<Map<string, StoredDocument>> {
    const found = new Map<string, StoredDocument>();
    if (keys.length === 0) return found;
    const rows: StateRow[] =
      this.prepared && keys.length === 1
        ? await withPreparedStatements(this.db, (sql) => sql.all<StateRow>(SELECT_ONE, keys))
        : await this.db('bot_state').whereIn('key', keys).select('key', 'etag', 'data');
    for (const row of rows) found.set(row.key, { etag: row.etag, data: JSON.parse(row.data) as Record<string, unknown>, json: row.data });
    return found;
  }

  /**
   * Writes a document and returns its new eTag. With `expectedETag` undefined or '*' the write always
   * succeeds; otherwise it succeeds only if the stored document still has that eTag (or does not exist).
   *
   * Race-free on both engines, across processes: the conditional UPDATE is atomic (PostgreSQL
   * re-checks the eTag after waiting for a concurrent writer's row lock), and the INSERT … ON
   * CONFLICT DO NOTHING RETURNING tells whether this call created the document — when another
   * writer created or changed it in between, nothing is returned and the write is a conflict.
   */
  async write(key: string, data: Record<string, unknown>, expectedETag?: string): Promise<string> {
    return this.writeJson(key, JSON.stringify(data), expectedETag);
  }

  /** write() with the document already serialized (the caller compared it with what it read). */
  async writeJson(key: string, json: string, expectedETag?: string): Promise<string> {
    const etag = randomUUID();
    const row = { key, etag, data: json, updated_at: isoText(this.clock.now()) };
    if (this.prepared && expectedETag && expectedETag !== '*') {
      const written = await withPreparedStatements(
        this.db,
        async (sql) =>
          (await sql.run(UPDATE_IF_ETAG, [etag, row.data, row.updated_at, key, expectedETag])) === 1 ||
          (await sql.run(INSERT_IF_ABSENT, [key, etag, row.data, row.updated_at])) === 1,
      );
      if (!written) throw new ETagConflictError(key);
      return etag;
    }
    if (!expectedETag || expectedETag === '*') {
      await this.db('bot_state').insert(row).onConflict('key').merge();
      return etag;
    }
    const updated = await this.db('bot_state').where({ key, etag: expectedETag }).update({ etag, data: row.data, updated_at: row.updated_at });
    if (updated === 1) return etag;
    // No row had the expected eTag: the write is legitimate only if the document does not exist yet.
    const created = (await this.db('bot_state').insert(row).onConflict('key').ignore().returning('etag')) as unknown[];
    if (created.length !== 1) throw new ETagConflictError(key);
    return etag;
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.db('bot_state').whereIn('key', keys).delete();
  }

  /** Deletes the documents last written before `cutoff` (STATE_RETENTION_DAYS), in batches; returns how many. */
  async deleteOlderThan(cutoff: Date, batchSize = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const keys = this.db('bot_state').where('updated_at', '<', cutoff.toISOString()).select('key').limit(batchSize);
      const deleted = await this.db('bot_state').whereIn('key', keys).delete();
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }
}
