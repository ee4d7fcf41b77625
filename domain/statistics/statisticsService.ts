import type { BusinessCalendar } from '../calendar/businessCalendar';
import type { Clock } from '../clock';
import { COMPLAINT_OUTCOMES, COMPLAINT_SERVICES, COMPLAINT_STANDARDS, ComplaintOutcome } from '../complaints/complaint';
import type { Database } from '../db/database';
import { EXAM_ROUTES, PROBLEM_KINDS } from '../exams/examIncident';
import { ExamIncidentRepository } from '../exams/examIncidentRepository';
import { formatIsoLocal } from '../format/dates';
import { Breach, ClockName, ComplaintStatisticsRepository, DeadlineRow, EventHistogramRow } from './complaintStatisticsRepository';
import { ConversationStatisticsRepository, NamedCount } from './conversationStatisticsRepository';
import { maskForManagers } from '../privacy/managerText';
import { Period, PeriodFactory } from './period';
import { ReminderStatistics, ReminderStatisticsRepository } from './reminderStatistics';
import { SatisfactionStatistics, SatisfactionStatisticsRepository } from './satisfactionStatistics';
import { CallbackStatistics, callbackStatistics } from './callbackStatistics';

/**
 * One service-standard clock over a period (first contact within 5 business days, answer within 20).
 *
 * Each complaint counts once per clock, in the period in which its result became known:
 * - on time: the event (first contact, answer) was recorded within the period, before the end of its
 *   due date (Québec time);
 * - late (a breach): its due date fell within the period and passed without the event — whether the
 *   event came later or not yet;
 * - neither (left out of the rate): still pending (due date not passed yet) or stopped (abandoned by the
 *   complainant before the due date, without the event).
 * percentOnTime = onTime / (onTime + late); so months add up to their fiscal year.
 */
export interface ClockFigures {
  standardBusinessDays: number;
  targetPercent: number;
  /** Events (first contacts or answers) recorded within the period, on time or not. */
  events: number;
  onTime: number;
  late: number;
  /** onTime + late: the denominator. */
  measured: number;
  /** Rounded to one decimal; null when nothing was measured. */
  percentOnTime: number | null;
  /** Whether the target is reached; null when nothing was measured. */
  met: boolean | null;
  pending: number;
  stopped: number;
  /** Over the events recorded within the period: business days from the day of receipt (not counted). */
  meanBusinessDays: number | null;
  medianBusinessDays: number | null;
}

export interface ComplaintFigures {
  received: number;
  /** First contacts recorded within the period (an answer without a prior contact counts as one). */
  contacted: number;
  answered: number;
  closed: number;
  abandoned: number;
  /** Received before the period and still open (neither closed nor abandoned) at its start. */
  carriedOver: number;
  /** Open (neither closed nor abandoned) at the end of the period, or now if it has not ended. */
  openAtEnd: number;
  firstContact: ClockFigures;
  answer: ClockFigures;
}

export interface PeriodSummary {
  kind: Period['kind'];
  label: string;
  from: string;
  to: string;
}

export type { Breach };

export interface ComplaintStatistics {
  totals: ComplaintFigures;
  /** Months (America/Toronto) of the period that have started, each cut to the period. */
  byMonth: Array<PeriodSummary & { figures: ComplaintFigures }>;
  /** Fiscal years (1 April – 31 March) overlapping the period, each cut to it. */
  byFiscalYear: Array<PeriodSummary & { figures: ComplaintFigures }>;
  byService: Array<{ service: string; figures: ComplaintFigures }>;
  breaches: { total: number; items: Breach[]; truncated: boolean };
  /** Complaints closed in the period by outcome (fondée, partiellement fondée, non fondée); `unspecified`: closed without one. */
  outcomes: Record<ComplaintOutcome | 'unspecified', number>;
  /** Of those, how many came with the corrective measures taken: by outcome, and in all. */
  correctiveMeasures: {
    total: number;
    byOutcome: Record<ComplaintOutcome | 'unspecified', number>;
    /** What was done, for managers: the first MEASURES_LISTED in closing order, the text masked again for managers. */
    items: MeasureTaken[];
    truncated: boolean;
  };
}

