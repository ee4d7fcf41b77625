import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../domain/db/database';
import { errorSummary } from '../errorSummary';
import type { Logger } from '../logger';

/**
 * Tells the open streams of a conversation that it has new activities (they then read them from the
 * database, from their own watermark: a notification carries no data and a lost one costs only latency,
 * the streams also re-read now and then).
 */
export interface ActivityNotifier {
  /** New activities were written in this conversation (by this instance); `written`: the one just appended. */
  notify(conversationId: string, written?: WrittenActivity): void;
  /**
   * Calls `listener` whenever the conversation may have new activities (with the activity when this
   * instance just wrote it; never from another instance); returns the unsubscribe.
   */
  subscribe(conversationId: string, listener: (written?: WrittenActivity) => void): () => void;
  close(): Promise<void>;
}

/** An activity this instance has just appended: its sequence number and its JSON as stored. */
export interface WrittenActivity {
  seq: number;
  json: string;
}

/** One process (SQLite: one file means one machine, and every writer of it is this process or a sibling). */
export class LocalActivityNotifier implements ActivityNotifier {
  protected readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  notify(conversationId: string, written?: WrittenActivity): void {
    this.emitter.emit(conversationId, written);
  }

  subscribe(conversationId: string, listener: (written?: WrittenActivity) => void): () => void {
    this.emitter.on(conversationId, listener);
    return () => this.emitter.off(conversationId, listener);
  }

  /** Every subscriber re-reads (after a lost connection to the database, notifications may have been missed). */
  protected wakeAll(): void {
    for (const name of this.emitter.eventNames()) this.emitter.emit(name);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** The channel of PostgreSQL NOTIFY the instances share; the payload is `<instance>:<conversation>`. */
export const PG_CHANNEL = 'direct_line_activity';

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', listener: (err?: Error) => void): void;
  removeAllListeners(): void;
}

/**
 * Across instances on PostgreSQL: NOTIFY on every write (through the pool, in the same statement order
 * as the write), LISTEN on a dedicated connection that is not part of the pool (a pooled connection
 * would be handed to other queries). The listening connection is re-opened when it drops, and every
 * stream then re-reads. Its own notifications are delivered locally at once and skipped when echoed.
 */
export class PostgresActivityNotifier extends LocalActivityNotifier {
  private readonly instance = randomBytes(6).toString('base64url');
  private client: PgClient | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {
    super();
  }

  async start(): Promise<void> {
    await this.listen(true);
  }

  override notify(conversationId: string, written?: WrittenActivity): void {
    super.notify(conversationId, written);
    this.db
      .raw('select pg_notify(?, ?)', [PG_CHANNEL, `${this.instance}:${conversationId}`])
      .catch((err: unknown) => this.logger.warn({ err: errorSummary(err) }, 'direct line notification not sent'));
  }

  override async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
    await super.close();
  }

  private async listen(initial: boolean): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pg = require('pg') as { Client: new (config: unknown) => PgClient };
    const connection = (this.db.client as { config: { connection?: unknown } }).config.connection;
    const client = new pg.Client(typeof connection === 'string' ? { connectionString: connection } : connection);
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger.warn({ err: err ? errorSummary(err) : undefined }, 'direct line listener lost; reconnecting');
      this.retryTimer = setTimeout(() => {
        void this.listen(false).then(() => this.wakeAll());
      }, 1000);
    };
    client.on('notification', (message) => {
      if (message.channel !== PG_CHANNEL || !message.payload) return;
      const colon = message.payload.indexOf(':');
      if (colon < 0 || message.payload.slice(0, colon) === this.instance) return;
      this.emitter.emit(message.payload.slice(colon + 1));
    });
    client.on('error', lost);
    client.on('end', lost);
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${PG_CHANNEL}`);
    } catch (err) {
      if (initial) {
        this.client = undefined;
        client.removeAllListeners();
        await client.end().catch(() => undefined);
        throw err;
      }
      lost(err as Error);
    }
  }
}

/** The notifier for this database: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite. */
export async function createActivityNotifier(db: Database, logger: Logger): Promise<ActivityNotifier> {
  const client = String((db.client as { config: { client?: unknown } }).config.client ?? '');
  if (/^(pg|postgres|postgresql)$/.test(client)) {
    const notifier = new PostgresActivityNotifier(db, logger);
    await notifier.start();
    return notifier;
  }
  return new LocalActivityNotifier();
}
