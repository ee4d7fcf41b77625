import type { Command } from 'commander';
import type { ExportColumn, ExportFormat, CsvDelimiter } from '../../domain/exports/tabularExport';
import { exportStream } from '../../domain/exports/tabularExport';
import type { Translate } from '../../domain/i18n';
import { CliContext, CliError, ExitCode } from './cliContext';
import { formatTable, localDateOption, printable, writeExport } from './staffCli';

/** `--from` and `--to`: local dates, both included. */
export interface DateRangeOptions {
  from?: string;
  to?: string;
}

/** `--format`, `--delimiter` and `--output` of a command that writes a file. */
export interface OutputOptions {
  format?: string;
  delimiter?: string;
  output?: string;
}

/** `--limit` (100 by default) and `--format table|json`: what every staff list takes last. */
export function listOutputOptions(command: Command, t: Translate): Command {
  return command.option('--limit <n>', t('admin:cli.options.limit'), '100').option('--format <format>', t('admin:cli.options.listFormat'), 'table');
}

/** A page of a staff list, and how it reads as JSON and as a table row; `messages` holds `none`, `count` and `more`. */
export interface Listing<T> {
  items: T[];
  more: boolean;
  json: (item: T) => unknown;
  headers: string[];
  row: (item: T) => string[];
  messages: 'admin:cli.complaints' | 'admin:cli.incidents';
}

/**
 * Prints the list as JSON, or as a table followed by its count (« … et plus » when `more`), or the
 * message saying there is none. True when it printed a table.
 */
export function printListing<T>(ctx: CliContext, t: Translate, format: 'table' | 'json' | undefined, listing: Listing<T>): boolean {
  if (format === 'json') {
    ctx.print(JSON.stringify(listing.items.map(listing.json), null, 2));
    return false;
  }
  if (listing.items.length === 0) {
    ctx.print(t(`${listing.messages}.none`));
    return false;
  }
  ctx.print(formatTable(listing.headers, listing.items.map(listing.row)));
  const count = listing.items.length;
  ctx.print(listing.more ? t(`${listing.messages}.more`, { count }) : t(`${listing.messages}.count`, { count }));
  return true;
}

/** Writes a CSV or JSON export to `--output` (never over an existing file) or to standard output. */
export async function writeStaffExport<T>(
  ctx: CliContext,
  t: Translate,
  format: ExportFormat,
  rows: AsyncIterable<T>,
  columns: ExportColumn<T>[],
  options: { delimiter?: CsvDelimiter; output?: string },
): Promise<void> {
  const stream = exportStream(format, rows, columns, {
    delimiter: options.delimiter,
    booleans: { true: t('admin:yes'), false: t('admin:no') },
  });
  try {
    await writeExport(stream, options.output, ctx.io.stdout);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new CliError(t('admin:errors.outputExists', { file: printable(options.output ?? '') }), ExitCode.failure);
    throw err;
  }
}

/** --from and --to (local dates, both included), checked before anything opens the database. */
export function localDateRange(options: DateRangeOptions, t: Translate): { from?: string; to?: string } {
  const from = localDateOption(options.from, '--from', t);
  const to = localDateOption(options.to, '--to', t);
  if (from && to && to < from) throw new CliError(t('admin:errors.period.reversed', { value: `${from} > ${to}` }), ExitCode.usage);
  return { from, to };
}
