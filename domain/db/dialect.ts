import type { Knex } from 'knex';

/**
 * The only place that knows which SQL engine is underneath. Everything else writes SQL both engines
 * accept (ISO-8601 UTC text for instants, `not flag` for booleans, double-quoted camelCase aliases,
 * `on conflict … do nothing returning …`) and asks here for the few things that differ.
 */
export type Dialect = 'sqlite' | 'postgres';

type Queryable = Knex | Knex.Transaction;

export function dialectOf(db: Queryable): Dialect {
  const client = (db.client as { config?: { client?: unknown } }).config?.client;
  return client === 'pg' ? 'postgres' : 'sqlite';
}

/** Rows of a raw statement: the sqlite3 client returns the array, pg returns `{ rows }`. */
export async function rawRows<T>(db: Queryable, sql: string, bindings: readonly Knex.RawBinding[] = []): Promise<T[]> {
  const result = (await db.raw(sql, bindings as Knex.RawBinding[])) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** `group_concat(expr)` on SQLite, `string_agg(expr, ',')` on PostgreSQL: values joined with commas, any order. */
export function groupConcat(db: Queryable, expression: string): string {
  return dialectOf(db) === 'postgres' ? `string_agg(${expression}, ',')` : `group_concat(${expression})`;
}

/** The query plan, one line per step: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL. */
export async function explainPlan(db: Queryable, sql: string, bindings: readonly Knex.RawBinding[]): Promise<string[]> {
  if (dialectOf(db) === 'postgres') {
    const rows = await rawRows<{ 'QUERY PLAN': string }>(db, `explain ${sql}`, bindings);
    return rows.map((r) => r['QUERY PLAN']);
  }
  const rows = await rawRows<{ detail: string }>(db, `explain query plan ${sql}`, bindings);
  return rows.map((r) => r.detail);
}

/** A namespace for this application's advisory locks (first key of the two-key form), so other tools sharing the server are not disturbed. */
const ADVISORY_LOCK_NAMESPACE = 0x43_41_44; // "CAD"

/**
 * PostgreSQL only: tries to take the transaction-level advisory lock named `name` (hashed with
 * hashtext) and returns whether it got it. The lock is released when `trx` commits or rolls back,
 * and by the server if the connection is lost: no expiry to guess, nothing left behind by a crash.
 */
export async function tryAdvisoryTransactionLock(trx: Knex.Transaction, name: string): Promise<boolean> {
  if (dialectOf(trx) !== 'postgres') throw new Error('advisory locks are a PostgreSQL feature');
  const [row] = await rawRows<{ locked: boolean }>(trx, 'select pg_try_advisory_xact_lock(?, hashtext(?)) as locked', [ADVISORY_LOCK_NAMESPACE, name]);
  return row?.locked === true;
}

/** Waits for the transaction-level advisory lock `name` (PostgreSQL), e.g. to run migrations one instance at a time. */
export async function advisoryTransactionLock(trx: Knex.Transaction, name: string): Promise<void> {
  if (dialectOf(trx) !== 'postgres') throw new Error('advisory locks are a PostgreSQL feature');
  await trx.raw('select pg_advisory_xact_lock(?, hashtext(?))', [ADVISORY_LOCK_NAMESPACE, name]);
}

/**
 * PostgreSQL: gives every text column of the schema byte-order ("C") collation, the behaviour of
 * SQLite's BINARY: ISO-8601 instants, references, keyset pages and statistics sort and compare the
 * same on both engines, and lower() changes ASCII letters only, whatever locale the database was
 * created with. Idempotent (only columns not in "C" yet); run after each migration pass, so columns
 * added by later migrations get it too.
 */
export async function useByteOrderCollation(db: Queryable): Promise<number> {
  if (dialectOf(db) !== 'postgres') return 0;
  const columns = await rawRows<{ table_name: string; column_name: string; data_type: string; character_maximum_length: number | null }>(
    db,
    `select table_name, column_name, data_type, character_maximum_length from information_schema.columns
      where table_schema = current_schema() and data_type in ('character varying', 'text')
        and coalesce(collation_name, '') <> 'C' and table_name not like 'knex\\_%'
      order by table_name, ordinal_position`,
  );
  for (const c of columns) {
    const type = c.data_type === 'text' ? 'text' : c.character_maximum_length ? `varchar(${Number(c.character_maximum_length)})` : 'varchar';
    await db.raw(`alter table ?? alter column ?? type ${type} collate "C"`, [c.table_name, c.column_name]);
  }
  return columns.length;
}
