import type { Command } from 'commander';
import { COMPLAINT_SERVICES, COMPLAINT_STATUSES, Complaint, ComplaintEvent, ComplaintStatus } from '../../domain/complaints/complaint';
import type { ClockStatus } from '../../domain/complaints/deadlines';
import { formatPhone } from '../../domain/complaints/contact';
import { complaintColumns } from '../../domain/exports/exportColumns';
import { EXPORT_FORMATS, exportStream } from '../../domain/exports/tabularExport';
import { formatIsoLocal } from '../../domain/format/dates';
import { formatReportDay, formatReportInstant, langOfTranslate } from '../../domain/statistics/reportDates';
import { label, Lang, Translate, translator } from '../../domain/i18n';
import type { ComplaintClocks } from '../../domain/staff/complaintDesk';
import { complaintDetail, complaintSummary } from '../../domain/staff/complaintViews';
import { addAnswerMailOptions, AnswerMailOptions, prepareAnswerMail } from './answerMailCommand';
import { CliContext, CliError, ExitCode } from './cliContext';
import {
  actorName,
  choiceOption,
  cliCalendar,
  cliErrorFrom,
  delimiterOption,
  formatTable,
  instantOption,
  langOption,
  limitOption,
  localDateOption,
  printable,
  referenceArgument,
  staffTools,
  StaffTools,
  writeExport,
} from './staffCli';

/** Notes are kept in the history as typed; this bounds them. */
export const NOTE_MAX_LENGTH = 2000;

interface ListOptions {
  status?: string;
  service?: string;
  atRisk?: boolean;
  overdue?: boolean;
  from?: string;
  to?: string;
  limit?: string;
  format?: string;
}

interface ActionOptions extends AnswerMailOptions {
  note?: string;
  at?: string;
  by?: string;
}

interface ExportOptions {
  format?: string;
  from?: string;
  to?: string;
  status?: string;
  service?: string;
  delimiter?: string;
  output?: string;
  includePersonal?: boolean;
}

/**
 * `complaints list|show|contact|answer|close|abandon|note|export`: the staff side of the complaint
 * register. Exit codes: 0 done, 1 refused (e.g. closing a complaint not answered yet), 2 usage
 * (invalid date, option or reference), 3 unknown reference.
 */
