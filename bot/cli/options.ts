import { CliError, ExitCode } from './cliContext';

/** An ISO 8601 date-time, or a clear usage error naming the option. */
export function parseInstant(value: string, option: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new CliError(`${option} : date invalide « ${value} » (format attendu : 2026-11-23T08:00:00-05:00).`, ExitCode.usage);
  }
  return date;
}