export interface MeasureTaken {
  reference: string;
  outcome: ComplaintOutcome | 'unspecified';
  /** ISO 8601 with the Québec offset. */
  closedAt: string;
  text: string;
}

/** How many corrective measures the report lists (the counts cover them all). */
export const MEASURES_LISTED = 50;

export interface FaqEntryFigures {
  entryId: string;
  answers: number;
  /** « utile ? » answers given for the entry within the period. */
  responses: number;
  helpful: number;
  notHelpful: number;
  /** responses / answers, when the entry was answered within the period. */
  responsePercent: number | null;
  /** helpful / responses. */
  helpfulPercent: number | null;
}

export interface ConversationStatistics {
  conversations: number;
  messagesIn: number;
  messagesOut: number;
  faq: { answered: number; topEntries: FaqEntryFigures[]; feedback: FaqEntryFigures[] };
  /** Messages classified None or outOfScope, over the messages that went through recognition. */
  notUnderstood: { count: number; classified: number; percent: number | null; examples: Array<{ text: string; n: number }> };
  handoffs: { count: number; conversations: number };
  examIncidents: { total: number; byKind: NamedCount[]; byRoute: NamedCount[] };
}

export interface StatisticsReport {
  period: PeriodSummary;
  /** When the report was computed (ISO 8601, Québec offset): figures of a period not yet ended move. */
  asOf: string;
  standards: typeof COMPLAINT_STANDARDS;
  complaints: ComplaintStatistics;
  conversations: ConversationStatistics;
  reminders: ReminderStatistics;
  /** The one-question survey (1 to 5) by month, source and service, beside the declaration's commitments. */
  satisfaction: SatisfactionStatistics;
  /** The callback requests made in the period: made, made by the slot's day, median delay. */
  callbacks: CallbackStatistics;
}

export interface StatisticsOptions {
  /** How many breaches a report lists (all are counted). */
  breachLimit?: number;
  /** How many FAQ entries and not-understood examples a report lists. */
  topLimit?: number;
}

/** Statistics against the service targets and on the assistant's use; shared by the CLI, the admin API and the dashboard. */
export class StatisticsService {
  readonly periods: PeriodFactory;
  private readonly complaintsRepo: ComplaintStatisticsRepository;
  private readonly conversationsRepo: ConversationStatisticsRepository;
  private readonly remindersRepo: ReminderStatisticsRepository;
  private readonly examIncidentsRepo: ExamIncidentRepository;
  private readonly satisfactionRepo: SatisfactionStatisticsRepository;
  private readonly breachLimit: number;
  private readonly topLimit: number;

  constructor(
    private readonly db: Database,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    options: StatisticsOptions = {},
  ) {
    this.periods = new PeriodFactory(calendar);
    this.complaintsRepo = new ComplaintStatisticsRepository(db);
    this.conversationsRepo = new ConversationStatisticsRepository(db);
    this.remindersRepo = new ReminderStatisticsRepository(db);
    this.examIncidentsRepo = new ExamIncidentRepository(db);
    this.satisfactionRepo = new SatisfactionStatisticsRepository(db);
    this.breachLimit = options.breachLimit ?? 500;
    this.topLimit = options.topLimit ?? 10;
  }

  async report(period: Period): Promise<StatisticsReport> {
    const now = this.clock.now();
    return {
      period: summary(period),
      asOf: formatIsoLocal(now),
      standards: COMPLAINT_STANDARDS,
      complaints: await this.complaints(period, now),
      conversations: await this.conversations(period),
      reminders: await this.remindersRepo.statistics(period),
      satisfaction: await this.satisfaction(period, now),
      callbacks: await callbackStatistics(this.db, period, this.calendar),
    };
  }

