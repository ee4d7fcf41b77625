import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import type { Lang } from '../i18n';
import { alertsFor, AtRiskBusinessDays, ClockPosition, clockPosition, compareForDigest, DEADLINE_CLOCKS, PlannedAlert } from './alerts';
import { Mailer, mailErrorCode } from './mailer';
import { renderDigest } from './reminderDigest';
import type { ReminderDigest, ReminderRepository, RenderedDigest } from './reminderRepository';

export interface ReminderSettings {
  atRiskBusinessDays: AtRiskBusinessDays;
  /** PUBLIC_BASE_URL: the links point to `${publicBaseUrl}/admin/complaints/<reference>`. */
  publicBaseUrl: string;
  /** REMINDER_FROM and STAFF_EMAILS; required to send, not to preview. */
  from?: string;
  recipients: string[];
  lang?: Lang;
  maxItemsPerLevel?: number;
  /** Backoff between delivery attempts of a queued digest: first delay, doubled each time, capped. */
  retry?: { firstDelayMs: number; maxDelayMs: number };
}

export const DEFAULT_RETRY = { firstDelayMs: 5 * 60_000, maxDelayMs: 4 * 60 * 60_000 };
export const DEFAULT_MAX_ITEMS_PER_LEVEL = 100;

/** What a pass would record at a moment; computed without writing anything. */
export interface ReminderPlan {
  asOf: Date;
  today: LocalDate;
  /** Passes on weekends and holidays evaluate nothing: the next business day's pass catches up. */
  businessDay: boolean;
  /** Most severe first; superseded ones included. */
  alerts: PlannedAlert[];
}

export interface DeliveryOutcome {
  digestId: number;
  status: 'sent' | 'failed';
  /** 1 for the first attempt. */
  attempt: number;
  alertCount: number;
  errorCode?: string;
  /** When a failed digest may be tried again. */
  nextAttemptAt?: Date;
}

export interface ReminderRunResult {
  asOf: Date;
  today: LocalDate;
  businessDay: boolean;
  /** Alerts this pass found to record. */
  planned: number;
  /** Alerts this pass recorded (another pass may have recorded the rest): mailed and superseded. */
  claimed: PlannedAlert[];
  /** The digest this pass queued, if it claimed anything to mail. */
  digestId?: number;
  /** Deliveries attempted by this pass: its own digest and any queued earlier. */
  deliveries: DeliveryOutcome[];
  /** Digests still waiting in the outbox after this pass. */
  queued: number;
}

/**
 * The deadline scheduler. One pass: evaluate every open complaint's running clocks as of `now`,
 * claim the new alerts and queue one digest for them (one transaction, once-only thanks to the
 * unique alert key), then deliver every queued digest whose attempt is due. Time is always passed
 * in; the server's cron job, the CLI (`remind --once [--now]`) and the tests share this code.
 */
export class ReminderScheduler {
  constructor(
    private readonly repository: ReminderRepository,
    private readonly calendar: BusinessCalendar,
    readonly settings: ReminderSettings,
    private readonly mailer?: Mailer,
  ) {}

  /** The alerts a pass at `now` would record. Reads only. */
  async plan(now: Date): Promise<ReminderPlan> {
    const today = this.calendar.localDateOf(now);
    if (!this.calendar.isBusinessDay(today)) return { asOf: now, today, businessDay: false, alerts: [] };
    const alerts: PlannedAlert[] = [];
    for (const clock of DEADLINE_CLOCKS) {
      const atRisk = this.settings.atRiskBusinessDays[clock];
      const windowEnd = this.calendar.addBusinessDays(today, atRisk);
      const candidates = await this.repository.candidates(clock, today, windowEnd);
      // Thousands of complaints share a few dozen due dates: count business days once per date.
      const positions = new Map<LocalDate, ClockPosition | undefined>();
      for (const c of candidates) {
        if (!positions.has(c.dueDate)) positions.set(c.dueDate, clockPosition(c.dueDate, now, this.calendar, atRisk));
        const position = positions.get(c.dueDate);
        if (!position) continue;
        alerts.push(
          ...alertsFor(
            { complaintId: c.complaintId, reference: c.reference, service: c.service, clock, dueDate: c.dueDate },
            position,
            new Set(c.recorded),
            atRisk,
          ),
        );
      }
    }
    return { asOf: now, today, businessDay: true, alerts: alerts.sort(compareForDigest) };
  }

