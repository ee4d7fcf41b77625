import type { Command } from 'commander';
import { fixedClock } from '../../domain/clock';
import { createDomainServices } from '../domainServices';
import { translator } from '../../domain/i18n';
import { CliContext } from './cliContext';
import { parseDays, parseInstant } from './options';

/**
 * `purge-complaints`: erases the personal information (name, contact, description, outcome wished) of
 * complaints closed or abandoned more than COMPLAINT_RETENTION_DAYS ago. The server does it daily
 * (COMPLAINT_PURGE_CRON). Dates, service and status stay for the statistics.
 */
export function registerComplaintRetentionCommands(program: Command, context: () => CliContext): void {
  const t = translator('fr');
  program
    .command('purge-complaints')
    .description(t('admin:cli.retention.complaintsDescription'))
    .option('--now <iso>', t('admin:cli.retention.now'))
    .option('--days <n>', t('admin:cli.retention.days'))
    .action(async (options: { now?: string; days?: string }) => {
      const ctx = context();
      const now = options.now ? parseInstant(options.now, '--now', t) : ctx.clock.now();
      const days = options.days === undefined ? ctx.config.COMPLAINT_RETENTION_DAYS : parseDays(options.days, '--days', t);
      const { complaints } = createDomainServices(await ctx.database(), fixedClock(now), {
        policyUrl: ctx.config.PRIVACY_POLICY_URL,
        complaintRetentionDays: days,
      });
      const anonymized = await complaints.anonymizeFinished(days);
      const cutoff = new Date(now.getTime() - days * 86_400_000);
      ctx.print(t('admin:cli.retention.complaintsDone', { anonymized, cutoff: cutoff.toISOString(), days }));
    });
}
