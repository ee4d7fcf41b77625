import type { Command } from 'commander';
import { Callback, CALLBACK_STATUSES, CallbackError, CallbackResult, CallbackStatus, OPEN_CALLBACK_STATUSES } from '../../domain/callbacks/callback';
import { CallbackService } from '../../domain/callbacks/callbackService';
import { slotButton } from '../../domain/callbacks/slotText';
import { formatPhone } from '../../domain/complaints/contact';
import { formatIsoLocal } from '../../domain/format/dates';
import { Lang, Translate, translator } from '../../domain/i18n';
import { UnknownStaffError } from '../../domain/staff/staffDirectory';
import { CliContext, CliError, ExitCode } from './cliContext';
import { limitOption, printable } from './staffCli';
import { staffActor } from './staffIdentity';

const RESULTS: Record<string, CallbackResult> = {
  reached: 'reached',
  joint: 'reached',
  'message-left': 'messageLeft',
  message: 'messageLeft',
  'no-answer': 'noAnswer',
  'pas-de-reponse': 'noAnswer',
};

/**
 * `callbacks list|show|assign|attempt|done|cancel`: the callback queue from the command line, with the
 * same identity rules as the complaint commands (--as, or STAFF_NAME). Exit code 2 for an invalid
 * option, 1 for a request already closed, 3 for an unknown reference.
 */
