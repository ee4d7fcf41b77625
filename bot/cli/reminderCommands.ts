import type { Command } from 'commander';
import { COMPLAINT_STANDARDS } from '../../domain/complaints/complaint';
import { formatLongDate, formatTimeOfDay } from '../../domain/format/dates';
import { translator } from '../../domain/i18n';
import { SmtpMailer } from '../../domain/reminders/mailer';
import type { DeliveryOutcome } from '../../domain/reminders/reminderScheduler';
import { createReminderScheduler } from '../reminderJobs';
import { CliContext, cliCalendar, CliError, ExitCode } from './cliContext';
import { parseInstant } from './options';

interface RemindOptions {
  once?: boolean;
  now?: string;
  dryRun?: boolean;
  retryOnly?: boolean;
}

/**
 * `remind --once [--now <iso>] [--dry-run | --retry-only]`: one reminder pass, for an external cron or
 * a Kubernetes CronJob (the server runs the same pass on REMINDER_CRON). Exit code 1 when a digest
 * could not be sent (it stays queued), 2 for a usage or configuration error.
 */
export function registerReminderCommands(program: Command, context: () => CliContext): void {
  const t = translator('fr');
  const when = (instant: Date) => ({ date: formatLongDate(instant, 'fr'), time: formatTimeOfDay(instant, 'fr') });

  program
    .command('remind')
    .description(t('reminder:cli.description'))
    .option('--once', t('reminder:cli.once'))
    .option('--now <iso>', t('reminder:cli.now'))
    .option('--dry-run', t('reminder:cli.dryRun'))
    .option('--retry-only', t('reminder:cli.retryOnly'))
    .action(async (options: RemindOptions) => {
      if (!options.once) throw new CliError(t('reminder:cli.onceRequired'), ExitCode.usage);
      if (options.dryRun && options.retryOnly) throw new CliError(t('reminder:cli.conflict'), ExitCode.usage);
      const now = options.now ? parseInstant(options.now, '--now', t) : undefined;
      const ctx = context();
      const asOf = now ?? ctx.clock.now();
      if (!options.dryRun && !ctx.config.SMTP_URL) throw new CliError(t('reminder:cli.smtpMissing'), ExitCode.usage);

      const mailer = options.dryRun || !ctx.config.SMTP_URL ? undefined : new SmtpMailer(ctx.config.SMTP_URL);
      try {
        const scheduler = createReminderScheduler(ctx.config, await ctx.database(), { mailer, calendar: cliCalendar() });
        if (options.dryRun) ctx.print(t('reminder:cli.dryRun'));
        ctx.print(t('reminder:cli.asOf', when(asOf)));

        if (options.dryRun) {
          const { plan, digests, queued } = await scheduler.preview(asOf);
          const superseded = plan.alerts
            .filter((a) => a.superseded)
            .sort((a, b) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0) || a.clock.localeCompare(b.clock));
          const complaints = new Set(plan.digests.filter((d) => d.kind === 'digest').flatMap((d) => d.entries.map((e) => e.complaintId))).size;
          if (!plan.businessDay) ctx.print(t('reminder:cli.nonBusinessDay'));
          else if (plan.alerts.length === 0 && complaints === 0) ctx.print(t('reminder:cli.nothingDue'));
          else ctx.print(t('reminder:cli.wouldRaise', { mailed: plan.alerts.length - superseded.length, superseded: superseded.length, complaints }));
          for (const { planned, rendered } of digests) {
            const recipients = planned.recipients.join(', ') || t('reminder:cli.noRecipients');
            ctx.print('');
            ctx.print(t('reminder:cli.preview', { recipients }));
            ctx.print(t('reminder:cli.subject', { subject: rendered.subject }));
            ctx.print('');
            ctx.print(rendered.text);
          }
          if (superseded.length) {
            ctx.print(t('reminder:cli.superseded'));
            for (const a of superseded)
              ctx.print(
                `  ${a.reference} · ${t(`reminder:clock.${a.clock}`, { days: a.clock === 'firstContact' ? COMPLAINT_STANDARDS.firstContactBusinessDays : COMPLAINT_STANDARDS.answerBusinessDays })} · ${t(`reminder:level.${a.level}`)}`,
              );
          }
          ctx.print(t('reminder:cli.queued', { count: queued }));
          return;
        }

        let deliveries: DeliveryOutcome[];
        if (options.retryOnly) {
          deliveries = await scheduler.deliverDue(asOf);
        } else {
          const result = await scheduler.run(asOf);
          const superseded = result.claimed.filter((a) => a.superseded).length;
          if (!result.businessDay) ctx.print(t('reminder:cli.nonBusinessDay'));
          else if (result.planned === 0 && result.plannedComplaints === 0) ctx.print(t('reminder:cli.nothingDue'));
          else {
            ctx.print(t('reminder:cli.raised', { mailed: result.claimed.length - superseded, superseded, complaints: result.plannedComplaints }));
            for (const d of result.digests) ctx.print(t('reminder:cli.digestCreated', { id: d.id, count: d.entries.length, recipients: d.recipients.join(', ') }));
            if (result.digests.length === 0) ctx.print(t('reminder:cli.takenByOther'));
          }
          deliveries = result.deliveries;
        }
        for (const d of deliveries) {
          if (d.status === 'sent') ctx.print(t('reminder:cli.sent', { id: d.digestId, attempt: d.attempt }));
          else ctx.print(t('reminder:cli.failed', { id: d.digestId, code: d.errorCode, ...when(d.nextAttemptAt ?? asOf) }));
        }
        ctx.print(t('reminder:cli.queued', { count: await scheduler.queuedCount() }));
        if (deliveries.some((d) => d.status === 'failed')) throw new CliError(t('reminder:cli.deliveryFailed'), ExitCode.failure);
      } finally {
        mailer?.close();
      }
    });
}
