import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import type { ComplaintService } from '../complaints/complaint';
import { ClockStatus, clockStatus } from '../complaints/deadlines';

/** The two service-standard clocks of a complaint: first contact (5 business days) and answer (20). */
export const DEADLINE_CLOCKS = ['firstContact', 'answer'] as const;
export type DeadlineClock = (typeof DEADLINE_CLOCKS)[number];

/** Alert levels, from the least to the most severe. */
export const ALERT_LEVELS = ['atRisk', 'dueToday', 'overdue'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** Business days left at which a running clock becomes « à risque » (REMINDER_AT_RISK_*_DAYS). */
export type AtRiskBusinessDays = Record<DeadlineClock, number>;

export const DEFAULT_AT_RISK_BUSINESS_DAYS: AtRiskBusinessDays = { firstContact: 1, answer: 3 };

/** Where a running clock stands on a given day, when it deserves an alert. */
export interface ClockPosition {
  level: AlertLevel;
  /** Positive: business days left; 0: due today; negative: business days late. */
  businessDaysLeft: number;
}

/**
 * The alert level a running clock has reached at `now`, or undefined while it is on time. Uses the
 * complaint domain's clockStatus, so staff and the reminders always agree on the state of a clock.
 */
export function clockPosition(dueDate: LocalDate, now: Date, calendar: BusinessCalendar, atRiskBusinessDays: number): ClockPosition | undefined {
  const status = clockStatus({ dueDate, now, calendar, atRiskBusinessDays });
  switch (status.state) {
    case 'atRisk':
      return { level: 'atRisk', businessDaysLeft: status.businessDaysLeft ?? 0 };
    case 'dueToday':
      return { level: 'dueToday', businessDaysLeft: 0 };
    case 'overdue':
      return { level: 'overdue', businessDaysLeft: -(status.businessDaysLate ?? 1) };
    default:
      return undefined;
  }
}

/** The levels a clock goes through before `level`; « à risque » does not exist when its window is 0 days. */
export function lowerLevels(level: AlertLevel, atRiskBusinessDays: number): AlertLevel[] {
  return ALERT_LEVELS.slice(0, ALERT_LEVELS.indexOf(level)).filter((l) => l !== 'atRisk' || atRiskBusinessDays > 0);
}

/** What a pass records for one clock of one complaint. */
export interface PlannedAlert {
  complaintId: number;
  reference: string;
  service: ComplaintService | string;
  clock: DeadlineClock;
  level: AlertLevel;
  dueDate: LocalDate;
  businessDaysLeft: number;
  /**
   * Catch-up rule: a level reached while no pass ran (server down, weekend, holiday) and already
   * overtaken by a more severe one is recorded as superseded, for statistics, but not mailed: staff
   * get one line per clock, at its current level, never a stale « à risque » for an overdue complaint.
   */
  superseded: boolean;
}

/**
 * The alerts to record for a clock at `position`, given the levels already recorded: the current
 * level (mailed) and any lower level never recorded (superseded). Nothing when the current level is
 * already recorded: each (complaint, clock, level) is raised once.
 */
export function alertsFor(
  target: Omit<PlannedAlert, 'level' | 'businessDaysLeft' | 'superseded'>,
  position: ClockPosition,
  recorded: ReadonlySet<AlertLevel>,
  atRiskBusinessDays: number,
): PlannedAlert[] {
  if (recorded.has(position.level)) return [];
  const skipped = lowerLevels(position.level, atRiskBusinessDays).filter((l) => !recorded.has(l));
  return [
    ...skipped.map((level) => ({ ...target, level, businessDaysLeft: position.businessDaysLeft, superseded: true })),
    { ...target, level: position.level, businessDaysLeft: position.businessDaysLeft, superseded: false },
  ];
}

/** Most severe first, then by due date and reference: the order of the digest. */
export function compareForDigest(a: PlannedAlert, b: PlannedAlert): number {
  return (
    ALERT_LEVELS.indexOf(b.level) - ALERT_LEVELS.indexOf(a.level) ||
    compareAscii(a.dueDate, b.dueDate) ||
    compareAscii(a.reference, b.reference) ||
    DEADLINE_CLOCKS.indexOf(a.clock) - DEADLINE_CLOCKS.indexOf(b.clock)
  );
}

/** Dates and references are ASCII: a plain comparison is right, and much faster than localeCompare on thousands of alerts. */
function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One clock of a complaint as a digest shows it: running (with its state) or met (with the day). */
export interface EntryClock {
  clock: DeadlineClock;
  dueDate: LocalDate;
  status: ClockStatus;
  /** When the clock's event was recorded (first contact, answer), for a met clock. */
  doneAt?: Date;
}

/**
 * One complaint in a digest, both clocks together. It is there because one of its clocks reached a
 * new level today, or is overdue: an overdue complaint comes back in every daily digest until it is
 * answered or closed.
 */
export interface DigestEntry {
  complaintId: number;
  reference: string;
  service: ComplaintService | string;
  /** The officer it is assigned to (a staff name), if any. */
  assignedTo?: string;
  /** The most severe level among its running clocks. */
  level: AlertLevel;
  clocks: EntryClock[];
}

/** What an entry needs from the complaint: its clocks' dates and events. */
export interface EntrySource {
  complaintId: number;
  reference: string;
  service: string;
  assignedTo?: string;
  firstContactDueDate: LocalDate;
  answerDueDate: LocalDate;
  firstContactAt?: Date;
  answeredAt?: Date;
}

/** The entry of a complaint at `now`, or undefined when none of its running clocks deserves an alert. */
export function digestEntry(source: EntrySource, now: Date, calendar: BusinessCalendar, atRisk: AtRiskBusinessDays): DigestEntry | undefined {
  const clocks: EntryClock[] = DEADLINE_CLOCKS.map((clock) => {
    const dueDate = clock === 'firstContact' ? source.firstContactDueDate : source.answerDueDate;
    const doneAt = clock === 'firstContact' ? source.firstContactAt : source.answeredAt;
    return { clock, dueDate, doneAt, status: clockStatus({ dueDate, eventAt: doneAt, now, calendar, atRiskBusinessDays: atRisk[clock] }) };
  });
  const levels = clocks.map((c) => c.status.state).filter((s): s is AlertLevel => (ALERT_LEVELS as readonly string[]).includes(s));
  if (levels.length === 0) return undefined;
  const level = ALERT_LEVELS[Math.max(...levels.map((l) => ALERT_LEVELS.indexOf(l)))];
  return { complaintId: source.complaintId, reference: source.reference, service: source.service, assignedTo: source.assignedTo, level, clocks };
}

/** Business days the most late running clock is overdue (0 when none is). */
export function businessDaysLate(entry: DigestEntry): number {
  return Math.max(0, ...entry.clocks.map((c) => (c.status.state === 'overdue' ? (c.status.businessDaysLate ?? 1) : 0)));
}

/** Most severe first, then the earliest due date of a running clock, then the reference: the digest's order. */
export function compareEntries(a: DigestEntry, b: DigestEntry): number {
  const earliest = (e: DigestEntry) =>
    e.clocks
      .filter((c) => !c.doneAt)
      .map((c) => c.dueDate)
      .sort()[0] ?? '';
  return ALERT_LEVELS.indexOf(b.level) - ALERT_LEVELS.indexOf(a.level) || compareAscii(earliest(a), earliest(b)) || compareAscii(a.reference, b.reference);
}