export function registerComplaintCommands(program: Command, context: () => CliContext, lang: Lang = 'fr'): void {
  const t = translator(lang);
  const tools = async (): Promise<StaffTools> => staffTools(context(), lang);
  const group = program.command('complaints').description(t('admin:cli.complaints.description'));
  langOption(group, t);

  langOption(
    group
      .command('list')
      .description(t('admin:cli.complaints.list'))
      .option('--status <statuses>', t('admin:cli.options.status', { choices: COMPLAINT_STATUSES.join(', ') }))
      .option('--service <key>', t('admin:cli.options.service', { choices: COMPLAINT_SERVICES.join(', ') }))
      .option('--at-risk', t('admin:cli.options.atRisk'))
      .option('--overdue', t('admin:cli.options.overdue'))
      .option('--from <date>', t('admin:cli.options.receivedFrom'))
      .option('--to <date>', t('admin:cli.options.receivedTo'))
      .option('--limit <n>', t('admin:cli.options.limit'), '100')
      .option('--format <format>', t('admin:cli.options.listFormat'), 'table'),
    t,
  ).action(async (options: ListOptions) => {
    const format = choiceOption(options.format, ['table', 'json'] as const, '--format', t);
    const filter = {
      statuses: statusesOption(options.status, t),
      service: choiceOption(options.service, COMPLAINT_SERVICES, '--service', t),
      ...dateRange(options, t),
      atRisk: options.atRisk,
      overdue: options.overdue,
      limit: limitOption(options.limit, t),
    };
    const s = await tools();
    const { items, more } = await s.desk.list(filter);
    const ctx = context();
    if (format === 'json') {
      ctx.print(
        JSON.stringify(
          items.map((i) => complaintSummary(i.complaint, i.clocks)),
          null,
          2,
        ),
      );
      return;
    }
    if (items.length === 0) {
      ctx.print(t('admin:cli.complaints.none'));
      return;
    }
    const headers = ['reference', 'status', 'service', 'received', 'firstContact', 'answer'].map((h) => t(`admin:cli.complaints.columns.${h}`));
    ctx.print(
      formatTable(
        headers,
        items.map(({ complaint: c, clocks }) => [
          c.reference,
          label(t, `complaint:status.${c.status}`, c.status),
          label(t, `complaint:services.${c.service}`, c.service),
          formatIsoLocal(c.receivedAt).slice(0, 16).replace('T', ' '),
          clockText(clocks.firstContact, t),
          clockText(clocks.answer, t),
        ]),
      ),
    );
    ctx.print(more ? t('admin:cli.complaints.more', { count: items.length }) : t('admin:cli.complaints.count', { count: items.length }));
    // Staff must know when the deadline reminders are not getting out.
    const outbox = await s.reminders.outbox();
    if (outbox.failing > 0)
      ctx.print(t('admin:cli.complaints.outboxFailing', { count: outbox.failing, code: printable(outbox.failures[0]?.lastErrorCode ?? '—') }));
  });

  langOption(
    group
      .command('show')
      .description(t('admin:cli.complaints.show'))
      .argument('<reference>', t('admin:cli.options.reference'))
      .option('--format <format>', t('admin:cli.options.showFormat'), 'text'),
    t,
  ).action(async (input: string, options: { format?: string }) => {
    const format = choiceOption(options.format, ['text', 'json'] as const, '--format', t);
    const reference = referenceArgument(input, t);
    const s = await tools();
    const found = await s.desk.show(reference);
    if (!found) throw new CliError(t('admin:errors.unknownReference', { reference }), ExitCode.notFound);
    const ctx = context();
    if (format === 'json') {
      ctx.print(JSON.stringify(complaintDetail(found.complaint, found.clocks, found.history), null, 2));
      return;
    }
    for (const line of detailLines(found, t)) ctx.print(line);
  });

  const action = (name: 'contact' | 'answer' | 'close' | 'abandon', noteRequired: boolean, withAt: boolean) => {
    const command = group
      .command(name)
      .description(t(`admin:cli.complaints.${name}`))
      .argument('<reference>', t('admin:cli.options.reference'))
      .option('--note <text>', t(noteRequired ? 'admin:cli.options.noteRequired' : 'admin:cli.options.note'))
      .option('--by <name>', t('admin:cli.options.by'));
    if (withAt) command.option('--at <when>', t('admin:cli.options.at'));
    if (name === 'answer') addAnswerMailOptions(command, t);
    langOption(command, t).action(async (input: string, options: ActionOptions) => {
      const reference = referenceArgument(input, t);
      let note = noteOption(options.note, noteRequired, t);
      const actor = actorName(options.by, t);
      const at = instantOption(options.at, cliCalendar(), t, context().clock.now());
      const s = await tools();
      const mail = name === 'answer' ? await prepareAnswerMail(options, context(), reference, s.complaints, t) : undefined;
      if (mail?.previewed) return;
      if (mail && !note) note = t('citizenMail:cli.note');
      const staffAction = { actor, note, at };
      try {
        const complaint =
          name === 'contact'
            ? await s.complaints.recordFirstContact(reference, staffAction)
            : name === 'answer'
              ? await s.complaints.recordAnswer(reference, staffAction)
              : name === 'close'
                ? await s.complaints.close(reference, staffAction)
                : await s.complaints.abandon(reference, staffAction);
        const eventAt =
          name === 'contact'
            ? complaint.firstContactAt
            : name === 'answer'
              ? complaint.answeredAt
              : name === 'close'
                ? complaint.closedAt
                : complaint.abandonedAt;
        context().print(
          t(`admin:cli.recorded.${name}`, {
            reference,
            actor: printable(actor),
            at: eventAt ? formatIsoLocal(eventAt) : '',
            status: label(t, `complaint:status.${complaint.status}`, complaint.status),
          }),
        );
        if (name === 'contact' || name === 'answer') {
          const clocks = s.desk.clocks(complaint);
          const clock = name === 'contact' ? clocks.firstContact : clocks.answer;
          context().print(`  ${t('admin:cli.format.labelled', { label: t(`admin:clock.${name === 'contact' ? 'firstContact' : 'answer'}`), value: clockText(clock, t) })}`);
        }
        if (mail) await mail.send(complaint);
      } catch (err) {
        throw await explain(err, reference, s, t);
      }
    });
  };
  action('contact', false, true);
  action('answer', false, true);
  action('close', false, false);
  action('abandon', true, true);

  langOption(
    group
      .command('note')
      .description(t('admin:cli.complaints.note'))
      .argument('<reference>', t('admin:cli.options.reference'))
      .requiredOption('--note <text>', t('admin:cli.options.noteRequired'))
      .option('--by <name>', t('admin:cli.options.by')),
    t,
  ).action(async (input: string, options: ActionOptions) => {
    const reference = referenceArgument(input, t);
    const note = noteOption(options.note, true, t)!;
    const actor = actorName(options.by, t);
    const s = await tools();
    try {
      await s.complaints.addNote(reference, { actor, note });
    } catch (err) {
      throw cliErrorFrom(err, t, reference);
    }
    context().print(t('admin:cli.recorded.note', { reference, actor: printable(actor) }));
  });

  langOption(
    group
      .command('export')
      .description(t('admin:cli.complaints.export'))
      .option('--format <format>', t('admin:cli.options.exportFormat'), 'csv')
      .option('--from <date>', t('admin:cli.options.receivedFrom'))
      .option('--to <date>', t('admin:cli.options.receivedTo'))
      .option('--status <statuses>', t('admin:cli.options.status', { choices: COMPLAINT_STATUSES.join(', ') }))
      .option('--service <key>', t('admin:cli.options.service', { choices: COMPLAINT_SERVICES.join(', ') }))
      .option('--delimiter <char>', t('admin:cli.options.delimiter'))
      .option('--include-personal', t('admin:cli.options.includePersonal'))
      .option('--output <file>', t('admin:cli.options.output')),
    t,
  ).action(async (options: ExportOptions) => {
    const format = choiceOption(options.format, EXPORT_FORMATS, '--format', t)!;
    const delimiter = delimiterOption(options.delimiter, t);
    const wanted = {
      statuses: statusesOption(options.status, t),
      service: choiceOption(options.service, COMPLAINT_SERVICES, '--service', t),
      ...dateRange(options, t),
    };
    const s = await tools();
    const filter = s.desk.repositoryFilter(wanted);
    const columns = complaintColumns(s.t, { includePersonal: options.includePersonal });
    const stream = exportStream(format, s.complaints.stream(filter), columns, { delimiter, booleans: { true: t('admin:yes'), false: t('admin:no') } });
    try {
      await writeExport(stream, options.output, context().io.stdout);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST')
        throw new CliError(t('admin:errors.outputExists', { file: printable(options.output ?? '') }), ExitCode.failure);
      throw err;
    }
  });
}

