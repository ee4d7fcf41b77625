/**
 * Online-exam technical problems reported in the chat: the triage answers, the priority and the
 * channel the assistant gave, stored in the `exam_incidents` table (migration 003).
 */

export const EXAM_INCIDENT_REFERENCE_PREFIX = 'EX';

/**
 * The kinds of problem (labels in locales/<lang>/exam.json, kinds.<key>):
 * - `access`: cannot reach or log in to the exam (login, password, access code, link);
 * - `frozen`: page frozen, crashing, not loading, error page, disconnected;
 * - `timer`: the countdown stopped, jumped or shows the wrong time left;
 * - `submission`: answers cannot be submitted or saved;
 * - `display`: audio, video, camera or display problems;
 * - `other`: anything else.
 */
export const PROBLEM_KINDS = ['access', 'frozen', 'timer', 'submission', 'display', 'other'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** `urgent`: the exam is in progress right now (time is running); `normal` otherwise. */
export const INCIDENT_PRIORITIES = ['urgent', 'normal'] as const;
export type IncidentPriority = (typeof INCIDENT_PRIORITIES)[number];

/**
 * What the assistant told the person to do (the `route` column):
 * - `phone-now`: urgent while CA-dotation is open → call now, and also write to the exam-support address;
 * - `email-after-hours`: urgent while CA-dotation is closed → write now, call when it reopens;
 * - `email`: not urgent → write to the exam-support address (the `centre_open` column tells whether
 *   the Centre was open at that moment; if it was, the person was also told they may call).
 */
export const EXAM_ROUTES = ['phone-now', 'email-after-hours', 'email'] as const;
export type ExamRoute = (typeof EXAM_ROUTES)[number];

/** The chat writes `open`; staff take it in charge (`inProgress`), then mark it `resolved`. */
export const INCIDENT_STATUSES = ['open', 'inProgress', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export type IncidentEventType = 'taken' | 'resolved' | 'note';

/** One step of an incident's handling, by a named staff member. */
export interface ExamIncidentEvent {
  id: number;
  occurredAt: Date;
  type: IncidentEventType;
  fromStatus?: IncidentStatus;
  toStatus?: IncidentStatus;
  actor: string;
  /** Masked like the rest of the incident: no personal information is kept with it. */
  note?: string;
}

export const EXAM_NAME_MAX_LENGTH = 200;
export const DEVICE_MAX_LENGTH = 100;
export const BROWSER_MAX_LENGTH = 100;

/** The triage answers. */
export interface ExamProblemReport {
  examInProgress: boolean;
  problemKind: ProblemKind;
  /** Name or number of the exam or qualification process, as the person wrote it. */
  examName?: string;
  device?: string;
  browser?: string;
  /** When the problem happened, if known. When omitted and the exam is in progress, the report time is used. */
  problemAt?: Date;
}

/** Where the report came from, and an id that makes a repeated submission idempotent. */
export interface IncidentOrigin {
  submissionId: string;
  channelId?: string;
  conversationId?: string;
  locale?: string;
}

export interface ExamIncident {
  id: number;
  /** EX-YYYY-NNNNNN, the confirmation number given to the person. */
  reference: string;
  submissionId: string;
  createdAt: Date;
  problemAt?: Date;
  examInProgress: boolean;
  problemKind: ProblemKind;
  examName?: string;
  device?: string;
  browser?: string;
  priority: IncidentPriority;
  route: ExamRoute;
  /** Whether CA-dotation was open (America/Toronto, public-service calendar) when the incident was created. */
  centreOpen: boolean;
  status: IncidentStatus;
  /** Who took it in charge (a staff name), and when; when it was resolved. */
  assignedTo?: string;
  takenAt?: Date;
  resolvedAt?: Date;
  calendarVersion: string;
  channelId?: string;
  conversationId?: string;
  locale?: string;
}

export interface ExamIncidentFilter {
  createdFrom?: Date;
  /** Exclusive. */
  createdBefore?: Date;
  kinds?: ProblemKind[];
  routes?: ExamRoute[];
  priorities?: IncidentPriority[];
  statuses?: IncidentStatus[];
  /** Taken in charge by this staff member. */
  assignedTo?: string;
  limit?: number;
  offset?: number;
}

export interface ExamIncidentCounts {
  total: number;
  /** Every kind is present, with 0 when none. */
  byKind: Record<ProblemKind, number>;
  /** Every route is present, with 0 when none. */
  byRoute: Record<ExamRoute, number>;
  byPriority: Record<IncidentPriority, number>;
}

export function isProblemKind(value: unknown): value is ProblemKind {
  return typeof value === 'string' && (PROBLEM_KINDS as readonly string[]).includes(value);
}

export function isExamRoute(value: unknown): value is ExamRoute {
  return typeof value === 'string' && (EXAM_ROUTES as readonly string[]).includes(value);
}
