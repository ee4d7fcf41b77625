import type { Database as SqliteConnection, Statement } from 'sqlite3';
import type { Knex } from 'knex';

/**
 * Prepared statements on knex's own SQLite connection, for the statements of every turn (the bot
 * state's read and write). Through knex, each call builds the query, compiles it and has sqlite3
 * prepare and finalize a new statement: about half of what a state read and write cost. Here a
 * statement is prepared once per connection and reused; the connection still comes from knex's pool,
 * so the calls wait for any transaction holding it, as knex's own queries do.
 */
export interface PreparedRunner {
  all<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** Runs a statement and returns how many rows it changed. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
}

/** A connection's prepared statements, and the runner over them (one per connection, not one per call). */
interface Prepared {
  statements: Map<string, Statement>;
  runner: PreparedRunner;
}

const preparedOf = new WeakMap<SqliteConnection, Prepared>();

function preparedFor(connection: SqliteConnection): Prepared {
  let prepared = preparedOf.get(connection);
  if (prepared) return prepared;
  const statements = new Map<string, Statement>();
  const statement = (sql: string): Statement => {
    let found = statements.get(sql);
    if (!found) statements.set(sql, (found = connection.prepare(sql)));
    return found;
  };
  prepared = {
    statements,
    runner: {
      all: <T>(sql: string, params: readonly unknown[]) =>
        new Promise<T[]>((resolve, reject) => {
          statement(sql).all<T>(params, (err, rows) => (err ? reject(err) : resolve(rows)));
        }),
      run: (sql, params) =>
        new Promise<number>((resolve, reject) => {
          statement(sql).run(params, function (err) {
            if (err) reject(err);
            else resolve(this.changes);
          });
        }),
    },
  };
  preparedOf.set(connection, prepared);
  return prepared;
}

type Operation = (runner: PreparedRunner) => Promise<void>;

/** The operations waiting for the connection, per database, and whether a round of them is under way. */
interface Queue {
  waiting: Operation[];
  draining: boolean;
}

const queues = new WeakMap<Knex, Queue>();

/**
 * Runs `use` with the pool's SQLite connection held, its prepared statements at hand. The operations
 * that arrive while the connection is awaited or in use run together, one after another, under one
 * acquisition from knex's pool: under load, each acquisition otherwise cost about 20 promises and a
 * timer in tarn (issue 13). A round takes only what was waiting when the connection came, so a knex
 * query queued meanwhile (a transaction) gets the connection next, as before.
 */
export function withPreparedStatements<T>(db: Knex, use: (runner: PreparedRunner) => Promise<T>): Promise<T> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = { waiting: [], draining: false }));
  const result = new Promise<T>((resolve, reject) => {
    queue.waiting.push(async (runner) => {
      try {
        resolve(await use(runner));
      } catch (err) {
        reject(err);
      }
    });
  });
  if (!queue.draining) void drain(db, queue);
  return result;
}

async function drain(db: Knex, queue: Queue): Promise<void> {
  queue.draining = true;
  try {
    while (queue.waiting.length > 0) {
      let connection: SqliteConnection;
      try {
        connection = (await db.client.acquireConnection()) as SqliteConnection;
      } catch (err) {
        // No connection (the pool timed out or is closing): each waiting operation fails as its own query would.
        for (const operation of queue.waiting.splice(0)) void operation(failingRunner(err));
        continue;
      }
      try {
        const { runner } = preparedFor(connection);
        for (const operation of queue.waiting.splice(0)) await operation(runner);
      } finally {
        await db.client.releaseConnection(connection);
      }
    }
  } finally {
    queue.draining = false;
  }
}

function failingRunner(err: unknown): PreparedRunner {
  return { all: () => Promise.reject(err), run: () => Promise.reject(err) };
}

/** Finalizes a connection's prepared statements: SQLite refuses to close a connection while any is open. */
export async function finalizePreparedStatements(connection: SqliteConnection): Promise<void> {
  const prepared = preparedOf.get(connection);
  if (!prepared) return;
  preparedOf.delete(connection);
  await Promise.all([...prepared.statements.values()].map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))));
}
