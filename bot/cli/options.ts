import type { Translate } from '../../domain/i18n';
import { CliError, ExitCode } from './cliContext';

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
