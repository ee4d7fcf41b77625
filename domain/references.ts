import type { Knex } from 'knex';

/**
 * The next human-friendly reference for a prefix and year, e.g. PL-2026-000123. Must run inside the
 * transaction that stores the record, so a number is never used twice nor skipped by a failed insert.
 */
export async function nextReference(trx: Knex.Transaction, prefix: string, year: number): Promise<string> {
  await trx('reference_counters').insert({ prefix, year, last_value: 0 }).onConflict(['prefix', 'year']).ignore();
  await trx('reference_counters').where({ prefix, year }).increment('last_value', 1);
  const row: { last_value: number } = await trx('reference_counters').where({ prefix, year }).first('last_value');
  return formatReference(prefix, year, row.last_value);
}

export function formatReference(prefix: string, year: number, value: number): string {
  return `${prefix}-${year}-${String(value).padStart(6, '0')}`;
}

/** Accepts « pl 2026 123 », « PL-2026-000123 », « pl2026000123 » and returns the canonical form, or undefined. */
export function parseReference(prefix: string, input: string): string | undefined {
  const match = new RegExp(`^\\s*${prefix}[\\s-]*(\\d{4})[\\s-]*(\\d{1,6})\\s*$`, 'i').exec(input);
  return match ? formatReference(prefix, Number(match[1]), Number(match[2])) : undefined;
}
