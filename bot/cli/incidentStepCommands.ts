import { Command } from 'commander';
import type { ExamIncident, ExamIncidentEvent } from '../../domain/exams/examIncident';
import { INCIDENT_NOTE_MAX_LENGTH, IncidentWorkflow, IncidentWorkflowError } from '../../domain/exams/incidentWorkflow';
import { label, Lang, Translate, translator } from '../../domain/i18n';
import { formatStaffInstant } from '../../domain/staff/staffDates';
import { CliContext, CliError, ExitCode } from './cliContext';
import { choiceOption, langOption, printable, staffTools } from './staffCli';
import { staffActor } from './staffIdentity';

interface StepOptions {
  note?: string;
  as?: string;
  format?: string;
}

/** `incidents show|take|resolve|note`: handling an exam incident, each step under a staff name. */
export function registerIncidentStepCommands(group: Command, context: () => CliContext, lang: Lang): void {
  const t = translator(lang);
  const workflow = async () => new IncidentWorkflow((await staffTools(context(), lang)).incidents, context().clock);
  const withReference = (name: string) =>
    group
      .command(name)
      .description(t(`officer:cli.incidents.${name}`))
      .argument('<reference>', t('officer:cli.options.incidentReference'));

  langOption(withReference('show').option('--format <format>', t('admin:cli.options.showFormat'), 'text'), t).action(
    async (input: string, options: StepOptions) => {
      const format = choiceOption(options.format, ['text', 'json'] as const, '--format', t);
      const reference = incidentReference(input, t);
      const found = await (await workflow()).show(reference);
      if (!found) throw new CliError(t('officer:errors.unknownIncident', { reference }), ExitCode.notFound);
      if (format === 'json') context().print(JSON.stringify(found, null, 2));
      else for (const line of incidentLines(found.incident, found.history, t, lang)) context().print(line);
    },
  );

  const step = (name: 'take' | 'resolve' | 'note', noteRequired: boolean) =>
    langOption(
      withReference(name)
        .option('--note <text>', t(noteRequired ? 'admin:cli.options.noteRequired' : 'admin:cli.options.note'))
        .option('--as <name>', t('officer:cli.options.as')),
      t,
    ).action(async (input: string, options: StepOptions) => {
      const reference = incidentReference(input, t);
      const note = options.note?.trim() || undefined;
      if (noteRequired && !note) throw new CliError(t('admin:errors.noteRequired'), ExitCode.usage);
      if (note && note.length > INCIDENT_NOTE_MAX_LENGTH) throw new CliError(t('admin:errors.noteTooLong', { max: INCIDENT_NOTE_MAX_LENGTH }), ExitCode.usage);
      const actor = staffActor(context().config, options.as, t);
      const w = await workflow();
      try {
        const action = { actor, note };
        const incident = name === 'take' ? await w.take(reference, action) : name === 'resolve' ? await w.resolve(reference, action) : await w.addNote(reference, action);
        context().print(t(`officer:cli.recorded.incident.${name}`, { reference, actor: printable(actor), status: t(`officer:incidentStatus.${incident.status}`) }));
      } catch (err) {
        if (!(err instanceof IncidentWorkflowError)) throw err;
        if (err.code === 'notFound') throw new CliError(t('officer:errors.unknownIncident', { reference }), ExitCode.notFound);
        const current = (await w.show(reference))?.incident.status ?? 'open';
        throw new CliError(t('officer:errors.incidentTransition', { reference, status: t(`officer:incidentStatus.${current}`) }), ExitCode.failure);
      }
    });
  step('take', false);
  step('resolve', true);
  step('note', true);
}

function incidentReference(input: string, t: Translate): string {
  const reference = IncidentWorkflow.parseReference(input);
  if (!reference) throw new CliError(t('officer:errors.invalidIncidentReference', { value: printable(input) }), ExitCode.usage);
  return reference;
}

function incidentLines(i: ExamIncident, history: ExamIncidentEvent[], t: Translate, lang: Lang): string[] {
  const f = (text: string, value: string) => t('admin:cli.format.labelled', { label: text, value });
  const lines = [
    t('officer:cli.incidents.title', { reference: i.reference, status: t(`officer:incidentStatus.${i.status}`) }),
    f(t('admin:cli.incidents.columns.createdAt'), formatStaffInstant(i.createdAt, lang)),
    f(t('admin:cli.incidents.columns.kind'), label(t, `exam:kinds.${i.problemKind}`, i.problemKind)),
    f(t('admin:cli.incidents.columns.priority'), t(`admin:priorities.${i.priority}`)),
    f(t('admin:cli.incidents.columns.route'), t(`admin:routes.${i.route}`)),
  ];
  if (i.examName) lines.push(f(t('admin:cli.incidents.columns.exam'), printable(i.examName)));
  if (i.problemAt) lines.push(f(t('admin:export.incidents.problemAt'), formatStaffInstant(i.problemAt, lang)));
  if (i.device || i.browser) lines.push(f(t('officer:fields.device'), printable([i.device, i.browser].filter(Boolean).join(' · '))));
  lines.push(f(t('officer:cli.columns.takenBy'), i.assignedTo && i.takenAt ? t('officer:fields.assignedSince', { name: printable(i.assignedTo), since: formatStaffInstant(i.takenAt, lang) }) : '—'));
  if (i.resolvedAt) lines.push(f(t('officer:fields.resolvedAt'), formatStaffInstant(i.resolvedAt, lang)));
  lines.push('', t('admin:cli.format.heading', { label: t('admin:fields.history') }));
  if (history.length === 0) lines.push(`  ${t('officer:cli.incidents.noHistory')}`);
  for (const e of history) {
    const note = e.note ? ` ${t('admin:cli.format.quoted', { text: printable(e.note) })}` : '';
    lines.push(`  ${formatStaffInstant(e.occurredAt, lang)} — ${t(`officer:incidentEvents.${e.type}`)} — ${printable(e.actor)}${note}`);
  }
  return lines;
}
