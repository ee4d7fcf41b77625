import type { Command } from 'commander';
import { EXAM_ROUTES, ExamIncidentFilter, INCIDENT_STATUSES, IncidentStatus, PROBLEM_KINDS } from '../../domain/exams/examIncident';
import { foldText } from '../../domain/format/textFolding';
import { incidentColumns } from '../../domain/exports/exportColumns';
import { EXPORT_FORMATS } from '../../domain/exports/tabularExport';
import { formatIsoLocal } from '../../domain/format/dates';
import { label, Lang, LANGS, Translate, translator } from '../../domain/i18n';
import { CliContext, CliError, ExitCode } from './cliContext';
import { choiceOption, cliCalendar, delimiterOption, langOption, limitOption, printable, staffTools } from './staffCli';
import { DateRangeOptions, listOutputOptions, localDateRange, OutputOptions, printListing, writeStaffExport } from './staffListing';
import { registerIncidentStepCommands } from './incidentStepCommands';
import { staffActor } from './staffIdentity';

interface IncidentOptions extends DateRangeOptions, OutputOptions {
  kind?: string;
  route?: string;
  limit?: string;
  status?: string;
  mine?: boolean;
  as?: string;
}

/**
 * `incidents list|show|take|resolve|note|export`: the online-exam technical problems reported in the
 * chat, and their handling by staff (taken in charge, resolved, notes). Exit code 2 for an invalid
 * option, date or staff name, 1 for a step the status does not allow, 3 for an unknown reference.
 */
export function registerIncidentCommands(program: Command, context: () => CliContext, lang: Lang = 'fr'): void {
  const t = translator(lang);
  const group = program.command('incidents').description(t('admin:cli.incidents.description'));
  langOption(group, t);

  const filterOptions = (command: Command): Command =>
    command
      .option('--from <date>', t('admin:cli.options.createdFrom'))
      .option('--to <date>', t('admin:cli.options.createdTo'))
      .option('--kind <kind>', t('admin:cli.options.kind', { choices: PROBLEM_KINDS.join(', ') }))
      .option('--route <route>', t('admin:cli.options.route', { choices: EXAM_ROUTES.join(', ') }))
      .option('--status <statuses>', t('officer:cli.options.incidentStatus'));

  langOption(
    listOutputOptions(
      filterOptions(group.command('list').description(t('admin:cli.incidents.list')))
        .option('--mine', t('officer:cli.options.mineIncidents'))
        .option('--as <name>', t('officer:cli.options.as')),
      t,
    ),
    t,
  ).action(async (options: IncidentOptions) => {
    const format = choiceOption(options.format, ['table', 'json'] as const, '--format', t);
    const limit = limitOption(options.limit, t)!;
    const wanted = filter(options, t);
    if (options.mine) wanted.assignedTo = staffActor(context().config, options.as, t);
    const s = await staffTools(context(), lang);
    const rows = await s.incidents.list({ ...wanted, limit: limit + 1 });
    const items = rows.slice(0, limit);
    printListing(context(), t, format, {
      items,
      more: rows.length > limit,
      json: (i) => ({
        ...i,
        id: undefined,
        submissionId: undefined,
        createdAt: formatIsoLocal(i.createdAt),
        problemAt: i.problemAt ? formatIsoLocal(i.problemAt) : null,
      }),
      headers: [
        ...['reference', 'createdAt', 'kind', 'priority', 'route', 'exam'].map((h) => t(`admin:cli.incidents.columns.${h}`)),
        t('officer:cli.columns.incidentStatus'),
        t('officer:cli.columns.takenBy'),
      ],
      row: (i) => [
        i.reference,
        formatIsoLocal(i.createdAt).slice(0, 16).replace('T', ' '),
        label(t, `exam:kinds.${i.problemKind}`, i.problemKind),
        t(`admin:priorities.${i.priority}`),
        t(`admin:routes.${i.route}`),
        printable(i.examName ?? ''),
        t(`officer:incidentStatus.${i.status}`),
        i.assignedTo ? printable(i.assignedTo) : '—',
      ],
      messages: 'admin:cli.incidents',
    });
  });

  registerIncidentStepCommands(group, context, lang);

  langOption(
    filterOptions(group.command('export').description(t('admin:cli.incidents.export')))
      .option('--format <format>', t('admin:cli.options.exportFormat'), 'csv')
      .option('--delimiter <char>', t('admin:cli.options.delimiter'))
      .option('--output <file>', t('admin:cli.options.output'))
      .option('--as <name>', t('officer:cli.options.asManager')),
    t,
  ).action(async (options: IncidentOptions) => {
    const format = choiceOption(options.format, EXPORT_FORMATS, '--format', t)!;
    const delimiter = delimiterOption(options.delimiter, t);
    const wanted = filter(options, t);
    staffActor(context().config, options.as, t, 'manager');
    const s = await staffTools(context(), lang);
    await writeStaffExport(context(), t, format, s.incidents.stream(wanted), incidentColumns(s.t), { delimiter, output: options.output });
  });
}

function filter(options: IncidentOptions, t: Translate): ExamIncidentFilter {
  const calendar = cliCalendar();
  const { from, to } = localDateRange(options, t);
  const kind = choiceOption(options.kind, PROBLEM_KINDS, '--kind', t);
  const route = choiceOption(options.route, EXAM_ROUTES, '--route', t);
  return {
    createdFrom: from ? calendar.startOf(from) : undefined,
    createdBefore: to ? calendar.startOf(calendar.addCalendarDays(to, 1)) : undefined,
    kinds: kind ? [kind] : undefined,
    routes: route ? [route] : undefined,
    statuses: options.status === undefined ? undefined : incidentStatuses(options.status, t),
  };
}

/** Keys or the names shown on screen (« ouvert », « pris en charge », « résolu »), with or without accents. */
function incidentStatuses(value: string, t: Translate): IncidentStatus[] {
  const names = new Map<string, IncidentStatus>();
  for (const status of INCIDENT_STATUSES) {
    names.set(foldText(status), status);
    for (const l of LANGS) names.set(foldText(translator(l)(`officer:incidentStatus.${status}`)), status);
  }
  const statuses: IncidentStatus[] = [];
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const status = names.get(foldText(part)) ?? names.get(foldText(part).replace(/s$/, ''));
    if (!status) {
      const choices = INCIDENT_STATUSES.map((st) => t(`officer:incidentStatus.${st}`)).join(', ');
      throw new CliError(t('admin:errors.invalidChoice', { option: '--status', value: printable(part), choices }), ExitCode.usage);
    }
    statuses.push(status);
  }
  return statuses;
}
