import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import { COMPLAINT_STANDARDS } from './complaint';

export interface ComplaintDeadlines {
  receivedDate: LocalDate;
  firstContactDueDate: LocalDate;
  firstContactDueAt: Date;
  answerDueDate: LocalDate;
  answerDueAt: Date;
  calendarVersion: string;
}

/**
 * Both deadlines of a complaint received at `receivedAt`: the 5th and the 20th business day after the
 * day of receipt (that day is not counted), each ending at midnight, Québec time.
 */
export function computeDeadlines(receivedAt: Date, calendar: BusinessCalendar): ComplaintDeadlines {
  const receivedDate = calendar.localDateOf(receivedAt);
  const firstContactDueDate = calendar.addBusinessDays(receivedDate, COMPLAINT_STANDARDS.firstContactBusinessDays);
  const answerDueDate = calendar.addBusinessDays(receivedDate, COMPLAINT_STANDARDS.answerBusinessDays);
  return {
    receivedDate,
    firstContactDueDate,
    firstContactDueAt: calendar.endOf(firstContactDueDate),
    answerDueDate,
    answerDueAt: calendar.endOf(answerDueDate),
    calendarVersion: calendar.version,
  };
}

/**
 * Where one clock stands:
 * - met / metLate: the event was recorded, on or before the due date, or after it;
 * - stopped: the complaint was closed or abandoned before the event;
 * - overdue: the due date has passed without the event;
 * - dueToday: today is the due date;
 * - atRisk: at most `atRiskBusinessDays` business days are left;
 * - onTime: otherwise.
 */
export type ClockState = 'onTime' | 'atRisk' | 'dueToday' | 'overdue' | 'met' | 'metLate' | 'stopped';

export interface ClockStatus {
  state: ClockState;
  dueDate: LocalDate;
  /** Business days from today to the due date (0 on the due date); undefined once met or stopped. */
  businessDaysLeft?: number;
  /** Business days past the due date, when overdue or met late. */
  businessDaysLate?: number;
}

export function clockStatus(options: {
  dueDate: LocalDate;
  eventAt?: Date;
  stoppedAt?: Date;
  now: Date;
  calendar: BusinessCalendar;
  atRiskBusinessDays: number;
}): ClockStatus {
  const { dueDate, eventAt, stoppedAt, now, calendar } = options;
  if (eventAt) {
    const eventDate = calendar.localDateOf(eventAt);
    return eventDate <= dueDate ? { state: 'met', dueDate } : { state: 'metLate', dueDate, businessDaysLate: calendar.businessDaysBetween(dueDate, eventDate) };
  }
  if (stoppedAt) return { state: 'stopped', dueDate };
  const today = calendar.localDateOf(now);
  if (today > dueDate) return { state: 'overdue', dueDate, businessDaysLate: Math.max(1, calendar.businessDaysBetween(dueDate, today)) };
  if (today === dueDate) return { state: 'dueToday', dueDate, businessDaysLeft: 0 };
  const left = calendar.businessDaysBetween(today, dueDate);
  return { state: left <= options.atRiskBusinessDays ? 'atRisk' : 'onTime', dueDate, businessDaysLeft: left };
}