  async satisfaction(period: Period, now = this.clock.now()): Promise<SatisfactionStatistics> {
    const today = this.calendar.localDateOf(now);
    const months = this.periods.monthsOf(period);
    const figures = await this.satisfactionRepo.statistics(months, months.filter((m) => m.from <= today).length, this.topLimit);
    return { ...figures, comments: figures.comments.map((c) => ({ ...c, text: maskForManagers(c.text) })) };
  }

  async complaints(period: Period, now = this.clock.now()): Promise<ComplaintStatistics> {
    const today = this.calendar.localDateOf(now);
    const months = this.periods.monthsOf(period);
    const years = this.periods.fiscalYearsOf(period);
    // One set of queries grouped by month and service; every breakdown is a sum of its cells.
    const cube = await this.cube(months, now);
    const all = months.map((_, i) => i);
    const within = (p: Period) => all.filter((i) => months[i].from >= p.from && months[i].to <= p.to);
    const totals = cube.figures(all);
    const startedMonths = all.filter((i) => months[i].from <= today);
    const startedYears = years.filter((y) => y.from <= today);
    const byService = [...new Set<string>([...COMPLAINT_SERVICES, ...cube.services()])].map((service) => ({ service, figures: cube.figures(all, service) }));

    const [firstContactBreaches, answerBreaches] = [
      await this.complaintsRepo.breaches('firstContact', period, now, this.breachLimit),
      await this.complaintsRepo.breaches('answer', period, now, this.breachLimit),
    ];
    const total = totals.firstContact.late + totals.answer.late;
    const items = [...firstContactBreaches, ...answerBreaches]
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference) || a.clock.localeCompare(b.clock))
      .slice(0, this.breachLimit)
      .map(toBreach);

    return {
      totals,
      byMonth: startedMonths.map((i) => ({ ...summary(months[i]), figures: cube.figures([i]) })),
      byFiscalYear: startedYears.map((y) => ({ ...summary(y), figures: cube.figures(within(y)) })),
      byService,
      breaches: { total, items, truncated: items.length < total },
      ...(await this.outcomes(period)),
    };
  }

  private async outcomes(period: Period): Promise<Pick<ComplaintStatistics, 'outcomes' | 'correctiveMeasures'>> {
    const counts: ComplaintStatistics['outcomes'] = { founded: 0, partlyFounded: 0, unfounded: 0, unspecified: 0 };
    const measures: ComplaintStatistics['outcomes'] = { founded: 0, partlyFounded: 0, unfounded: 0, unspecified: 0 };
    let total = 0;
    for (const row of await this.complaintsRepo.outcomes(period)) {
      const key = outcomeKey(row.outcome);
      counts[key] += row.n;
      measures[key] += row.withMeasures;
      total += row.withMeasures;
    }
    const listed = await this.complaintsRepo.measuresTaken(period, MEASURES_LISTED);
    const items = listed.map((m) => ({
      reference: m.reference,
      outcome: outcomeKey(m.outcome),
      closedAt: formatIsoLocal(new Date(m.closedAt)),
      text: maskForManagers(m.measures),
    }));
    return { outcomes: counts, correctiveMeasures: { total, byOutcome: measures, items, truncated: items.length < total } };
  }

  async conversations(period: Period): Promise<ConversationStatistics> {
    const repo = this.conversationsRepo;
    const totals = await repo.totals(period);
    const top = await repo.faqEntries(period, this.topLimit);
    const feedbackRows = await repo.feedback(period);
    const feedbackByEntry = new Map(feedbackRows.map((f) => [f.entryId, f]));
    const answersForFeedback = await repo.faqAnswersFor(
      period,
      feedbackRows.map((f) => f.entryId),
    );
    const entry = (entryId: string, answers: number): FaqEntryFigures => {
      const f = feedbackByEntry.get(entryId);
      const responses = f?.responses ?? 0;
      const helpful = f?.helpful ?? 0;
      return {
        entryId,
        answers,
        responses,
        helpful,
        notHelpful: responses - helpful,
        responsePercent: percent(responses, answers),
        helpfulPercent: percent(helpful, responses),
      };
    };
    return {
      conversations: totals.conversations,
      messagesIn: totals.messagesIn,
      messagesOut: totals.messagesOut,
      faq: {
        answered: totals.faqAnswered,
        topEntries: top.map((t) => entry(t.key, t.n)),
        feedback: feedbackRows.map((f) => entry(f.entryId, answersForFeedback.get(f.entryId) ?? 0)),
      },
      notUnderstood: {
        count: totals.notUnderstood,
        classified: totals.classified,
        percent: percent(totals.notUnderstood, totals.classified),
        examples: (await repo.notUnderstoodExamples(period, this.topLimit)).map((e) => ({ text: maskForManagers(e.key), n: e.n })),
      },
      handoffs: { count: totals.handoffs, conversations: totals.handoffConversations },
      examIncidents: await this.examIncidents(period),
    };
  }

  /** Through the exam domain's repository (issue 5); every kind and route listed, most frequent first. */
  private async examIncidents(period: Period): Promise<ConversationStatistics['examIncidents']> {
    const filter = { createdFrom: period.startsAt, createdBefore: period.endsBefore };
    const counted = async (column: 'problem_kind' | 'route', keys: readonly string[]): Promise<NamedCount[]> => {
      const counts = await this.examIncidentsRepo.countBy(column, filter);
      return [...new Set([...keys, ...counts.keys()])]
        .map((key) => ({ key, n: counts.get(key) ?? 0 }))
        .sort((a, b) => b.n - a.n || keys.indexOf(a.key) - keys.indexOf(b.key));
    };
    const byKind = await counted('problem_kind', PROBLEM_KINDS);
    return { total: byKind.reduce((total, k) => total + k.n, 0), byKind, byRoute: await counted('route', EXAM_ROUTES) };
  }

  /** The grouped rows for contiguous months, by service, and what was open when the first one started. */
  private async cube(months: Period[], now: Date): Promise<FigureCube> {
    const repo = this.complaintsRepo;
    return new FigureCube(
      months.length,
      {
        received: await repo.received(months, true),
        firstContactEvents: await repo.events('firstContact', months, true),
        answerEvents: await repo.events('answer', months, true),
        finished: await repo.finished(months, true),
        firstContactDeadlines: await repo.deadlines('firstContact', months, true, now),
        answerDeadlines: await repo.deadlines('answer', months, true, now),
      },
      await repo.openAt(months[0].startsAt, true),
    );
  }
}

