import { retryDelayMs, RetrySettings } from '../db/outbox';
import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import type { Lang } from '../i18n';
import type { StaffDirectory } from '../staff/staffDirectory';
import {
  alertsFor,
  AtRiskBusinessDays,
  businessDaysLate,
  ClockPosition,
  clockPosition,
  compareEntries,
  compareForDigest,
  DEADLINE_CLOCKS,
  DigestEntry,
  digestEntry,
  PlannedAlert,
} from './alerts';
import { Mailer, mailErrorCode } from './mailer';
import { renderDigest } from './reminderDigest';
import type { PlannedDigest, PlannedEscalation, QueuedDigest, ReminderDigest, ReminderRepository, RenderedDigest } from './reminderRepository';

export interface ReminderSettings {
  atRiskBusinessDays: AtRiskBusinessDays;
  /** PUBLIC_BASE_URL: the links point to `${publicBaseUrl}/admin/complaints/<reference>`. */
  publicBaseUrl: string;
  /** REMINDER_FROM and STAFF_EMAILS (the team); required to send, not to preview. */
  from?: string;
  recipients: string[];
  /** MANAGER_EMAILS: escalations of overdue complaints; none when empty. */
  managers?: string[];
  /** REMINDER_ESCALATION_BUSINESS_DAYS: business days overdue before a complaint is signalled to the managers. */
  escalationBusinessDays?: number;
  /** The named officers (ADMIN_TOKENS): an assigned complaint's reminders go to its officer's address. */
  staff?: StaffDirectory;
  lang?: Lang;
  maxItemsPerLevel?: number;
  /** Backoff between delivery attempts of a queued digest: first delay, doubled each time, capped. */
  retry?: RetrySettings;
}

export const DEFAULT_MAX_ITEMS_PER_LEVEL = 100;
export const DEFAULT_ESCALATION_BUSINESS_DAYS = 3;

/** What a pass would record at a moment; computed without writing anything. */
export interface ReminderPlan {
  asOf: Date;
  today: LocalDate;
  /** Passes on weekends and holidays evaluate nothing: the next business day's pass catches up. */
  businessDay: boolean;
  /** New levels reached, most severe first; superseded ones included (statistics, and once-only). */
  alerts: PlannedAlert[];
  /** The digests to queue: one per recipient group (an officer, or the team), then the managers' escalation. */
  digests: PlannedDigest[];
  escalations: PlannedEscalation[];
}

export interface DeliveryOutcome {
  digestId: number;
  status: 'sent' | 'failed';
  kind: PlannedDigest['kind'];
  /** 1 for the first attempt. */
  attempt: number;
  /** Complaints in the digest. */
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
  /** Complaints this pass planned to mail (staff digests), before claiming. */
  plannedComplaints: number;
  /** The digests this pass queued, with the complaints each claimed. */
  digests: QueuedDigest[];
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

