import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { ComplaintError, ComplaintService } from '../../domain/complaints/complaintService';
import type { ExamIncidentRepository } from '../../domain/exams/examIncidentRepository';
import { CSV_DELIMITERS, CsvDelimiter } from '../../domain/exports/tabularExport';
import { Lang, translator, Translate } from '../../domain/i18n';
import { ComplaintDesk } from '../../domain/staff/complaintDesk';
import { PeriodError, PeriodFactory } from '../../domain/statistics/period';
import type { ReminderStatisticsRepository } from '../../domain/statistics/reminderStatistics';
import type { StatisticsService } from '../../domain/statistics/statisticsService';
import { CliContext, cliCalendar, CliError, ExitCode } from './cliContext';

/**
 * The language of the staff commands' messages: `--lang en` (or `--lang=en`) anywhere on the line,
 * French otherwise. Read before parsing, so that --help is translated too.
 */
export function cliLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice('--lang='.length) : undefined;
    if (value !== undefined) return /^en\b/i.test(value) ? 'en' : 'fr';
  }
  return 'fr';
}

/** Declares `--lang` on a command, so commander accepts it wherever it is written. */
export function langOption(command: Command, t: Translate): Command {
  return command.option('--lang <lang>', t('admin:cli.options.lang'));
}

/** What the staff commands work with, built on the CLI's database. */
export interface StaffTools {
  t: Translate;
  lang: Lang;
  calendar: BusinessCalendar;
  desk: ComplaintDesk;
  complaints: ComplaintService;
  statistics: StatisticsService;
  incidents: ExamIncidentRepository;
  reminders: ReminderStatisticsRepository;
}

export { cliCalendar };

export function cliPeriods(): PeriodFactory {
  return new PeriodFactory(cliCalendar());
}

/** The staff commands' tools: the CliContext's services (one desk, one statistics service) and a translator. */
export async function staffTools(ctx: CliContext, lang: Lang): Promise<StaffTools> {
  const services = await ctx.services();
  return {
    t: translator(lang),
    lang,
    calendar: services.calendar,
    complaints: services.complaints,
    desk: services.desk,
    statistics: services.statistics,
    incidents: services.incidents,
    reminders: services.reminderStatistics,
  };
}

/** A local date (YYYY-MM-DD), or a usage error naming the option. */
export function localDateOption(value: string | undefined, option: string, t: Translate): string | undefined {
  if (value === undefined) return undefined;
  try {
    return cliPeriods().parseDate(value);
  } catch {
    throw new CliError(t('admin:errors.invalidDate', { option, value: printable(value) }), ExitCode.usage);
  }
}

/**
 * When something happened: ISO 8601 with an offset (2026-11-23T14:30:00-05:00), or a local date-time
 * without one (2026-11-23T14:30 or « 2026-11-23 14:30 »), read in Québec time whatever the machine's zone.
 */
export function instantOption(value: string | undefined, calendar: BusinessCalendar, t: Translate, now: Date): Date | undefined {
  if (value === undefined) return undefined;
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  let instant: Date | undefined;
  try {
    if (local) instant = calendar.instantAt(local[1], Number(local[2]), Number(local[3]));
    else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim())) instant = new Date(value.trim());
  } catch {
    instant = undefined;
  }
  if (!instant || Number.isNaN(instant.getTime()) || (local && (Number(local[2]) > 23 || Number(local[3]) > 59))) {
    throw new CliError(t('admin:errors.invalidInstant', { value: printable(value) }), ExitCode.usage);
  }
  if (instant.getTime() > now.getTime() + 5 * 60_000) throw new CliError(t('admin:errors.futureInstant', { value: printable(value) }), ExitCode.usage);
  return instant;
}

export function delimiterOption(value: string | undefined, t: Translate): CsvDelimiter {
  if (value === undefined) return ',';
  const normalized = value === '\\t' || value.toLowerCase() === 'tab' ? '\t' : value;
  if (!(CSV_DELIMITERS as readonly string[]).includes(normalized))
    throw new CliError(t('admin:errors.invalidDelimiter', { value: printable(value) }), ExitCode.usage);
  return normalized as CsvDelimiter;
}

export function choiceOption<T extends string>(value: string | undefined, choices: readonly T[], option: string, t: Translate): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    throw new CliError(t('admin:errors.invalidChoice', { option, value: printable(value), choices: choices.join(', ') }), ExitCode.usage);
  }
  return value as T;
}

export function limitOption(value: string | undefined, t: Translate, max = 10_000): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CliError(t('admin:errors.invalidLimit', { value: printable(value), max }), ExitCode.usage);
  return n;
}

/** The canonical reference, or a usage error; the caller turns « not found » into exit code 3. */
export function referenceArgument(input: string, t: Translate): string {
  const reference = ComplaintDesk.parseReference(input);
  if (!reference) throw new CliError(t('admin:errors.invalidReference', { value: printable(input) }), ExitCode.usage);
  return reference;
}

/** Period errors and complaint errors as clear messages with the exit codes scripts rely on. */
export function cliErrorFrom(err: unknown, t: Translate, reference?: string): unknown {
  if (err instanceof PeriodError) return new CliError(t(`admin:errors.period.${err.code}`, { value: printable(err.value) }), ExitCode.usage);
  if (err instanceof ComplaintError) {
    if (err.code === 'notFound') return new CliError(t('admin:errors.unknownReference', { reference }), ExitCode.notFound);
    if (err.code === 'invalidTransition') return new CliError(t('admin:errors.invalidTransition', { reference }), ExitCode.failure);
    return new CliError(t('admin:errors.eventBeforeReceipt', { reference }), ExitCode.usage);
  }
  return err;
}

/**
 * Control characters (terminal escape sequences…) shown as \x1b rather than run by the terminal:
 * complaint text is printed as the citizen typed it, never interpreted.
 */
export function printable(text: string, keepNewlines = false): string {
  // eslint-disable-next-line no-control-regex
  const pattern = keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/g : /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
  return text.replace(pattern, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Left-aligned columns separated by two spaces. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - [...c].length)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Copies an export to --output (a new file) or to standard output, taking data only as fast as it
 * is written, so a large export stays in constant memory. Standard output is not closed.
 */
export async function writeExport(stream: Readable, output: string | undefined, stdout: Writable): Promise<void> {
  if (output) {
    await pipeline(stream, createWriteStream(output, { flags: 'wx' }));
    return;
  }
  for await (const chunk of stream) {
    if (!stdout.write(chunk)) await once(stdout, 'drain');
  }
}
