import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

export type ExportFormat = 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json'];

/** `,` by default; `;` for Excel in French, where the comma is the decimal separator. */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export type CellValue = string | number | boolean | null | undefined;

/** One column: a stable key (the JSON field name), a header for people, and how to read the value. */
export interface ExportColumn<T> {
  key: string;
  header: string;
  value: (row: T) => CellValue;
}

export interface CsvOptions {
  delimiter?: CsvDelimiter;
  /** How a boolean reads in a cell (« oui » / « non » in French). */
  booleans?: { true: string; false: string };
}

const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];

/**
 * A cell a spreadsheet would run as a formula (OWASP « CSV Injection »: starting with =, +, -, @, tab
 * or carriage return) gets a leading apostrophe, which Excel and LibreOffice show as text. csv-stringify
 * does the same with `escape_formulas` (plus the full-width forms); this is the rule, spelled out and
 * tested, and applied to text only: numbers stay numbers.
 */
export function neutralizeFormula(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.includes(value[0]) ? `'${value}` : value;
}

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel reads accents right), CRLF line ends, French
 * headers, fields quoted when they hold the delimiter, a quote or a line break, and formula triggers
 * neutralized. Reads `rows` only as fast as the consumer takes the output (stream back-pressure), so
 * an export of any size runs in constant memory.
 */
export function csvExport<T>(rows: AsyncIterable<T> | Iterable<T>, columns: ExportColumn<T>[], options: CsvOptions = {}): Readable {
  const booleans = options.booleans ?? { true: 'oui', false: 'non' };
  const cell = (value: CellValue): string | number => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'boolean') return value ? booleans.true : booleans.false;
    if (typeof value === 'number') return value;
    return neutralizeFormula(value);
  };
  async function* records(): AsyncIterable<Array<string | number>> {
    for await (const row of rows) yield columns.map((c) => cell(c.value(row)));
  }
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: columns.map((c, i) => ({ key: String(i), header: c.header })),
    delimiter: options.delimiter ?? ',',
    record_delimiter: 'windows',
    // Also quote a bare \n or \r inside a field: csv-stringify stops doing so once record_delimiter is set.
    quote_record_delimiter: true,
    escape_formulas: true,
    // A number cast to text, never neutralized (-3 is a number); text was neutralized above.
    cast: { number: (value) => String(value) },
  });
  return pipeline(Readable.from(records(), { objectMode: true, highWaterMark: 16 }), stringifier, () => undefined);
}

/**
 * A JSON array with the same fields as the CSV (keyed by column key, values typed: numbers, booleans,
 * null), one object per line, streamed with back-pressure like the CSV.
 */
export function jsonExport<T>(rows: AsyncIterable<T> | Iterable<T>, columns: ExportColumn<T>[]): Readable {
  async function* chunks(): AsyncIterable<string> {
    yield '[';
    let first = true;
    for await (const row of rows) {
      const record: Record<string, CellValue> = {};
      for (const c of columns) record[c.key] = c.value(row) ?? null;
      yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
      first = false;
    }
    yield first ? ']\n' : '\n]\n';
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 16 * 1024 });
}

export function exportStream<T>(format: ExportFormat, rows: AsyncIterable<T> | Iterable<T>, columns: ExportColumn<T>[], options: CsvOptions = {}): Readable {
  return format === 'csv' ? csvExport(rows, columns, options) : jsonExport(rows, columns);
}

export function contentType(format: ExportFormat): string {
  return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
}
