import type { Command } from 'commander';
import { fixedClock } from '../../domain/clock';
import { createDomainServices } from '../domainServices';
import { CliContext, CliError, ExitCode } from './cliContext';
import { parseInstant } from './options';

/**
 * `purge-complaints`: erases the personal information (name, contact, description, outcome wished) of
 * complaints closed or abandoned more than COMPLAINT_RETENTION_DAYS ago. The server does it daily
 * (COMPLAINT_PURGE_CRON). Dates, service and status stay for the statistics.
 */
export function registerComplaintRetentionCommands(program: Command, context: () => CliContext): void {
  program
    .command('purge-complaints')
    .description('Anonymize complaints closed or abandoned more than COMPLAINT_RETENTION_DAYS ago (the server also does it daily).')
    .option('--now <iso>', 'evaluate the retention period as of this date-time (ISO 8601)')
    .option('--days <n>', 'override the retention period for this run (1 to 3650 days)')
    .action(async (options: { now?: string; days?: string }) => {
      const ctx = context();
      const now = options.now ? parseInstant(options.now, '--now') : ctx.clock.now();
      const days = options.days === undefined ? ctx.config.COMPLAINT_RETENTION_DAYS : parseDays(options.days);
      const { complaints } = createDomainServices(await ctx.database(), fixedClock(now), {
        policyUrl: ctx.config.PRIVACY_POLICY_URL,
        complaintRetentionDays: days,
      });
      const anonymized = await complaints.anonymizeFinished(days);
      const cutoff = new Date(now.getTime() - days * 86_400_000);
      ctx.print(`Plaintes anonymisées : ${anonymized} (fermées ou abandonnées avant le ${cutoff.toISOString()}, conservation de ${days} jours).`);
    });
}

function parseDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(days) || days < 1 || days > 3650) {
    throw new CliError(`--days : nombre de jours invalide « ${value} » (entier de 1 à 3650).`, ExitCode.usage);
  }
  return days;
}
