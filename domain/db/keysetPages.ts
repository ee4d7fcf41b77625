import type { Knex } from 'knex';

/**
 * Reads a query's rows in pages of `pageSize`, ordered by (orderColumn, id), each page starting after
 * the last row seen. knex's sqlite3 `stream()` reads the whole result before emitting anything, so
 * exports use this instead: memory stays constant, and the single connection is free between pages.
 */
export async function* keysetPages<Row extends { id: number }>(
  query: () => Knex.QueryBuilder,
  orderColumn: string,
  options: { limit?: number; offset?: number; pageSize?: number } = {},
): AsyncIterable<Row> {
  const pageSize = options.pageSize ?? 500;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let after: { value: string | number; id: number } | undefined;
  while (remaining > 0) {
    const size = Math.min(pageSize, remaining);
    const page = query().orderBy(orderColumn).orderBy('id').limit(size);
    // A row-value comparison lets SQLite seek in the index (an OR would scan it from the start).
    if (after) page.whereRaw(`(??, id) > (?, ?)`, [orderColumn, after.value, after.id]);
    else if (options.offset) page.offset(options.offset);
    const rows = (await page) as Row[];
    for (const row of rows) yield row;
    if (rows.length < size) return;
    remaining -= rows.length;
    const last = rows[rows.length - 1] as Row & Record<string, unknown>;
    after = { value: last[orderColumn] as string | number, id: last.id };
  }
}

export async function* mapRows<A, B>(source: AsyncIterable<A>, map: (a: A) => B): AsyncIterable<B> {
  for await (const item of source) yield map(item);
}
