import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Complaint } from '../../domain/complaints/complaint';
import type { ComplaintService } from '../../domain/complaints/complaintService';
import { formatLongDate, formatTimeOfDay } from '../../domain/format/dates';
import type { Translate } from '../../domain/i18n';
import { ANSWER_MESSAGE_MAX_LENGTH, hasUnfilledTemplate } from '../../domain/notifications/answerTemplate';
import { answerMail } from '../../domain/notifications/citizenMails';
import { CitizenMailRepository } from '../../domain/notifications/citizenMailRepository';
import { CitizenMailService } from '../../domain/notifications/citizenMailService';
import { SmtpMailer } from '../../domain/reminders/mailer';
import { surveyUrl } from '../../domain/satisfaction/surveyLink';
import { citizenMailSettings } from '../citizenMailJobs';
import { loadPseudonymKey } from '../pseudonymKey';
import { CliContext, CliError, ExitCode } from './cliContext';

/** The longest answer message accepted (a letter, not a file dump). */

export interface AnswerMailOptions {
  send?: boolean;
  preview?: boolean;
  message?: string;
  messageFile?: string;
}

/** `answer … --send | --preview` with `--message <text>` or `--message-file <path>`. */
export function addAnswerMailOptions(command: Command, t: Translate): Command {
  return command
    .option('--send', t('citizenMail:cli.send'))
    .option('--preview', t('citizenMail:cli.preview'))
    .option('--message <text>', t('citizenMail:cli.message'))
    .option('--message-file <path>', t('citizenMail:cli.messageFile'));
}

/**
 * The answer e-mail of `answer --send` or `--preview`: checks the options and the complaint before
 * anything is recorded. `--preview` prints the e-mail and records nothing (`previewed`); `--send`
 * returns what to do once the answer is recorded: queue the e-mail and try to send it now.
 */
export async function prepareAnswerMail(
  options: AnswerMailOptions,
  ctx: CliContext,
  reference: string,
  complaints: ComplaintService,
  t: Translate,
): Promise<{ previewed: true } | { previewed: false; send(answered: Complaint): Promise<void> } | undefined> {
  if (!options.send && !options.preview) {
    if (options.message !== undefined || options.messageFile !== undefined) throw new CliError(t('citizenMail:cli.messageWithoutSend'), ExitCode.usage);
    return undefined;
  }
  if (options.send && options.preview) throw new CliError(t('citizenMail:cli.sendOrPreview'), ExitCode.usage);
  const message = readMessage(options, t);
  if (options.send && !ctx.config.SMTP_URL) throw new CliError(t('citizenMail:cli.smtpMissing'), ExitCode.usage);
  const complaint = await complaints.get(reference);
  if (!complaint) throw new CliError(t('admin:errors.unknownReference', { reference }), ExitCode.notFound);
  if (complaint.contactMethod !== 'email') throw new CliError(t('citizenMail:cli.noEmail', { reference }), ExitCode.failure);

  const db = await ctx.database();
  const settings = citizenMailSettings(ctx.config, await loadPseudonymKey(ctx.config, db));
  if (options.preview) {
    const mail = answerMail(complaint, message, { ...settings, surveyUrl: surveyUrl(settings.publicBaseUrl, complaint.reference, settings.surveyKey) });
    ctx.print(t('citizenMail:cli.previewHeader', { to: complaint.contactValue }));
    ctx.print(t('citizenMail:cli.subject', { subject: mail.subject }));
    ctx.print('');
    ctx.print(mail.text);
    return { previewed: true };
  }
  return {
    previewed: false,
    send: async (answered) => {
      const mailer = new SmtpMailer(ctx.config.SMTP_URL!);
      try {
        const service = new CitizenMailService(new CitizenMailRepository(db), ctx.clock, settings, mailer);
        const { id, created, deliveries } = await service.sendAnswer(answered, message, { deliver: true });
        if (!created) ctx.print(t('citizenMail:cli.alreadyQueued', { id }));
        const mine = deliveries.find((d) => d.mailId === id);
        if (mine?.status === 'sent') ctx.print(t('citizenMail:cli.sent', { id }));
        else {
          const next = mine?.nextAttemptAt ?? ctx.clock.now();
          ctx.print(t('citizenMail:cli.queued', { id, code: mine?.errorCode ?? '—', date: formatLongDate(next, 'fr'), time: formatTimeOfDay(next, 'fr') }));
        }
      } finally {
        mailer.close();
      }
    },
  };
}

function readMessage(options: AnswerMailOptions, t: Translate): string {
  if (options.message !== undefined && options.messageFile !== undefined) throw new CliError(t('citizenMail:cli.oneMessage'), ExitCode.usage);
  let message = options.message;
  if (options.messageFile !== undefined) {
    try {
      message = readFileSync(options.messageFile, 'utf8');
    } catch {
      throw new CliError(t('citizenMail:cli.unreadableFile', { path: options.messageFile }), ExitCode.usage);
    }
  }
  const trimmed = (message ?? '').trim();
  if (!trimmed) throw new CliError(t('citizenMail:cli.messageRequired'), ExitCode.usage);
  if (trimmed.length > ANSWER_MESSAGE_MAX_LENGTH) throw new CliError(t('citizenMail:cli.messageTooLong', { max: ANSWER_MESSAGE_MAX_LENGTH }), ExitCode.usage);
  if (hasUnfilledTemplate(trimmed)) throw new CliError(t('answerMail:page.errors.placeholderLeft'), ExitCode.usage);
  return trimmed;
}