interface CubeRows {
  received: Array<{ bucket: number; service: string | null; n: number }>;
  firstContactEvents: EventHistogramRow[];
  answerEvents: EventHistogramRow[];
  finished: Array<{ bucket: number; service: string | null; closed: number; abandoned: number }>;
  firstContactDeadlines: DeadlineRow[];
  answerDeadlines: DeadlineRow[];
}

/**
 * The grouped rows of contiguous buckets (months) by service. Figures for any run of buckets and one
 * service or all are sums of cells; the histograms of business days merge, so means and medians stay
 * exact; what is open at a bucket's start is what was open at the first one's start plus what came in
 * minus what was closed or abandoned since.
 */
class FigureCube {
  constructor(
    private readonly size: number,
    private readonly rows: CubeRows,
    private readonly openAtStart: Array<{ service: string | null; n: number }>,
  ) {}

  services(): string[] {
    const all = [...Object.values(this.rows).flat(), ...this.openAtStart];
    return all.map((r) => r.service).filter((s): s is string => s !== null);
  }

  /** Figures over contiguous bucket indexes, for one service or all of them. */
  figures(buckets: number[], service?: string): ComplaintFigures {
    const wanted = new Set(buckets);
    const pick = <T extends { bucket: number; service: string | null }>(rows: T[], inBuckets: (b: number) => boolean) =>
      rows.filter((r) => inBuckets(r.bucket) && (service === undefined || r.service === service));
    const inRange = (b: number) => wanted.has(b);
    const first = buckets.length ? Math.min(...buckets) : this.size;
    const before = (b: number) => b < first;
    const net = (inBuckets: (b: number) => boolean) =>
      sum(pick(this.rows.received, inBuckets), (r) => r.n) - sum(pick(this.rows.finished, inBuckets), (r) => r.closed + r.abandoned);

    const received = sum(pick(this.rows.received, inRange), (r) => r.n);
    const finished = pick(this.rows.finished, inRange);
    const closed = sum(finished, (r) => r.closed);
    const abandoned = sum(finished, (r) => r.abandoned);
    const carriedOver =
      sum(
        this.openAtStart.filter((r) => service === undefined || r.service === service),
        (r) => r.n,
      ) + net(before);
    const firstContact = clockFigures('firstContact', pick(this.rows.firstContactEvents, inRange), pick(this.rows.firstContactDeadlines, inRange));
    const answer = clockFigures('answer', pick(this.rows.answerEvents, inRange), pick(this.rows.answerDeadlines, inRange));
    return {
      received,
      contacted: firstContact.events,
      answered: answer.events,
      closed,
      abandoned,
      carriedOver,
      openAtEnd: carriedOver + received - closed - abandoned,
      firstContact,
      answer,
    };
  }
}

