import { z } from 'zod';
import { BusinessCalendar, LocalDate } from './calendar/businessCalendar';
import { loadDataFile } from './dataFile';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');
const period = z.object({ opens: time, closes: time });
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const serviceHoursSchema = z.object({
  service: z.string(),
  timeZone: z.string(),
  source: z.object({ seed: z.string(), section: z.string(), note: z.string().optional() }),
  reviewed: z.string(),
  weekly: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(period)])) as Record<Weekday, z.ZodArray<typeof period>>),
});

export type ServiceHoursData = z.infer<typeof serviceHoursSchema>;
export interface OpeningPeriod {
  opens: string;
  closes: string;
}

export type OpenStatus =
  | { open: true; closesAt: Date; reopensAt?: Date }
  | { open: false; opensAt: Date; reason: 'beforeOpening' | 'lunch' | 'afterClosing' | 'weekend' | 'holiday'; holidayName?: { fr: string; en: string } };

/** Opening hours of a service on the public-service calendar (closed on weekends and holidays). */
export class ServiceHours {
  constructor(
    private readonly data: ServiceHoursData,
    private readonly calendar: BusinessCalendar,
  ) {}

  static fromDataFile(calendar: BusinessCalendar): ServiceHours {
    return new ServiceHours(loadDataFile('service-hours.json', serviceHoursSchema), calendar);
  }

  /** The weekly schedule, Monday first, for displaying the hours. */
  weeklySchedule(): Array<{ day: Weekday; periods: OpeningPeriod[] }> {
    return [...WEEKDAYS.slice(1), WEEKDAYS[0]].map((day) => ({ day, periods: this.data.weekly[day] }));
  }

  periodsOn(date: LocalDate): OpeningPeriod[] {
    if (!this.calendar.isBusinessDay(date)) return [];
    return this.data.weekly[this.weekdayOf(date)];
  }

  status(now: Date): OpenStatus {
    const today = this.calendar.localDateOf(now);
    const periods = this.periodsOn(today).map((p) => this.toInstants(today, p));
    const current = periods.find((p) => p.opens <= now && now < p.closes);
    if (current) {
      const next = periods.find((p) => p.opens >= current.closes);
      return { open: true, closesAt: current.closes, reopensAt: next?.opens };
    }
    const opensAt = this.nextOpening(now);
    const holiday = this.calendar.holidayOn(today);
    const weekday = this.weekdayOf(today);
    let reason: Extract<OpenStatus, { open: false }>['reason'];
    if (holiday) reason = 'holiday';
    else if (weekday === 'saturday' || weekday === 'sunday') reason = 'weekend';
    else if (periods.length && now < periods[0].opens) reason = 'beforeOpening';
    else if (periods.some((p) => p.opens > now)) reason = 'lunch';
    else reason = 'afterClosing';
    return { open: false, opensAt, reason, holidayName: holiday?.name };
  }

  /** The next time the service opens at or after `now` (searches up to 60 days ahead). */
  nextOpening(now: Date): Date {
    let date = this.calendar.localDateOf(now);
    for (let i = 0; i < 60; i += 1) {
      for (const period of this.periodsOn(date)) {
        const { opens } = this.toInstants(date, period);
        if (opens >= now) return opens;
      }
      date = this.calendar.addCalendarDays(date, 1);
    }
    throw new Error('No opening found in the next 60 days: check data/service-hours.json');
  }

  private weekdayOf(date: LocalDate): Weekday {
    return WEEKDAYS[this.calendar.weekdayOf(date)];
  }

  private toInstants(date: LocalDate, period: OpeningPeriod): { opens: Date; closes: Date } {
    const [oh, om] = period.opens.split(':').map(Number);
    const [ch, cm] = period.closes.split(':').map(Number);
    return { opens: this.calendar.instantAt(date, oh, om), closes: this.calendar.instantAt(date, ch, cm) };
  }
}
