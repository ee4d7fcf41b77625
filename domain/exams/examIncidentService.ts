import type { BusinessCalendar } from '../calendar/businessCalendar';
import type { Clock } from '../clock';
import type { PersonalInformationMasker } from '../privacy/masking';
import { publicInformationMasker } from '../privacy/publicMasker';
import { nextReference, parseReference } from '../references';
import type { OpenStatus, ServiceHours } from '../serviceHours';
import {
  BROWSER_MAX_LENGTH,
  DEVICE_MAX_LENGTH,
  EXAM_INCIDENT_REFERENCE_PREFIX,
  EXAM_NAME_MAX_LENGTH,
  EXAM_ROUTES,
  ExamIncident,
  ExamIncidentCounts,
  ExamIncidentFilter,
  ExamProblemReport,
  INCIDENT_PRIORITIES,
  IncidentOrigin,
  isProblemKind,
  PROBLEM_KINDS,
} from './examIncident';
import type { ExamIncidentRepository } from './examIncidentRepository';
import { decideTriage } from './triage';

export class ExamIncidentError extends Error {
  constructor(
    readonly code: 'invalidInput',
    message: string,
  ) {
    super(message);
    this.name = 'ExamIncidentError';
  }
}

/** A problem time later than this after the report is refused (a clock a little ahead is tolerated). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface ReportResult {
  incident: ExamIncident;
  /** False when the same submission was already stored (the stored incident is returned). */
  created: boolean;
  /** CA-dotation's status now (America/Toronto, public-service calendar): closing or reopening time. */
  centreStatus: OpenStatus;
}

/**
 * Exam incidents: intake from the chat (priority and route decided here, on the injected clock),
 * and the read side used by the staff tools and statistics.
 */
export class ExamIncidentService {
  constructor(
    private readonly repository: ExamIncidentRepository,
    private readonly calendar: BusinessCalendar,
    private readonly hours: ServiceHours,
    private readonly clock: Clock,
    private readonly masker: PersonalInformationMasker = publicInformationMasker(),
  ) {}

  /**
   * Stores an incident with its confirmation number (EX-YYYY-NNNNNN, drawn in the same transaction),
   * its priority and the route the person is given. The same submissionId twice returns the first one.
   */
  async report(input: ExamProblemReport, origin: IncidentOrigin): Promise<ReportResult> {
    const now = this.clock.now();
    const clean = validate(input, now, this.masker);
    if (!origin.submissionId || origin.submissionId.length > 64)
      throw new ExamIncidentError('invalidInput', 'submissionId is required (64 characters at most)');
    const existing = await this.repository.findBySubmission(origin.submissionId);
    if (existing) return { incident: existing, created: false, centreStatus: this.hours.status(now) };

    const decision = decideTriage(clean.examInProgress, now, this.hours);
    const problemAt = clean.problemAt ?? (clean.examInProgress ? now : undefined);
    try {
      const incident = await this.repository.transaction(async (trx) => {
        const year = Number(this.calendar.localDateOf(now).slice(0, 4));
        const reference = await nextReference(trx, EXAM_INCIDENT_REFERENCE_PREFIX, year);
        await this.repository.insert(trx, {
          reference,
          submissionId: origin.submissionId,
          createdAt: now,
          problemAt,
          examInProgress: clean.examInProgress,
          problemKind: clean.problemKind,
          examName: clean.examName,
          device: clean.device,
          browser: clean.browser,
          priority: decision.priority,
          route: decision.route,
          centreOpen: decision.centreOpen,
          calendarVersion: this.calendar.version,
          channelId: origin.channelId,
          conversationId: origin.conversationId,
          locale: origin.locale,
        });
        return (await this.repository.findByReference(reference, trx))!;
      });
      return { incident, created: true, centreStatus: decision.status };
    } catch (err) {
      // Two submissions racing: the unique submission id let only one in.
      const raced = await this.repository.findBySubmission(origin.submissionId);
      if (raced) return { incident: raced, created: false, centreStatus: decision.status };
      throw err;
    }
  }

  /** By confirmation number; « ex 2026 45 » and « EX-2026-000045 » both work. */
  get(reference: string): Promise<ExamIncident | undefined> {
    return this.repository.findByReference(parseReference(EXAM_INCIDENT_REFERENCE_PREFIX, reference) ?? reference.trim().toUpperCase());
  }

  /** Incidents in creation order. */
  list(filter: ExamIncidentFilter = {}): Promise<ExamIncident[]> {
    return this.repository.list(filter);
  }

  /** Incidents in creation order, streamed (exports). */
  stream(filter: ExamIncidentFilter = {}): AsyncIterable<ExamIncident> {
    return this.repository.stream(filter);
  }

  /** Counts per kind, route and priority for the incidents matching the filter; every key present. */
  async counts(filter: ExamIncidentFilter = {}): Promise<ExamIncidentCounts> {
    const [kinds, routes, priorities] = await Promise.all([
      this.repository.countBy('problem_kind', filter),
      this.repository.countBy('route', filter),
      this.repository.countBy('priority', filter),
    ]);
    const complete = <K extends string>(keys: readonly K[], counted: Map<string, number>): Record<K, number> =>
      Object.fromEntries(keys.map((k) => [k, counted.get(k) ?? 0])) as Record<K, number>;
    const byKind = complete(PROBLEM_KINDS, kinds);
    return {
      total: Object.values<number>(byKind).reduce((a, b) => a + b, 0),
      byKind,
      byRoute: complete(EXAM_ROUTES, routes),
      byPriority: complete(INCIDENT_PRIORITIES, priorities),
    };
  }

  async countsByKind(filter: ExamIncidentFilter = {}): Promise<ExamIncidentCounts['byKind']> {
    return (await this.counts(filter)).byKind;
  }

  async countsByRoute(filter: ExamIncidentFilter = {}): Promise<ExamIncidentCounts['byRoute']> {
    return (await this.counts(filter)).byRoute;
  }
}

function validate(input: ExamProblemReport, now: Date, masker: PersonalInformationMasker): ExamProblemReport {
  if (typeof input.examInProgress !== 'boolean') throw new ExamIncidentError('invalidInput', 'examInProgress must be true or false');
  if (!isProblemKind(input.problemKind)) throw new ExamIncidentError('invalidInput', 'unknown problem kind');
  if (input.problemAt !== undefined) {
    if (!(input.problemAt instanceof Date) || Number.isNaN(input.problemAt.getTime())) throw new ExamIncidentError('invalidInput', 'problemAt is not a date');
    if (input.problemAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw new ExamIncidentError('invalidInput', 'problemAt is in the future');
  }
  return {
    examInProgress: input.examInProgress,
    problemKind: input.problemKind,
    examName: maskedText(masker, input.examName, EXAM_NAME_MAX_LENGTH),
    device: maskedText(masker, input.device, DEVICE_MAX_LENGTH),
    browser: maskedText(masker, input.browser, BROWSER_MAX_LENGTH),
    problemAt: input.problemAt,
  };
}

/**
 * The triage asks for no personal information; a name, e-mail, phone, SIN or the like typed by mistake
 * is not kept. Masked before it is shortened, so that a number cut in half cannot escape the masking.
 */
function maskedText(masker: PersonalInformationMasker, value: string | undefined, max: number): string | undefined {
  const text = cleanText(value, Number.MAX_SAFE_INTEGER);
  return text === undefined ? undefined : cleanText(masker.mask(text), max);
}

/** One line, no control characters, at most `max` characters; empty becomes undefined. */
export function cleanText(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const text = value
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text ? [...text].slice(0, max).join('') : undefined;
}