export function registerCallbackCommands(program: Command, context: () => CliContext, lang: Lang = 'fr'): void {
  const t = translator(lang);
  const group = program.command('callbacks').description(t('callback:cli.description'));

  group
    .command('list')
    .description(t('callback:cli.list'))
    .option('--status <statuses>', t('callback:cli.status'))
    .option('--mine', t('callback:cli.mine'))
    .option('--unassigned', t('callback:cli.unassigned'))
    .option('--from <date>', t('callback:cli.from'))
    .option('--to <date>', t('callback:cli.to'))
    .option('--limit <n>', t('callback:cli.limit'))
    .option('--as <name>', t('officer:cli.options.as'))
    .action(async (options: { status?: string; mine?: boolean; unassigned?: boolean; from?: string; to?: string; limit?: string; as?: string }) => {
      if (options.mine && options.unassigned) throw new CliError(t('callback:cli.mineAndUnassigned'), ExitCode.usage);
      const statuses = statusList(options.status, t);
      for (const [name, value] of [['--from', options.from], ['--to', options.to]] as const) {
        if (value !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CliError(t('callback:cli.invalidDate', { option: name }), ExitCode.usage);
      }
      const ctx = context();
      const assignedTo = options.mine ? staffActor(ctx.config, options.as, t) : undefined;
      const services = await ctx.services();
      const rows = await services.callbacks.list({
        statuses,
        assignedTo,
        unassigned: options.unassigned,
        slotFrom: options.from,
        slotTo: options.to,
        limit: limitOption(options.limit, t) ?? 100,
      });
      if (rows.length === 0) return ctx.print(t('callback:cli.empty'));
      for (const c of rows) ctx.print(line(c, t, lang));
    });

  group
    .command('show <reference>')
    .description(t('callback:cli.show'))
    .action(async (input: string) => {
      const ctx = context();
      const found = await (await ctx.services()).callbacks.show(reference(input, t));
      if (!found) throw new CliError(t('callback:cli.notFound', { reference: printable(input) }), ExitCode.notFound);
      const { callback: c, history } = found;
      const d = (key: string, value: string) => ctx.print(t(`callback:cli.detail.${key}`, { value: printable(value) }));
      d('reference', c.reference);
      d('status', t(`callback:statuses.${c.status}`));
      d('name', c.name ?? t('callback:cli.detail.none'));
      d('phone', c.phone ? formatPhone(c.phone) : t('callback:cli.detail.none'));
      d('email', c.email ?? t('callback:cli.detail.none'));
      d('slot', slotButton(c.slot, t, lang));
      d('subject', c.subject || t('callback:cli.detail.none'));
      d('created', formatIsoLocal(c.createdAt));
      d('assignee', c.assignedTo ?? t('callback:cli.unassignedLabel'));
      d('attempts', String(c.attempts));
      if (c.outcome) d('outcome', t(`callback:results.${c.outcome}`));
      ctx.print(t('callback:cli.detail.history'));
      for (const e of history) {
        const what = [t(`callback:events.${e.type}`), e.result ? t(`callback:results.${e.result}`) : '', e.assignee ?? ''].filter(Boolean).join(', ');
        ctx.print(`  ${formatIsoLocal(e.occurredAt).slice(0, 16).replace('T', ' ')}  ${printable(e.actor)}  ${printable(what)}${e.note ? `  ${printable(e.note)}` : ''}`);
      }
    });

  group
    .command('assign <reference>')
    .description(t('callback:cli.assign'))
    .option('--to <name>', t('callback:cli.toOption'))
    .option('--none', t('callback:cli.none'))
    .option('--note <text>', t('callback:cli.note'))
    .option('--as <name>', t('officer:cli.options.as'))
    .action(async (input: string, options: { to?: string; none?: boolean; note?: string; as?: string }) => {
      if (Boolean(options.to) === Boolean(options.none)) throw new CliError(t('callback:cli.assign'), ExitCode.usage);
      const ctx = context();
      const actor = staffActor(ctx.config, options.as, t);
      const officer = options.none ? undefined : ['moi', 'me'].includes(options.to!.trim().toLowerCase()) ? actor : options.to!;
      await run(ctx, t, input, (service, ref) => service.assign(ref, officer, { actor, note: options.note }));
    });

  group
    .command('attempt <reference>')
    .description(t('callback:cli.attempt'))
    .option('--result <result>', t('callback:cli.result'), 'no-answer')
    .option('--note <text>', t('callback:cli.note'))
    .option('--as <name>', t('officer:cli.options.as'))
    .action(async (input: string, options: { result: string; note?: string; as?: string }) => {
      const result = RESULTS[options.result.trim().toLowerCase()];
      if (!result) throw new CliError(t('callback:cli.invalidResult'), ExitCode.usage);
      const ctx = context();
      const actor = staffActor(ctx.config, options.as, t);
      await run(ctx, t, input, (service, ref) => service.recordAttempt(ref, result, { actor, note: options.note }));
    });

  group
    .command('done <reference>')
    .description(t('callback:cli.done'))
    .option('--result <result>', t('callback:cli.result'), 'reached')
    .option('--note <text>', t('callback:cli.note'))
    .option('--as <name>', t('officer:cli.options.as'))
    .action(async (input: string, options: { result: string; note?: string; as?: string }) => {
      const result = RESULTS[options.result.trim().toLowerCase()];
      if (!result || result === 'noAnswer') throw new CliError(t('callback:cli.invalidResult'), ExitCode.usage);
      const ctx = context();
      const actor = staffActor(ctx.config, options.as, t);
      await run(ctx, t, input, (service, ref) => service.recordAttempt(ref, result, { actor, note: options.note }));
    });

  group
    .command('cancel <reference>')
    .description(t('callback:cli.cancel'))
    .option('--note <text>', t('callback:cli.note'))
    .option('--as <name>', t('officer:cli.options.as'))
    .action(async (input: string, options: { note?: string; as?: string }) => {
      if (!options.note?.trim()) throw new CliError(t('callback:cli.noteRequired'), ExitCode.usage);
      const ctx = context();
      const actor = staffActor(ctx.config, options.as, t);
      await run(ctx, t, input, (service, ref) => service.cancel(ref, { actor, note: options.note }));
    });
}

async function run(ctx: CliContext, t: Translate, input: string, work: (service: CallbackService, ref: string) => Promise<Callback>): Promise<void> {
  const ref = reference(input, t);
  try {
    const updated = await work((await ctx.services()).callbacks, ref);
    ctx.print(t('callback:cli.updated', { reference: updated.reference, status: t(`callback:statuses.${updated.status}`) }));
  } catch (err) {
    if (err instanceof UnknownStaffError) throw new CliError(t('callback:cli.unknownStaff', { name: printable(err.staffName) }), ExitCode.usage);
    if (!(err instanceof CallbackError)) throw err;
    if (err.code === 'notFound') throw new CliError(t('callback:cli.notFound', { reference: ref }), ExitCode.notFound);
    if (err.code === 'closed') {
      const current = await (await ctx.services()).callbacks.get(ref);
      throw new CliError(t('callback:cli.closed', { reference: ref, status: current ? t(`callback:statuses.${current.status}`) : '' }), ExitCode.failure);
    }
    throw new CliError(t('callback:cli.noteRequired'), ExitCode.usage);
  }
}

function reference(input: string, t: Translate): string {
  const ref = CallbackService.parseReference(input);
  if (!ref) throw new CliError(t('callback:cli.invalidReference'), ExitCode.usage);
  return ref;
}

function statusList(value: string | undefined, t: Translate): CallbackStatus[] {
  if (value === undefined) return [...OPEN_CALLBACK_STATUSES];
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of list) if (!CALLBACK_STATUSES.includes(s as CallbackStatus)) throw new CliError(t('callback:cli.invalidStatus', { status: printable(s) }), ExitCode.usage);
  return list as CallbackStatus[];
}

function line(c: Callback, t: Translate, lang: Lang): string {
  return t('callback:cli.line', {
    reference: c.reference,
    status: t(`callback:statuses.${c.status}`),
    slot: slotButton(c.slot, t, lang),
    phone: c.phone ? formatPhone(c.phone) : '—',
    assignee: c.assignedTo ? printable(c.assignedTo) : t('callback:cli.unassignedLabel'),
    attempts: c.attempts,
  });
}
