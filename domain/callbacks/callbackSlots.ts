import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import { foldText, parseAskedMoment } from '../faq/askedMoment';
import type { Lang } from '../i18n';
import type { ServiceHours } from '../serviceHours';
import type { CallbackSlot, SlotPeriod } from './callback';

/** A slot is offered only while at least this much of it is left: an officer needs time to call. */
export const MIN_SLOT_LEFT_MINUTES = 30;
/** How far ahead a citizen may ask to be called back. */
export const MAX_DAYS_AHEAD = 30;

export type SlotRefusal =
  /** The day is a weekend day or the Centre has no opening in that half-day (Wednesday mornings start at 10 h, lunch). */
  | { reason: 'closed'; date: LocalDate }
  | { reason: 'holiday'; date: LocalDate; holidayName: { fr: string; en: string } }
  | { reason: 'past'; date: LocalDate }
  | { reason: 'tooFar'; date: LocalDate }
  /** A day without a half-day: its open slots are offered. */
  | { reason: 'noPeriod'; date: LocalDate }
  | { reason: 'notUnderstood' };

export type SlotChoice = { ok: true; slot: CallbackSlot } | ({ ok: false } & SlotRefusal);

const MORNING = /\b(matin|matinee|avant[- ]?midi|a\.?m\.?|morning|forenoon)\b/;
const AFTERNOON = /\b(apres[- ]?midi|pm|p\.m\.?|aprem|pm|afternoon)\b/;

/**
 * The callback slots: a half-day (morning or afternoon opening period of data/service-hours.json) of a
 * business day (data/calendar), so a callback is never promised when the Centre is closed.
 */
export class CallbackSlots {
  constructor(
    private readonly hours: ServiceHours,
    private readonly calendar: BusinessCalendar,
  ) {}

  /** The slot of that day and half-day, or undefined when the Centre is closed then. */
  slotOf(date: LocalDate, period: SlotPeriod): CallbackSlot | undefined {
    const found = this.hours.periodsOn(date).find((p) => periodOf(p.opens) === period);
    if (!found) return undefined;
    const at = (hhmm: string) => {
      const [h, m] = hhmm.split(':').map(Number);
      return this.calendar.instantAt(date, h, m);
    };
    return { date, period, start: at(found.opens), end: at(found.closes) };
  }

  /** The next `count` slots still open enough to be offered, from `now`. */
  upcoming(now: Date, count: number): CallbackSlot[] {
    const slots: CallbackSlot[] = [];
    let date = this.calendar.localDateOf(now);
    for (let i = 0; i < MAX_DAYS_AHEAD && slots.length < count; i += 1) {
      for (const period of ['morning', 'afternoon'] as const) {
        const slot = this.slotOf(date, period);
        if (slot && this.leftEnough(slot, now) && slots.length < count) slots.push(slot);
      }
      date = this.calendar.addCalendarDays(date, 1);
    }
    return slots;
  }

  /** Checks a day and half-day chosen by the citizen (a button or the staff tools). */
  check(date: LocalDate, period: SlotPeriod, now: Date): SlotChoice {
    const today = this.calendar.localDateOf(now);
    if (date < today) return { ok: false, reason: 'past', date };
    const holiday = this.calendar.holidayOn(date);
    if (holiday) return { ok: false, reason: 'holiday', date, holidayName: holiday.name };
    if (date > this.calendar.addCalendarDays(today, MAX_DAYS_AHEAD)) return { ok: false, reason: 'tooFar', date };
    const slot = this.slotOf(date, period);
    if (!slot) return { ok: false, reason: 'closed', date };
    if (!this.leftEnough(slot, now)) return { ok: false, reason: 'past', date };
    return { ok: true, slot };
  }

  /**
   * Reads a slot written freely: « demain matin », « jeudi après-midi », « le 3 décembre à 14 h »,
   * “tomorrow morning”. A time picks its half-day; over lunch or outside the hours it is refused.
   */
  parse(text: string, now: Date, lang: Lang): SlotChoice {
    const folded = foldText(text);
    let period: SlotPeriod | undefined = MORNING.test(folded) ? 'morning' : AFTERNOON.test(folded) ? 'afternoon' : undefined;
    const rest = folded.replace(MORNING, ' ').replace(AFTERNOON, ' ').replace(/\s+/g, ' ').trim();
    const moment = rest ? parseAskedMoment(rest, now, lang, this.calendar) : undefined;
    const today = this.calendar.localDateOf(now);
    let date: LocalDate | undefined;
    if (!moment && period && !rest) date = today;
    else if (moment?.kind === 'day' || moment?.kind === 'weekday') {
      date = moment.date;
      if (moment.time && !period) {
        const minutes = moment.time.hour * 60 + moment.time.minute;
        const within = this.hours.periodsOn(date).find((p) => toMinutes(p.opens) <= minutes && minutes < toMinutes(p.closes));
        if (!within) return this.calendar.holidayOn(date) ? this.check(date, 'morning', now) : { ok: false, reason: 'closed', date };
        period = periodOf(within.opens);
      }
    } else if (moment?.kind === 'now') date = today;
    else if (moment?.kind === 'weekend') return { ok: false, reason: 'closed', date: today };
    if (!date) return { ok: false, reason: 'notUnderstood' };
    if (!period) {
      const checked = this.check(date, 'morning', now);
      if (!checked.ok && checked.reason !== 'closed' && checked.reason !== 'past') return checked;
      return this.openSlotsOn(date, now).length ? { ok: false, reason: 'noPeriod', date } : this.check(date, 'afternoon', now);
    }
    return this.check(date, period, now);
  }

  /** The slots of one day still offered. */
  openSlotsOn(date: LocalDate, now: Date): CallbackSlot[] {
    return (['morning', 'afternoon'] as const).map((p) => this.slotOf(date, p)).filter((s): s is CallbackSlot => Boolean(s && this.leftEnough(s, now)));
  }

  private leftEnough(slot: CallbackSlot, now: Date): boolean {
    return slot.end.getTime() - now.getTime() >= MIN_SLOT_LEFT_MINUTES * 60_000;
  }
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The morning opening starts before noon, the afternoon one after. */
export function periodOf(opens: string): SlotPeriod {
  return toMinutes(opens) < 12 * 60 ? 'morning' : 'afternoon';
}
