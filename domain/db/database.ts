import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import knex, { Knex } from 'knex';
import { types as pgTypes } from 'pg';
import { advisoryTransactionLock, dialectOf, useByteOrderCollation } from './dialect';
import { migrations, ListMigrationSource } from './migrations';
import { finalizePreparedStatements } from './sqlitePrepared';
import type { Database as SqliteConnection } from 'sqlite3';

export type Database = Knex;

export type DatabaseLocation = { client: 'sqlite3'; filename: string } | { client: 'pg'; connectionString: string };

/** `postgres://…` or `postgresql://…`: the forms DATABASE_URL accepts for PostgreSQL. */
export const POSTGRES_URL = /^postgres(ql)?:\/\/.+/i;

/**
 * DATABASE_URL forms: `sqlite:data/assistant.sqlite` (relative to the working folder),
 * `sqlite:/var/lib/assistant/assistant.sqlite`, or `postgres://user:password@host:5432/db`
 * (also `postgresql://…`, with any libpq parameter pg understands, e.g. `?sslmode=require`).
 */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseLocation {
  const trimmed = url.trim();
  if (POSTGRES_URL.test(trimmed)) return { client: 'pg', connectionString: trimmed };
  const match = /^sqlite:(.+)$/.exec(trimmed);
  if (!match) throw new Error(`unsupported database URL: expected sqlite:<path> or postgres://user:password@host:5432/db`);
  const path = match[1].replace(/^\/\/(?=\/)/, '');
  return { client: 'sqlite3', filename: isAbsolute(path) ? path : resolve(cwd, path) };
}

export interface OpenDatabaseOptions {
  /** SQLite: how long a statement waits for another process's write lock before failing (SQLITE_BUSY). */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections per process (DATABASE_POOL_MAX); at least 2, for the migration lock. SQLite always uses one. */
  poolMax?: number;
  migrate?: boolean;
}

export const DEFAULT_POSTGRES_POOL_MAX = 10;

/** Opens the database (creating a SQLite file's folder) and brings the schema to the latest migration. */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const location = parseDatabaseUrl(url);
  const db = location.client === 'pg' ? openPostgres(location.connectionString, options) : openSqlite(location.filename, options);
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (err) {
      await db.destroy();
      throw err;
    }
  }
  return db;
}

/**
 * Brings the schema to the latest migration. On PostgreSQL several instances may start together:
 * an advisory lock held by a transaction lets one migrate while the others wait, then find nothing
 * left to do (knex's own lock table would make them fail instead). Text columns then get byte-order
 * collation (see useByteOrderCollation).
 */
async function migrate(db: Database): Promise<void> {
  if (await upToDate(db)) return;
  const latest = () => db.migrate.latest({ migrationSource: new ListMigrationSource(migrations) });
  if (dialectOf(db) !== 'postgres') {
    await createSqliteMigrationTables(db);
    // Two processes starting together on a new file: the one that lost the lock (or waited past
    // busy_timeout for the other's transaction) waits until the other is done (up to 30 s on a busy machine).
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await latest();
        return;
      } catch (err) {
        if (Date.now() > deadline || !/already exists|already locked|database is locked/i.test(String((err as Error).message))) throw err;
        await new Promise((resolve) => setTimeout(resolve, 200));
        if (await upToDate(db)) return;
      }
    }
  }
  await db.transaction(async (trx) => {
    await advisoryTransactionLock(trx, 'schema-migrations');
    await latest();
    await useByteOrderCollation(trx);
  });
}

/**
 * knex's own tables, as knex would create them, but each statement atomic: knex checks then creates,
 * so two processes starting on a new file could both insert the lock row, and every migration after
 * that found the table « already locked » for ever.
 */
async function createSqliteMigrationTables(db: Database): Promise<void> {
  await db.raw(
    'create table if not exists `knex_migrations` (`id` integer not null primary key autoincrement, `name` varchar(255), `batch` integer, `migration_time` datetime)',
  );
  await db.raw('create table if not exists `knex_migrations_lock` (`index` integer not null primary key autoincrement, `is_locked` integer)');
  await db.raw('insert or ignore into `knex_migrations_lock` (`index`, `is_locked`) values (1, 0)');
}

/** Whether every migration is recorded already: one query instead of knex's several checks, at each start. */
async function upToDate(db: Database): Promise<boolean> {
  try {
    const rows = (await db('knex_migrations').select('name')) as Array<{ name: string }>;
    const applied = new Set(rows.map((r) => r.name));
    return migrations.every((m) => applied.has(m.name));
  } catch {
    return false; // no migration table yet
  }
}

/** int8 (count(*), sum() of integers) as a number, as SQLite returns it: every count here is far below 2^53. */
const INT8_OID = 20;
pgTypes.setTypeParser(INT8_OID, (value: string) => Number(value));

function openPostgres(connectionString: string, options: OpenDatabaseOptions): Database {
  return knex({
    client: 'pg',
    connection: { connectionString },
    pool: { min: 0, max: Math.max(2, options.poolMax ?? DEFAULT_POSTGRES_POOL_MAX) },
  });
}

function openSqlite(filename: string, options: OpenDatabaseOptions): Database {
  const location = { filename };
  mkdirSync(dirname(location.filename), { recursive: true });
  const busyTimeout = options.busyTimeoutMs ?? 5000;
  const db = knex({
    client: 'sqlite3',
    connection: { filename: location.filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        // Switching a new file to WAL while another process opens it fails at once or after the whole
        // busy_timeout: try it with a short wait, again until busy_timeout, then set the real one.
        const pragmas = ['PRAGMA busy_timeout = 50', 'PRAGMA journal_mode = WAL', `PRAGMA busy_timeout = ${busyTimeout}`, 'PRAGMA synchronous = NORMAL', 'PRAGMA foreign_keys = ON', 'PRAGMA temp_store = MEMORY'];
        const deadline = Date.now() + busyTimeout;
        const next = (i: number): void => {
          if (i === pragmas.length) return done(null, conn);
          conn.run(pragmas[i], (err) => {
            if (!err) return next(i + 1);
            if (/SQLITE_BUSY/.test(err.message) && Date.now() < deadline) return void setTimeout(() => next(i), 20);
            done(err, conn);
          });
        };
        next(0);
      },
    },
  });
  const destroyRawConnection = db.client.destroyRawConnection.bind(db.client);
  db.client.destroyRawConnection = async (connection: SqliteConnection) => {
    await finalizePreparedStatements(connection);
    return destroyRawConnection(connection);
  };
  return db;
}

export async function isDatabaseReachable(db: Database): Promise<boolean> {
  try {
    await db.raw('select 1');
    return true;
  } catch {
    return false;
  }
}
