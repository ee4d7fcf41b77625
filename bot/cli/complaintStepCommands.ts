import { Command, Option } from 'commander';
import { OUTCOMES_NEEDING_MEASURES } from '../../domain/complaints/complaint';
import { MEASURES_MAX_LENGTH } from '../../domain/complaints/complaintService';
import { formatIsoLocal } from '../../domain/format/dates';
import { label, Lang, Translate, translator } from '../../domain/i18n';
import { UnknownStaffError } from '../../domain/staff/staffDirectory';
import { addAnswerMailOptions, AnswerMailOptions, prepareAnswerMail } from './answerMailCommand';
import { CliContext, CliError, ExitCode } from './cliContext';
import { clockText } from './complaintDetailLines';
import { CONTACT_CHANNEL_NAMES, CONTACT_RESULT_NAMES, namedChoice, OUTCOME_NAMES } from './options';
import { cliCalendar, cliErrorFrom, instantOption, langOption, printable, referenceArgument, staffTools, StaffTools } from './staffCli';
import { staffDirectory } from '../staffAccounts';
import { staffActor } from './staffIdentity';

/** Notes are kept in the history as typed; this bounds them. */
export const NOTE_MAX_LENGTH = 2000;

interface StepOptions extends AnswerMailOptions {
  note?: string;
  at?: string;
  as?: string;
  by?: string;
  result?: string;
  channel?: string;
  outcome?: string;
  measures?: string;
}

/**
 * The steps staff record on a complaint, each under a name (`--as`, or STAFF_NAME; checked against
 * ADMIN_TOKENS when it names the staff): contact attempts (only « joint » stops the 5-day clock),
 * answer, close with the outcome, abandon, note, assign and unassign.
 */
