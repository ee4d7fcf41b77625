import type { Knex } from 'knex';
import type { Clock } from '../clock';
import type { Complaint } from '../complaints/complaint';
import type { Mailer } from '../reminders/mailer';
import { mailErrorCode } from '../reminders/mailer';
import { retryDelayMs, RetrySettings } from '../db/outbox';
import { surveyUrl } from '../satisfaction/surveyLink';
import type { CitizenMail, CitizenMailKind, CitizenMailRepository, RenderedMail } from './citizenMailRepository';
import { acknowledgementMail, answerMail, CitizenMailContext, mailLang } from './citizenMails';

export interface CitizenMailSettings extends CitizenMailContext {
  /** CITIZEN_MAIL_FROM, or REMINDER_FROM. */
  from: string;
  /** Where replies go: the complaints address of the ministry's declaration. */
  replyTo?: string;
  /** PUBLIC_BASE_URL, for the survey link. */
  publicBaseUrl: string;
  /** The key that signs survey links (PSEUDONYM_KEY or the stored one). */
  surveyKey: string;
  retry?: RetrySettings;
}

export interface CitizenDelivery {
  mailId: number;
  kind: CitizenMailKind;
  status: 'sent' | 'failed';
  attempt: number;
  errorCode?: string;
  nextAttemptAt?: Date;
}

/** What the chat tells the citizen about the acknowledgement. */
export type AcknowledgementOutcome = 'queued' | 'phone';

/**
 * E-mails to complainants through the outbox (citizen_mails): queued when the complaint is stored or
 * the answer recorded, delivered in the background (right after queueing, and by the outbox job),
 * retried with backoff, sent once — each attempt is claimed by a conditional UPDATE, so two passes or
 * two instances never send the same mail twice. Exists only when SMTP is configured.
 */
export class CitizenMailService {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly repository: CitizenMailRepository,
    private readonly clock: Clock,
    readonly settings: CitizenMailSettings,
    private readonly mailer: Mailer,
    private readonly report: (outcomes: CitizenDelivery[], error?: unknown) => void = () => undefined,
  ) {}

  /** Queues the acknowledgement of a complaint filed with an e-mail contact (once per complaint), then sends it in the background. */
  async acknowledge(complaint: Complaint): Promise<AcknowledgementOutcome> {
    if (complaint.contactMethod !== 'email') return 'phone';
    await this.enqueue(complaint, 'acknowledgement', this.renderAcknowledgement(complaint));
    this.kick();
    return 'queued';
  }

  /**
   * Queues the acknowledgement inside the transaction that stores the complaint (ComplaintService.create's
   * `alsoInTransaction`), so that a stored complaint always has its acknowledgement queued, even if the
   * process dies right after; `kick()` once the transaction is committed.
   */
  async queueAcknowledgement(trx: Knex.Transaction, complaint: Complaint): Promise<void> {
    if (complaint.contactMethod === 'email') await this.enqueue(complaint, 'acknowledgement', this.renderAcknowledgement(complaint), trx);
  }

  renderAcknowledgement(complaint: Complaint): RenderedMail {
    return acknowledgementMail(complaint, this.settings);
  }

  renderAnswer(complaint: Complaint, message: string): RenderedMail {
    return answerMail(complaint, message, { ...this.settings, surveyUrl: surveyUrl(this.settings.publicBaseUrl, complaint.reference, this.settings.surveyKey) });
  }

  /** Queues the answer e-mail (once per complaint); `deliver` sends what is due now instead of in the background (the CLI). */
  async sendAnswer(complaint: Complaint, message: string, options: { deliver?: boolean } = {}): Promise<{ id: number; created: boolean; deliveries: CitizenDelivery[] }> {
    if (complaint.contactMethod !== 'email') throw new Error('the complaint has no e-mail contact');
    const queued = await this.enqueue(complaint, 'answer', this.renderAnswer(complaint, message));
    if (options.deliver) return { ...queued, deliveries: await this.deliverDue(this.clock.now()) };
    this.kick();
    return { ...queued, deliveries: [] };
  }

  find(complaint: Pick<Complaint, 'id'>, kind: CitizenMailKind): Promise<CitizenMail | undefined> {
    return this.repository.find(complaint.id, kind);
  }

  queuedCount(): Promise<number> {
    return this.repository.queuedCount();
  }

  /** Starts a delivery pass in the background, never awaited by the caller (the chat turn, an API request). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          this.report(await this.deliverDue(this.clock.now()));
        } catch (err) {
          this.report([], err);
        }
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when no background delivery is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Tries every queued mail whose next attempt is due. */
  async deliverDue(now: Date): Promise<CitizenDelivery[]> {
    const outcomes: CitizenDelivery[] = [];
    for (const mail of await this.repository.due(now)) {
      const attempt = mail.attempts + 1;
      const nextAttemptAt = new Date(now.getTime() + this.retryDelayMs(attempt));
      // Moving next_attempt_at first is the lease: a concurrent pass no longer sees this mail as due.
      if (!(await this.repository.beginAttempt(mail, now, nextAttemptAt))) continue;
      try {
        await this.mailer.send({
          from: this.settings.from,
          to: [mail.recipient],
          // The complaints address answers about complaints only; a callback's acknowledgement says to call the Centre.
          replyTo: mail.kind === 'callback' ? undefined : this.settings.replyTo,
          subject: mail.subject,
          text: mail.textBody,
          html: mail.htmlBody,
          messageId: this.messageId(mail),
        });
      } catch (err) {
        const errorCode = mailErrorCode(err);
        await this.repository.markFailed(mail.id, errorCode);
        outcomes.push({ mailId: mail.id, kind: mail.kind, status: 'failed', attempt, errorCode, nextAttemptAt });
        continue;
      }
      await this.repository.markSent(mail.id, now);
      outcomes.push({ mailId: mail.id, kind: mail.kind, status: 'sent', attempt });
    }
    return outcomes;
  }

  /** 5 minutes, then 10, 20… capped at 4 hours by default. */
  retryDelayMs(attempt: number): number {
    return retryDelayMs(attempt, this.settings.retry);
  }

  private enqueue(complaint: Complaint, kind: CitizenMailKind, rendered: RenderedMail, trx?: Knex.Transaction) {
    return this.repository.enqueue(
      { complaintId: complaint.id, reference: complaint.reference, kind, lang: mailLang(complaint), recipient: complaint.contactValue, ...rendered },
      this.clock.now(),
      trx,
    );
  }

  private messageId(mail: CitizenMail): string {
    const domain = /@([^@>\s]+)$/.exec(this.settings.from)?.[1] ?? 'localhost';
    return `<${mail.kind === 'answer' ? 'reponse' : 'accuse-reception'}-${mail.reference}-${mail.id}@${domain}>`;
  }
}
