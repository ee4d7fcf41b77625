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
  /** 90,5 rather than 90.5: French Excel reads the comma as the decimal sign. On by default with `;`. */
  decimalComma?: boolean;
}

/** Always start a formula, in ASCII or full width (some spreadsheets fold ＝ to =). */
const ALWAYS_FORMULA = /^[=@＝＠＋－]/;
/** A sign followed only by what numbers and phone numbers are made of: -3, -2.5, +1 819 555-0177, +33 1 23 45 67 89. */
const SIGNED_NUMBER = /^[+-][\d\s().,-]*\d[\d\s().,-]*$/;
/**
 * C0 and C1 controls (but the line breaks, which are quoted) and the bidirectional embeddings,
 * overrides and isolates, which make a cell display something else than it holds.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const LEADING_IGNORABLE = /^[\s\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]+/;

/**
 * Text a spreadsheet would run as a formula, once leading white space (tab, CR, LF, spaces) and
 * controls are skipped: some importers trim or drop them.
 */
export function isFormula(value: string): boolean {
  const start = value.replace(LEADING_IGNORABLE, '');
  if (ALWAYS_FORMULA.test(start)) return true;
  return /^[+-]/.test(start) && !SIGNED_NUMBER.test(start);
}

/** A tab becomes a space; any other control or bidirectional control becomes U+FFFD, never written raw. */
export function withoutControlCharacters(value: string): string {
  return value.replace(/\t/g, ' ').replace(UNSAFE_CHARACTERS, '\ufffd');
}

/**
 * The text of a CSV cell (OWASP « CSV Injection »): controls replaced, then a leading apostrophe,
 * which Excel and LibreOffice show as text, on what would be a formula. A signed number or phone
 * number (+1 819 555-0177, -3) is data, not a formula, and stays as typed; csv-stringify's
 * `escape_formulas` would prefix those too, so it is off and this is the only rule.
 */
export function neutralizeFormula(value: string): string {
  const text = withoutControlCharacters(value);
  return isFormula(text) ? `'${text}` : text;
}

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark (so Excel reads accents right), CRLF line ends, French
 * headers, fields quoted when they hold the delimiter, a quote or a line break, and formula triggers
 * neutralized. Reads `rows` only as fast as the consumer takes the output (stream back-pressure), so
 * an export of any size runs in constant memory.
 */
export function csvExport<T>(rows: AsyncIterable<T> | Iterable<T>, columns: ExportColumn<T>[], options: CsvOptions = {}): Readable {
  const booleans = options.booleans ?? { true: 'oui', false: 'non' };
  const decimalComma = options.decimalComma ?? options.delimiter === ';';
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
    // Off: it would also prefix +1 819 555-0177; text was neutralized above, numbers are numbers.
    escape_formulas: false,
    cast: { number: (value) => (decimalComma ? String(value).replace('.', ',') : String(value)) },
  });
  return pipeline(Readable.from(records(), { objectMode: true, highWaterMark: 16 }), stringifier, () => undefined);
}

/** Escaped in JSON text although JSON allows them raw: C1 controls, line separators, bidirectional controls. */
const JSON_RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A JSON array with the same fields as the CSV (keyed by column key, values typed: numbers, booleans,
 * null), one object per line, streamed with back-pressure like the CSV. Values are kept as they are
 * (JSON is not run): JSON.stringify escapes C0 controls, the rest that a terminal or an editor could
 * act on or reorder on screen is written as a \u escape; parsing gives the value back unchanged.
 */
export function jsonExport<T>(rows: AsyncIterable<T> | Iterable<T>, columns: ExportColumn<T>[]): Readable {
  async function* chunks(): AsyncIterable<string> {
    yield '[';
    let first = true;
    for await (const row of rows) {
      const record: Record<string, CellValue> = {};
      for (const c of columns) record[c.key] = c.value(row) ?? null;
      yield `${first ? '\n' : ',\n'}${escapeUnsafe(JSON.stringify(record))}`;
      first = false;
    }
    yield first ? ']\n' : '\n]\n';
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 16 * 1024 });
}

function escapeUnsafe(json: string): string {
  return json.replace(JSON_RAW_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function exportStream<T>(format: ExportFormat, rows: AsyncIterable<T> | Iterable<T>, columns: ExportColumn<T>[], options: CsvOptions = {}): Readable {
  return format === 'csv' ? csvExport(rows, columns, options) : jsonExport(rows, columns);
}

export function contentType(format: ExportFormat): string {
  return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
}