  /** What a pass at `now` would record and mail. Reads only. */
  async plan(now: Date): Promise<ReminderPlan> {
    const today = this.calendar.localDateOf(now);
    if (!this.calendar.isBusinessDay(today)) return { asOf: now, today, businessDay: false, alerts: [], digests: [], escalations: [] };
    const alerts: PlannedAlert[] = [];
    const included = new Set<number>();
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
        const raised = alertsFor(
          { complaintId: c.complaintId, reference: c.reference, service: c.service, clock, dueDate: c.dueDate },
          position,
          new Set(c.recorded),
          atRisk,
        );
        alerts.push(...raised);
        if (raised.some((a) => !a.superseded)) included.add(c.complaintId);
      }
      for (const id of await this.repository.overdueIds(clock, today)) included.add(id);
    }
    const entries = (await this.repository.entrySources([...included].sort((a, b) => a - b)))
      .map((source) => digestEntry(source, now, this.calendar, this.settings.atRiskBusinessDays))
      .filter((e): e is DigestEntry => e !== undefined)
      .sort(compareEntries);
    const { digests, escalations } = await this.route(entries);
    return { asOf: now, today, businessDay: true, alerts: alerts.sort(compareForDigest), digests, escalations };
  }

  /** `--dry-run`: the plan and the digests it would queue, plus the outbox size; writes nothing. */
  async preview(now: Date): Promise<{ plan: ReminderPlan; digests: Array<{ planned: PlannedDigest; rendered: RenderedDigest }>; queued: number }> {
    const plan = await this.plan(now);
    return {
      plan,
      digests: plan.digests.map((planned) => ({ planned, rendered: this.render(planned, planned.entries, now) })),
      queued: await this.repository.queuedCount(),
    };
  }

  /** One full pass: evaluate, claim, queue, deliver. */
  async run(now: Date): Promise<ReminderRunResult> {
    const mailer = this.requireMailer();
    const plan = await this.plan(now);
    let claimed: PlannedAlert[] = [];
    let digests: QueuedDigest[] = [];
    if (plan.alerts.length > 0 || plan.digests.length > 0) {
      ({ claimed, digests } = await this.repository.claim(
        { alerts: plan.alerts, digests: plan.digests, escalations: plan.escalations, day: plan.today },
        now,
        (planned, entries) => this.render(planned, entries, now),
      ));
    }
    const deliveries = await this.deliver(now, mailer);
    return {
      asOf: now,
      today: plan.today,
      businessDay: plan.businessDay,
      planned: plan.alerts.length,
      plannedComplaints: new Set(plan.digests.filter((d) => d.kind === 'digest').flatMap((d) => d.entries.map((e) => e.complaintId))).size,
      claimed,
      digests,
      deliveries,
      queued: await this.repository.queuedCount(),
    };
  }

  /**
   * Who gets each entry: the assigned officer's address (StaffDirectory, from ADMIN_TOKENS), or the
   * team (STAFF_EMAILS) when the complaint is unassigned or its officer has no address. Entries
   * overdue by REMINDER_ESCALATION_BUSINESS_DAYS or more and not yet signalled also go to the managers.
   */
  private async route(found: DigestEntry[]): Promise<{ digests: PlannedDigest[]; escalations: PlannedEscalation[] }> {
    // The officer as the directory names them (« Alice » typed on the command line is the account alice).
    const entries = found.map((e) => ({ ...e, assignedTo: this.settings.staff?.find(e.assignedTo)?.name ?? e.assignedTo }));
    const groups = new Map<string, PlannedDigest>();
    for (const entry of entries) {
      const member = this.settings.staff?.find(entry.assignedTo);
      const officer = member?.email ? member : undefined;
      const recipients = officer ? [officer.email!] : this.settings.recipients;
      const key = recipients.map((r) => r.toLowerCase()).join(',');
      const group = groups.get(key) ?? { kind: 'digest' as const, recipients, officer: officer?.name, entries: [] };
      group.entries.push(entry);
      groups.set(key, group);
    }
    const digests = [...groups.values()].sort((a, b) => (a.officer ?? '\uffff').localeCompare(b.officer ?? '\uffff'));

    const managers = this.settings.managers ?? [];
    const threshold = this.settings.escalationBusinessDays ?? DEFAULT_ESCALATION_BUSINESS_DAYS;
    const late = entries.filter((e) => businessDaysLate(e) >= threshold);
    if (managers.length === 0 || late.length === 0) return { digests, escalations: [] };
    const done = await this.repository.escalatedKeys(late.map((e) => e.complaintId));
    const escalations: PlannedEscalation[] = [];
    const escalatedEntries: DigestEntry[] = [];
    for (const entry of late) {
      const due = entry.clocks.filter(
        (c) => c.status.state === 'overdue' && (c.status.businessDaysLate ?? 1) >= threshold && !done.has(`${entry.complaintId}|${c.clock}`),
      );
      for (const c of due) {
        escalations.push({ complaintId: entry.complaintId, reference: entry.reference, clock: c.clock, dueDate: c.dueDate, businessDaysLate: c.status.businessDaysLate ?? 1 });
      }
      if (due.length > 0) escalatedEntries.push(entry);
    }
    if (escalatedEntries.length > 0) digests.push({ kind: 'escalation', recipients: managers, entries: escalatedEntries });
    return { digests, escalations };
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
    return retryDelayMs(attempt, this.settings.retry);
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
        outcomes.push({ digestId: digest.id, kind: digest.kind, status: 'failed', attempt, alertCount: digest.alertCount, errorCode, nextAttemptAt });
        continue;
      }
      await this.repository.markSent(digest.id, now);
      outcomes.push({ digestId: digest.id, kind: digest.kind, status: 'sent', attempt, alertCount: digest.alertCount });
    }
    return outcomes;
  }

  private render(planned: PlannedDigest, entries: DigestEntry[], asOf: Date): RenderedDigest {
    return renderDigest(entries, {
      kind: planned.kind,
      officer: planned.officer,
      escalationBusinessDays: this.settings.escalationBusinessDays ?? DEFAULT_ESCALATION_BUSINESS_DAYS,
      lang: this.settings.lang ?? 'fr',
      asOf,
      publicBaseUrl: this.settings.publicBaseUrl,
      calendar: this.calendar,
      maxItemsPerLevel: this.settings.maxItemsPerLevel ?? DEFAULT_MAX_ITEMS_PER_LEVEL,
    });
  }

  private messageId(digest: ReminderDigest): string {
    const domain = /@([^@>\s]+)$/.exec(this.settings.from ?? '')?.[1] ?? 'localhost';
    const prefix = digest.kind === 'escalation' ? 'signalement-retard' : 'rappel-delais';
    return `<${prefix}-${digest.id}-${digest.createdAt.getTime()}@${domain}>`;
  }

  private requireMailer(): Mailer {
    if (!this.mailer || !this.settings.from || this.settings.recipients.length === 0) {
      throw new Error('ReminderScheduler: sending needs a mailer, a sender and at least one recipient');
    }
    return this.mailer;
  }
}
