import type { Command } from 'commander';
import { COMPLAINT_SERVICES, COMPLAINT_STATUSES, ComplaintStatus } from '../../domain/complaints/complaint';
import { parseComplaintSearch, SEARCH_MAX_LENGTH } from '../../domain/complaints/complaintSearch';
import { parseStatusList } from '../../domain/complaints/statusNames';
import { complaintColumns } from '../../domain/exports/exportColumns';
import { EXPORT_FORMATS } from '../../domain/exports/tabularExport';
import { formatIsoLocal } from '../../domain/format/dates';
import { label, Lang, Translate, translator } from '../../domain/i18n';
import { complaintDetail, complaintSummary } from '../../domain/staff/complaintViews';
import { CliContext, CliError, ExitCode } from './cliContext';
import { clockText, detailLines } from './complaintDetailLines';
import { registerComplaintStepCommands } from './complaintStepCommands';
import { choiceOption, delimiterOption, langOption, limitOption, printable, referenceArgument, staffTools, StaffTools } from './staffCli';
import { DateRangeOptions, listOutputOptions, localDateRange, OutputOptions, printListing, writeStaffExport } from './staffListing';
import { staffActor } from './staffIdentity';

export { clockText };

interface ListOptions extends DateRangeOptions {
  status?: string;
  service?: string;
  atRisk?: boolean;
  overdue?: boolean;
  limit?: string;
  format?: string;
  mine?: boolean;
  assignedTo?: string;
  unassigned?: boolean;
  search?: string;
  as?: string;
}

interface ExportOptions extends DateRangeOptions, OutputOptions {
  status?: string;
  service?: string;
  includePersonal?: boolean;
  as?: string;
}

/**
 * `complaints list|search|show|contact|answer|close|abandon|note|assign|unassign|export`: the staff side
 * of the complaint register. Exit codes: 0 done, 1 refused (e.g. closing a complaint not answered
 * yet), 2 usage (invalid date, option, reference or staff name), 3 unknown reference.
 */
