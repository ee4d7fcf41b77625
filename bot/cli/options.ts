import type { ComplaintOutcome, ContactChannel, ContactResult } from '../../domain/complaints/complaint';
import { foldText } from '../../domain/format/textFolding';
import type { Translate } from '../../domain/i18n';
import { CliError, ExitCode } from './cliContext';
import { printable } from './staffCli';

/** An ISO 8601 date-time, or a clear usage error naming the option. */
export function parseInstant(value: string, option: string, t: Translate): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new CliError(t('admin:cli.retention.invalidInstant', { option, value }), ExitCode.usage);
  }
  return date;
}

/** A retention period in days, from 1 to 3650, or a clear usage error naming the option. */
export function parseDays(value: string, option: string, t: Translate): number {
  const days = Number(value);
  if (!/^\d+$/.test(value.trim()) || days < 1 || days > 3650) {
    throw new CliError(t('admin:cli.retention.invalidDays', { option, value }), ExitCode.usage);
  }
  return days;
}

/** A value typed in French or English, without accents or case, mapped to its key (« non fondée » → unfounded). */
export function namedChoice<T extends string>(value: string, names: Record<string, T>, option: string, choices: string, t: Translate): T {
  const found = names[foldText(value).replace(/ /g, '-')];
  if (!found) throw new CliError(t('admin:errors.invalidChoice', { option, value: printable(value), choices }), ExitCode.usage);
  return found;
}

/** --outcome: fondée, partiellement fondée, non fondée (or founded, partly-founded, unfounded). */
export const OUTCOME_NAMES: Record<string, ComplaintOutcome> = {
  fondee: 'founded',
  'partiellement-fondee': 'partlyFounded',
  'non-fondee': 'unfounded',
  founded: 'founded',
  'partly-founded': 'partlyFounded',
  unfounded: 'unfounded',
};

/** --result: joint (the person was reached) or message (a message was left, an e-mail is unanswered). */
export const CONTACT_RESULT_NAMES: Record<string, ContactResult> = {
  joint: 'reached',
  jointe: 'reached',
  message: 'leftMessage',
  'message-laisse': 'leftMessage',
  reached: 'reached',
  'left-message': 'leftMessage',
};

/** --channel: téléphone or courriel. */
export const CONTACT_CHANNEL_NAMES: Record<string, ContactChannel> = {
  telephone: 'phone',
  courriel: 'email',
  phone: 'phone',
  email: 'email',
  'e-mail': 'email',
};