export function registerComplaintStepCommands(group: Command, context: () => CliContext, lang: Lang): void {
  const t = translator(lang);
  const tools = async (): Promise<StaffTools> => staffTools(context(), lang);
  const actorOf = (options: StepOptions) => staffActor(context().config, options.as ?? options.by, t);
  const step = (name: string, description: string) =>
    group
      .command(name)
      .description(description)
      .argument('<reference>', t('admin:cli.options.reference'))
      .option('--as <name>', t('officer:cli.options.as'))
      // The older spelling of --as, kept for scripts.
      .addOption(new Option('--by <name>').hideHelp());
  const print = (line: string) => context().print(line);

  langOption(
    step('contact', t('officer:cli.complaints.contact'))
      .option('--result <result>', t('officer:cli.options.result'))
      .option('--channel <channel>', t('officer:cli.options.channel'))
      .option('--note <text>', t('admin:cli.options.note'))
      .option('--at <when>', t('admin:cli.options.at')),
    t,
  ).action(async (input: string, options: StepOptions) => {
    const reference = referenceArgument(input, t);
    if (options.result === undefined) throw new CliError(t('officer:errors.resultRequired'), ExitCode.usage);
    const result = namedChoice(options.result, CONTACT_RESULT_NAMES, '--result', t('officer:cli.choices.result'), t);
    const chosen = options.channel === undefined ? undefined : namedChoice(options.channel, CONTACT_CHANNEL_NAMES, '--channel', t('officer:cli.choices.channel'), t);
    const note = noteOption(options.note, false, t);
    const at = instantOption(options.at, cliCalendar(), t, context().clock.now());
    const actor = actorOf(options);
    const s = await tools();
    try {
      const before = await s.complaints.require(reference);
      // By default, the way the person asked to be contacted.
      const channel = chosen ?? before.contactMethod;
      const complaint = await s.complaints.recordContactAttempt(reference, { actor, note, at, channel, result });
      const firstContact = !before.firstContactAt && complaint.firstContactAt;
      const key = result === 'leftMessage' ? 'attemptLeftMessage' : firstContact ? 'attemptFirstContact' : 'attemptReached';
      print(
        t(`officer:cli.recorded.${key}`, {
          reference,
          actor: printable(actor),
          channel: t(`officer:contactChannels.${channel}`),
          status: label(t, `complaint:status.${complaint.status}`, complaint.status),
        }),
      );
      const clock = s.desk.clocks(complaint).firstContact;
      print(`  ${t('admin:cli.format.labelled', { label: t('admin:clock.firstContact'), value: clockText(clock, t) })}`);
    } catch (err) {
      throw await explain(err, reference, s, t);
    }
  });

  const simpleStep = (name: 'answer' | 'abandon', noteRequired: boolean) => {
    const command = step(name, t(`admin:cli.complaints.${name}`))
      .option('--note <text>', t(noteRequired ? 'admin:cli.options.noteRequired' : 'admin:cli.options.note'))
      .option('--at <when>', t('admin:cli.options.at'));
    if (name === 'answer') addAnswerMailOptions(command, t);
    langOption(command, t).action(async (input: string, options: StepOptions) => {
      const reference = referenceArgument(input, t);
      let note = noteOption(options.note, noteRequired, t);
      const at = instantOption(options.at, cliCalendar(), t, context().clock.now());
      const actor = actorOf(options);
      const s = await tools();
      const mail = name === 'answer' ? await prepareAnswerMail(options, context(), reference, s.complaints, t) : undefined;
      if (mail?.previewed) return;
      if (mail && !note) note = t('citizenMail:cli.note');
      try {
        const action = { actor, note, at };
        const complaint = name === 'answer' ? await s.complaints.recordAnswer(reference, action) : await s.complaints.abandon(reference, action);
        const eventAt = name === 'answer' ? complaint.answeredAt : complaint.abandonedAt;
        print(
          t(`admin:cli.recorded.${name}`, {
            reference,
            actor: printable(actor),
            at: eventAt ? formatIsoLocal(eventAt) : '',
            status: label(t, `complaint:status.${complaint.status}`, complaint.status),
          }),
        );
        if (name === 'answer')
          print(`  ${t('admin:cli.format.labelled', { label: t('admin:clock.answer'), value: clockText(s.desk.clocks(complaint).answer, t) })}`);
        if (mail) await mail.send(complaint);
      } catch (err) {
        throw await explain(err, reference, s, t);
      }
    });
  };
  simpleStep('answer', false);
  simpleStep('abandon', true);

  langOption(
    step('close', t('officer:cli.complaints.close'))
      .option('--outcome <outcome>', t('officer:cli.options.outcome'))
      .option('--measures <text>', t('officer:cli.options.measures'))
      .option('--note <text>', t('admin:cli.options.note')),
    t,
  ).action(async (input: string, options: StepOptions) => {
    const reference = referenceArgument(input, t);
    if (options.outcome === undefined) throw new CliError(t('officer:errors.outcomeRequired'), ExitCode.usage);
    const outcome = namedChoice(options.outcome, OUTCOME_NAMES, '--outcome', t('officer:cli.choices.outcome'), t);
    const measures = options.measures?.trim() || undefined;
    if (OUTCOMES_NEEDING_MEASURES.includes(outcome) && !measures) throw new CliError(t('officer:errors.measuresRequired'), ExitCode.usage);
    if (measures && measures.length > MEASURES_MAX_LENGTH) throw new CliError(t('officer:errors.measuresTooLong', { max: MEASURES_MAX_LENGTH }), ExitCode.usage);
    const note = noteOption(options.note, false, t);
    const actor = actorOf(options);
    const s = await tools();
    try {
      const complaint = await s.complaints.close(reference, { actor, note, outcome, correctiveMeasures: measures });
      print(
        t('officer:cli.recorded.close', {
          reference,
          actor: printable(actor),
          at: complaint.closedAt ? formatIsoLocal(complaint.closedAt) : '',
          outcome: t(`officer:outcomes.${outcome}`),
        }),
      );
    } catch (err) {
      throw await explain(err, reference, s, t);
    }
  });

  langOption(
    step('note', t('admin:cli.complaints.note')).requiredOption('--note <text>', t('admin:cli.options.noteRequired')),
    t,
  ).action(async (input: string, options: StepOptions) => {
    const reference = referenceArgument(input, t);
    const note = noteOption(options.note, true, t)!;
    const actor = actorOf(options);
    const s = await tools();
    try {
      await s.complaints.addNote(reference, { actor, note });
    } catch (err) {
      throw cliErrorFrom(err, t, reference);
    }
    print(t('admin:cli.recorded.note', { reference, actor: printable(actor) }));
  });

  langOption(
    step('assign', t('officer:cli.complaints.assign'))
      .argument('<officer>', t('officer:cli.options.officer'))
      .option('--note <text>', t('admin:cli.options.note')),
    t,
  ).action(async (input: string, officer: string, options: StepOptions) => {
    const reference = referenceArgument(input, t);
    const note = noteOption(options.note, false, t);
    const actor = actorOf(options);
    // « moi » / “me”: the person running the command.
    const target = /^(moi|me)$/i.test(officer.trim()) ? actor : officer;
    await assign(reference, target, actor, note);
  });

  langOption(step('unassign', t('officer:cli.complaints.unassign')).option('--note <text>', t('admin:cli.options.note')), t).action(
    async (input: string, options: StepOptions) => {
      const reference = referenceArgument(input, t);
      const note = noteOption(options.note, false, t);
      await assign(reference, undefined, actorOf(options), note);
    },
  );

  async function assign(reference: string, officer: string | undefined, actor: string, note: string | undefined): Promise<void> {
    const s = await tools();
    const before = await s.complaints.get(reference);
    let complaint;
    try {
      complaint = await s.desk.assign(reference, officer, actor, note);
    } catch (err) {
      if (err instanceof UnknownStaffError) {
        const known = staffDirectory(context().config)
          .members.map((m) => m.name)
          .join(', ');
        throw new CliError(t('officer:errors.unknownOfficer', { name: printable(err.staffName), known }), ExitCode.usage);
      }
      throw await explain(err, reference, s, t);
    }
    if (before?.assignedTo === complaint.assignedTo) print(t('officer:cli.recorded.unchanged', { reference }));
    else if (complaint.assignedTo) print(t('officer:cli.recorded.assigned', { reference, officer: printable(complaint.assignedTo), actor: printable(actor) }));
    else print(t('officer:cli.recorded.unassigned', { reference, actor: printable(actor) }));
  }
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

/** A refused step says what the complaint's status is and what must come first. */
async function explain(err: unknown, reference: string, s: StaffTools, t: Translate): Promise<unknown> {
  const converted = cliErrorFrom(err, t, reference);
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