export function registerComplaintCommands(program: Command, context: () => CliContext, lang: Lang = 'fr'): void {
  const t = translator(lang);
  const tools = async (): Promise<StaffTools> => staffTools(context(), lang);
  const group = program.command('complaints').description(t('admin:cli.complaints.description'));
  langOption(group, t);

  const listOptions = (command: Command): Command =>
    listOutputOptions(
      command
        .option('--status <statuses>', t('officer:cli.options.status'))
        .option('--service <key>', t('admin:cli.options.service', { choices: COMPLAINT_SERVICES.join(', ') }))
        .option('--mine', t('officer:cli.options.mine'))
        .option('--assigned-to <name>', t('officer:cli.options.assignedTo'))
        .option('--unassigned', t('officer:cli.options.unassigned'))
        .option('--at-risk', t('admin:cli.options.atRisk'))
        .option('--overdue', t('admin:cli.options.overdue'))
        .option('--from <date>', t('admin:cli.options.receivedFrom'))
        .option('--to <date>', t('admin:cli.options.receivedTo')),
      t,
    ).option('--as <name>', t('officer:cli.options.as'));

  const runList = async (options: ListOptions): Promise<void> => {
    const format = choiceOption(options.format, ['table', 'json'] as const, '--format', t);
    const ctx = context();
    if ([options.mine, options.assignedTo !== undefined, options.unassigned].filter(Boolean).length > 1)
      throw new CliError(t('officer:errors.assignmentFilters'), ExitCode.usage);
    const assignedTo = options.mine ? staffActor(ctx.config, options.as, t) : options.assignedTo?.trim();
    const search = options.search?.trim();
    if (search !== undefined && (search.length > SEARCH_MAX_LENGTH || !parseComplaintSearch(search)))
      throw new CliError(t('officer:errors.search', { max: SEARCH_MAX_LENGTH }), ExitCode.usage);
    const filter = {
      statuses: statusesOption(options.status, t),
      service: choiceOption(options.service, COMPLAINT_SERVICES, '--service', t),
      ...dateRange(options, t),
      atRisk: options.atRisk,
      overdue: options.overdue,
      assignedTo: assignedTo || undefined,
      unassigned: options.unassigned,
      search,
      limit: limitOption(options.limit, t),
    };
    const s = await tools();
    const { items, more } = await s.desk.list(filter);
    const printed = printListing(ctx, t, format, {
      items,
      more,
      json: (i) => complaintSummary(i.complaint, i.clocks),
      headers: [
        ...['reference', 'status', 'service', 'received'].map((h) => t(`admin:cli.complaints.columns.${h}`)),
        t('officer:cli.columns.assignedTo'),
        ...['firstContact', 'answer'].map((h) => t(`admin:cli.complaints.columns.${h}`)),
      ],
      row: ({ complaint: c, clocks }) => [
        c.reference,
        label(t, `complaint:status.${c.status}`, c.status),
        label(t, `complaint:services.${c.service}`, c.service),
        formatIsoLocal(c.receivedAt).slice(0, 16).replace('T', ' '),
        c.assignedTo ? printable(c.assignedTo) : '—',
        clockText(clocks.firstContact, t),
        clockText(clocks.answer, t),
      ],
      messages: 'admin:cli.complaints',
    });
    if (!printed) return;
    // Staff must know when the deadline reminders are not getting out.
    const outbox = await s.reminders.outbox();
    if (outbox.failing > 0)
      ctx.print(t('admin:cli.complaints.outboxFailing', { count: outbox.failing, code: printable(outbox.failures[0]?.lastErrorCode ?? '—') }));
  };

  langOption(listOptions(group.command('list').description(t('admin:cli.complaints.list'))).option('--search <text>', t('officer:cli.options.search')), t).action(
    runList,
  );
  langOption(
    listOptions(group.command('search').description(t('officer:cli.complaints.search')).argument('<text...>', t('officer:cli.options.searchText'))),
    t,
  ).action(async (words: string[], options: ListOptions) => runList({ ...options, search: words.join(' ') }));

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
    for (const line of detailLines(found, t, lang, s.calendar)) ctx.print(line);
  });

  registerComplaintStepCommands(group, context, lang);

  langOption(
    group
      .command('export')
      .description(t('admin:cli.complaints.export'))
      .option('--format <format>', t('admin:cli.options.exportFormat'), 'csv')
      .option('--from <date>', t('admin:cli.options.receivedFrom'))
      .option('--to <date>', t('admin:cli.options.receivedTo'))
      .option('--status <statuses>', t('officer:cli.options.status'))
      .option('--service <key>', t('admin:cli.options.service', { choices: COMPLAINT_SERVICES.join(', ') }))
      .option('--delimiter <char>', t('admin:cli.options.delimiter'))
      .option('--include-personal', t('admin:cli.options.includePersonal'))
      .option('--output <file>', t('admin:cli.options.output'))
      .option('--as <name>', t('officer:cli.options.asManager')),
    t,
  ).action(async (options: ExportOptions) => {
    const format = choiceOption(options.format, EXPORT_FORMATS, '--format', t)!;
    const delimiter = delimiterOption(options.delimiter, t);
    const wanted = {
      statuses: statusesOption(options.status, t),
      service: choiceOption(options.service, COMPLAINT_SERVICES, '--service', t),
      ...dateRange(options, t),
    };
    // Exports are the managers' (as in the admin API): checked when ADMIN_TOKENS names the staff.
    staffActor(context().config, options.as, t, 'manager');
    const s = await tools();
    const filter = s.desk.repositoryFilter(wanted);
    const columns = complaintColumns(s.t, { includePersonal: options.includePersonal });
    await writeStaffExport(context(), t, format, s.complaints.stream(filter), columns, { delimiter, output: options.output });
  });
}

/** --from and --to as the received dates (local, both included). */
function dateRange(options: DateRangeOptions, t: Translate): { receivedFrom?: string; receivedTo?: string } {
  const { from, to } = localDateRange(options, t);
  return { receivedFrom: from, receivedTo: to };
}

/** Keys or the names shown on screen (« reçue », « prise en charge »…), with or without accents. */
function statusesOption(value: string | undefined, t: Translate): ComplaintStatus[] | undefined {
  if (value === undefined) return undefined;
  const { statuses, unknown } = parseStatusList(value);
  if (unknown.length) {
    const choices = COMPLAINT_STATUSES.map((s) => t(`complaint:status.${s}`)).join(', ');
    throw new CliError(t('admin:errors.invalidChoice', { option: '--status', value: printable(unknown[0]), choices }), ExitCode.usage);
  }
  return statuses;
}