/** --from and --to (local dates, both included), checked before anything opens the database. */
function dateRange(options: { from?: string; to?: string }, t: Translate): { receivedFrom?: string; receivedTo?: string } {
  const receivedFrom = localDateOption(options.from, '--from', t);
  const receivedTo = localDateOption(options.to, '--to', t);
  if (receivedFrom && receivedTo && receivedTo < receivedFrom) {
    throw new CliError(t('admin:errors.period.reversed', { value: `${receivedFrom} > ${receivedTo}` }), ExitCode.usage);
  }
  return { receivedFrom, receivedTo };
}

function statusesOption(value: string | undefined, t: Translate): ComplaintStatus[] | undefined {
  if (value === undefined) return undefined;
  const statuses = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const status of statuses) choiceOption(status, COMPLAINT_STATUSES, '--status', t);
  return statuses as ComplaintStatus[];
}

function noteOption(value: string | undefined, required: boolean, t: Translate): string | undefined {
  const note = value?.trim();
  if (!note) {
    if (required) throw new CliError(t('admin:errors.noteRequired'), ExitCode.usage);
    return undefined;
  }
  if (note.length > NOTE_MAX_LENGTH) throw new CliError(t('admin:errors.noteTooLong', { max: NOTE_MAX_LENGTH }), ExitCode.usage);
  return note;
}