  /** `--dry-run`: the plan and the digest it would queue, plus the outbox size; writes nothing. */
  async preview(now: Date): Promise<{ plan: ReminderPlan; digest?: RenderedDigest; queued: number }> {
    const plan = await this.plan(now);
    const mailed = plan.alerts.filter((a) => !a.superseded);
    return { plan, digest: mailed.length ? this.render(mailed, now) : undefined, queued: await this.repository.queuedCount() };
  }

  /** One full pass: evaluate, claim, queue, deliver. */
  async run(now: Date): Promise<ReminderRunResult> {
    const mailer = this.requireMailer();
    const plan = await this.plan(now);
    let claimed: PlannedAlert[] = [];
    let digestId: number | undefined;
    if (plan.alerts.length > 0) {
      ({ claimed, digestId } = await this.repository.claim(plan.alerts, { createdAt: now, recipients: this.settings.recipients }, (mailed) =>
        this.render(mailed, now),
      ));
    }
    const deliveries = await this.deliver(now, mailer);
    return {
      asOf: now,
      today: plan.today,
      businessDay: plan.businessDay,
      planned: plan.alerts.length,
      claimed,
      digestId,
      deliveries,
      queued: await this.repository.queuedCount(),
    };
  }

  /** Only the outbox: tries every queued digest whose next attempt is due (the retry job, `remind --once --retry-only`). */
  async deliverDue(now: Date): Promise<DeliveryOutcome[]> {
    return this.deliver(now, this.requireMailer());
  }

  /** Digests waiting in the outbox (pending or failed). */
  queuedCount(): Promise<number> {
    return this.repository.queuedCount();
  }

  /** Delay before attempt `attempt + 1` when attempt `attempt` fails: 5 min, 10, 20… capped at 4 h by default. */
  retryDelayMs(attempt: number): number {
    const { firstDelayMs, maxDelayMs } = this.settings.retry ?? DEFAULT_RETRY;
    return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  }

  private async deliver(now: Date, mailer: Mailer): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    for (const digest of await this.repository.dueDigests(now)) {
      const attempt = digest.attempts + 1;
      const nextAttemptAt = new Date(now.getTime() + this.retryDelayMs(attempt));
      // Moving next_attempt_at first is the lease: a concurrent pass no longer sees this digest as due.
      if (!(await this.repository.beginAttempt(digest, now, nextAttemptAt))) continue;
      try {
        await mailer.send({
          from: this.settings.from!,
          to: digest.recipients,
          subject: digest.subject,
          text: digest.textBody,
          html: digest.htmlBody,
          messageId: this.messageId(digest),
        });
      } catch (err) {
        const errorCode = mailErrorCode(err);
        await this.repository.markFailed(digest.id, errorCode);
        outcomes.push({ digestId: digest.id, status: 'failed', attempt, alertCount: digest.alertCount, errorCode, nextAttemptAt });
        continue;
      }
      await this.repository.markSent(digest.id, now);
      outcomes.push({ digestId: digest.id, status: 'sent', attempt, alertCount: digest.alertCount });
    }
    return outcomes;
  }

  private render(mailed: PlannedAlert[], asOf: Date): RenderedDigest {
    return renderDigest(mailed, {
      lang: this.settings.lang ?? 'fr',
      asOf,
      publicBaseUrl: this.settings.publicBaseUrl,
      calendar: this.calendar,
      maxItemsPerLevel: this.settings.maxItemsPerLevel ?? DEFAULT_MAX_ITEMS_PER_LEVEL,
    });
  }

  private messageId(digest: ReminderDigest): string {
    const domain = /@([^@>\s]+)$/.exec(this.settings.from ?? '')?.[1] ?? 'localhost';
    return `<rappel-delais-${digest.id}-${digest.createdAt.getTime()}@${domain}>`;
  }

  private requireMailer(): Mailer {
    if (!this.mailer || !this.settings.from || this.settings.recipients.length === 0) {
      throw new Error('ReminderScheduler: sending needs a mailer, a sender and at least one recipient');
    }
    return this.mailer;
  }
}
