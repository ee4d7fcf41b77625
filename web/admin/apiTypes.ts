/** What the staff API (bot/routes/admin*.ts) answers, as far as this page reads it. */

export interface Me {
  name: string;
  role: string;
}

export interface OutboxFailure {
  id: number | string;
  attempts: number;
  lastErrorCode: string | null;
  nextAttemptAt: string | null;
}

export interface Outbox {
  failing: number;
  queued: number;
  failures: OutboxFailure[];
}

export interface StaffMember {
  name: string;
}

export interface ClockFigures {
  met: boolean | null;
  percentOnTime: number | null;
  targetPercent: number;
  measured: number;
  onTime: number;
  meanBusinessDays: number | null;
  medianBusinessDays: number | null;
  pending: number;
}

export interface Figures {
  received: number;
  contacted: number;
  answered: number;
  closed: number;
  abandoned: number;
  carriedOver: number;
  openAtEnd: number;
  firstContact: ClockFigures;
  answer: ClockFigures;
}

export interface Bucket {
  label: string;
  figures: Figures;
}

export interface Breach {
  reference: string;
  clock: string;
  service: string;
  dueDate: string;
  eventAt: string | null;
  businessDays: number | null;
}

export interface Breaches {
  total: number;
  truncated: boolean;
  items: Breach[];
}

export interface KeyCount {
  key: string;
  n: number;
}

export interface Conversations {
  conversations: number;
  messagesIn: number;
  messagesOut: number;
  faq: {
    answered: number;
    topEntries: Array<{ entryId: string; answers: number; responses: number; helpfulPercent: number | null }>;
    feedback: Array<{ entryId: string; helpful: number; notHelpful: number; helpfulPercent: number | null; responsePercent: number | null }>;
  };
  notUnderstood: { count: number; percent: number | null; examples: Array<{ text: string; n: number }> };
  handoffs: { count: number };
  examIncidents: { total: number; byKind: KeyCount[]; byRoute: KeyCount[] };
}

export interface RatingFigures {
  responses: number;
  percentSatisfied: number | null;
  meanRating: number | null;
  distribution: number[];
}

export interface RatedService {
  source: string;
  service: string;
}

export interface Satisfaction {
  totals: RatingFigures & { comments: number };
  byMonth: Array<{ label: string; figures: RatingFigures }>;
  bySource: Array<{ source: string; figures: RatingFigures }>;
  byService: Array<RatedService & { figures: RatingFigures }>;
  comments: Array<RatedService & { ratedAt: string; rating: number; text: string }>;
}

export interface Reminders {
  byLevel: Array<{ level: string; raised: number; sent: number; superseded: number }>;
  digests: Record<string, unknown>;
  outbox: { failing: number; queued: number };
}

/** /api/admin/stats `callbacks` (domain/statistics/callbackStatistics.ts). */
export interface CallbackFigures {
  requested: number;
  cancelled: number;
  open: number;
  made: number;
  reached: number;
  messageLeft: number;
  madeWithinSlotDay: number;
  madeWithinSlotDayPercent: number | null;
  medianDelayHours: number | null;
}

/** /api/admin/stats/live-help (domain/statistics/liveHelpStatistics.ts); `enabled` is LIVE_HELP_ENABLED. */
export interface LiveHelpReport {
  enabled: boolean;
  period: { label: string; from: string; to: string };
  requested: number;
  refused: { closed: number; noAgent: number; waitTooLong: number };
  accepted: number;
  abandoned: number;
  leftQueue: number;
  timedOut: number;
  inProgress: number;
  waitMedianMinutes: number | null;
  waitP90Minutes: number | null;
  perAgent: Array<{ agent: string; handled: number }>;
}

export type Outcomes = Partial<Record<'founded' | 'partlyFounded' | 'unfounded' | 'unspecified', number>>;

export interface CorrectiveMeasures {
  total: number;
  byOutcome: Outcomes;
  /** Masked text, managers only. */
  items?: Array<{ reference: string; outcome: string; closedAt: string; text: string }>;
  truncated?: boolean;
}

export interface StatsReport {
  period: { label: string; from: string; to: string };
  asOf: string;
  standards: { firstContactTargetPercent: number; answerTargetPercent: number };
  complaints: {
    totals: Figures;
    byMonth: Bucket[];
    byFiscalYear: Bucket[];
    byService: Array<{ service: string; figures: Figures }>;
    breaches: Breaches;
    outcomes?: Outcomes | null;
    /** Closed with corrective measures: by outcome, and in all. */
    correctiveMeasures?: CorrectiveMeasures | null;
  };
  conversations: Conversations;
  callbacks: CallbackFigures;
  satisfaction?: Satisfaction | null;
  reminders: Reminders;
}

export interface ClockStatus {
  state: string;
  dueDate: string;
  businessDaysLeft?: number;
  businessDaysLate?: number;
}

export interface ComplaintSummary {
  reference: string;
  status: string;
  service: string;
  receivedAt: string;
  assignedTo: string | null;
  clocks: { firstContact: ClockStatus; answer: ClockStatus };
}

export interface Page<T> {
  items: T[];
  more: boolean;
}

export interface HistoryEntry {
  type: string;
  occurredAt: string;
  actor: string;
  note: string | null;
  contactChannel?: string;
  contactResult?: string;
  assignee?: string | null;
  previousAssignee?: string | null;
}

export interface Complaint extends ComplaintSummary {
  anonymized: boolean;
  name: string | null;
  contactMethod: string;
  contactValue: string | null;
  contactDisplay: string | null;
  incidentDate: string | null;
  description: string | null;
  desiredOutcome: string | null;
  outcome: string | null;
  correctiveMeasures: string | null;
  assignedAt: string | null;
  firstContactAt: string | null;
  history: HistoryEntry[];
}

export interface IncidentSummary {
  reference: string;
  createdAt: string;
  problemKind: string;
  priority: string;
  status: string;
  assignedTo: string | null;
}

export interface Incident extends IncidentSummary {
  examInProgress: boolean;
  examName: string | null;
  problemAt: string | null;
  device: string | null;
  browser: string | null;
  route: string;
  takenAt: string | null;
  resolvedAt: string | null;
  history: HistoryEntry[];
}