/** A refused transition says what the complaint's status is and what must come first. */
async function explain(err: unknown, reference: string, s: StaffTools, t: Translate): Promise<unknown> {
  const converted = cliErrorFrom(err, s.t, reference);
  if (converted instanceof CliError && converted.exitCode === ExitCode.failure) {
    const complaint = await s.complaints.get(reference);
    if (complaint) {
      return new CliError(
        t('admin:errors.invalidTransitionFrom', { reference, status: label(t, `complaint:status.${complaint.status}`, complaint.status) }),
        ExitCode.failure,
      );
    }
  }
  return converted;
}

/** « 2026-11-30 · à risque (1 j. ouvr. restant) » */
export function clockText(status: ClockStatus, t: Translate, inWords = false): string {
  const detail = t(`admin:clockState.${status.state}`, { count: status.businessDaysLeft ?? status.businessDaysLate ?? 0 });
  return `${inWords ? formatReportDay(status.dueDate, langOfTranslate(t)) : status.dueDate} · ${detail}`;
}

function detailLines(
  found: {
    complaint: Complaint;
    clocks: ComplaintClocks;
    history: ComplaintEvent[];
  },
  t: Translate,
): string[] {
  const c = found.complaint;
  const f = (key: string, value: string) => t('admin:cli.format.labelled', { label: t(`admin:fields.${key}`), value });
  const heading = (key: string) => t('admin:cli.format.heading', { label: t(`admin:fields.${key}`) });
  const contact = c.contactMethod === 'phone' ? formatPhone(c.contactValue) : c.contactValue;
  const lines = [
    t('admin:cli.complaints.title', { reference: c.reference, status: label(t, `complaint:status.${c.status}`, c.status) }),
    f('service', label(t, `complaint:services.${c.service}`, c.service)),
    f('receivedAt', formatReportInstant(c.receivedAt, langOfTranslate(t))),
  ];
  if (c.anonymized) lines.push(t('admin:fields.anonymized'));
  else {
    lines.push(f('name', printable(c.name)));
    lines.push(f('contact', `${label(t, `complaint:contactMethods.${c.contactMethod}`, c.contactMethod)} — ${printable(contact)}`));
  }
  if (c.incidentDate) lines.push(f('incidentDate', c.incidentDate));
  if (!c.anonymized) {
    lines.push(heading('description'));
    for (const line of printable(c.description, true).split('\n')) lines.push(`  ${line}`);
    if (c.desiredOutcome) {
      lines.push(heading('desiredOutcome'));
      for (const line of printable(c.desiredOutcome, true).split('\n')) lines.push(`  ${line}`);
    }
  }
  lines.push(f('firstContactClock', clockText(found.clocks.firstContact, t, true)));
  lines.push(f('answerClock', clockText(found.clocks.answer, t, true)));
  lines.push('');
  lines.push(heading('history'));
  for (const e of found.history) {
    const note = e.note ? ` ${t('admin:cli.format.quoted', { text: printable(e.note) })}` : '';
    lines.push(`  ${formatReportInstant(e.occurredAt, langOfTranslate(t))}  ${t(`admin:events.${e.type}`)} — ${printable(e.actor)}${note}`);
  }
  return lines;
}