function clockFigures(clock: ClockName, events: EventHistogramRow[], deadlines: DeadlineRow[]): ClockFigures {
  const standardBusinessDays = clock === 'firstContact' ? COMPLAINT_STANDARDS.firstContactBusinessDays : COMPLAINT_STANDARDS.answerBusinessDays;
  const targetPercent = clock === 'firstContact' ? COMPLAINT_STANDARDS.firstContactTargetPercent : COMPLAINT_STANDARDS.answerTargetPercent;
  const onTime = sum(events, (e) => e.onTime);
  const late = sum(deadlines, (d) => d.late);
  const measured = onTime + late;
  const histogram = events.filter((e) => e.days !== null).map((e) => ({ days: Number(e.days), n: e.n }));
  return {
    standardBusinessDays,
    targetPercent,
    events: sum(events, (e) => e.n),
    onTime,
    late,
    measured,
    percentOnTime: percent(onTime, measured),
    met: measured === 0 ? null : onTime * 100 >= targetPercent * measured,
    pending: sum(deadlines, (d) => d.pending),
    stopped: sum(deadlines, (d) => d.stopped),
    meanBusinessDays: mean(histogram),
    medianBusinessDays: median(histogram),
  };
}

/** Mean of a histogram of values, rounded to one decimal. */
export function mean(histogram: Array<{ days: number; n: number }>): number | null {
  const count = sum(histogram, (h) => h.n);
  if (count === 0) return null;
  return round1(sum(histogram, (h) => h.days * h.n) / count);
}

/** Median of a histogram of values (the mean of the two middle values for an even count). */
export function median(histogram: Array<{ days: number; n: number }>): number | null {
  const sorted = [...histogram].filter((h) => h.n > 0).sort((a, b) => a.days - b.days);
  const count = sum(sorted, (h) => h.n);
  if (count === 0) return null;
  const valueAt = (position: number): number => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.n;
      if (position < seen) return h.days;
    }
    return sorted[sorted.length - 1].days;
  };
  return count % 2 === 1 ? valueAt((count - 1) / 2) : round1((valueAt(count / 2 - 1) + valueAt(count / 2)) / 2);
}

export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : round1((part * 100) / whole);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function sum<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

export function summary(period: Period): PeriodSummary {
  return { kind: period.kind, label: period.label, from: period.from, to: period.to };
}

function outcomeKey(outcome: string | null): ComplaintOutcome | 'unspecified' {
  return outcome && (COMPLAINT_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as ComplaintOutcome) : 'unspecified';
}

/** The breach with its event in ISO 8601 with the Québec offset. */
function toBreach(row: Breach): Breach {
  return { ...row, eventAt: row.eventAt ? formatIsoLocal(new Date(row.eventAt)) : null, businessDays: row.businessDays ?? null };
}
