import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import knex, { Knex } from 'knex';
import { migrations, ListMigrationSource } from './migrations';

export type Database = Knex;

export interface DatabaseLocation {
  client: 'sqlite3';
  filename: string;
}

/**
 * DATABASE_URL forms: `sqlite:data/assistant.sqlite` (relative to the working folder) or
 * `sqlite:/var/lib/assistant/assistant.sqlite`. Another engine is a new branch here plus its knex client.
 */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseLocation {
  const match = /^sqlite:(.+)$/.exec(url.trim());
  if (!match) throw new Error(`unsupported database URL "${url}": expected sqlite:<path>`);
  const path = match[1].replace(/^\/\/(?=\/)/, '');
  return { client: 'sqlite3', filename: isAbsolute(path) ? path : resolve(cwd, path) };
}

interface SqliteConnection {
  run(sql: string, callback: (err: Error | null) => void): void;
}

export interface OpenDatabaseOptions {
  /** How long a statement waits for another process's write lock before failing (SQLITE_BUSY). */
  busyTimeoutMs?: number;
  migrate?: boolean;
}

/** Opens the database, creating its folder, and brings the schema to the latest migration. */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<Database> {
  const location = parseDatabaseUrl(url);
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
        const pragmas = [`PRAGMA busy_timeout = ${busyTimeout}`, 'PRAGMA journal_mode = WAL', 'PRAGMA synchronous = NORMAL', 'PRAGMA foreign_keys = ON'];
        const next = (i: number): void => {
          if (i === pragmas.length) return done(null, conn);
          conn.run(pragmas[i], (err) => (err ? done(err, conn) : next(i + 1)));
        };
        next(0);
      },
    },
  });
  if (options.migrate !== false) {
    await db.migrate.latest({ migrationSource: new ListMigrationSource(migrations) });
  }
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
