import { z } from 'zod';
import { loadDataFile } from '../dataFile';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const month = z.number().int().min(1).max(12);
const day = z.number().int().min(1).max(31);
/** 0 = Sunday … 6 = Saturday, as in Date.getDay(). */
const weekday = z.number().int().min(0).max(6);

const holidayRule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), month, day }),
  z.object({ type: z.literal('easter'), offsetDays: z.number().int() }),
  z.object({ type: z.literal('nthWeekday'), month, weekday, n: z.number().int().min(1).max(5) }),
  z.object({ type: z.literal('weekdayBefore'), month, day, weekday }),
]);

export const holidayCalendarSchema = z.object({
  version: z.string().min(1),
  timeZone: z.string().min(1),
  description: z.string().optional(),
  maintenance: z.string().optional(),
  holidays: z.array(
    z.object({
      id: z.string().min(1),
      name: z.object({ fr: z.string().min(1), en: z.string().min(1) }),
      rule: holidayRule,
    }),
  ),
  reviewedYears: z.array(z.number().int()),
  moved: z.array(z.object({ holiday: z.string(), year: z.number().int(), date: isoDate, reason: z.string().optional() })),
});

export type HolidayCalendarData = z.infer<typeof holidayCalendarSchema>;
export type HolidayRule = z.infer<typeof holidayRule>;

export const HOLIDAY_CALENDAR_FILE = 'calendar/quebec-public-service-holidays.json';

export function loadHolidayCalendarData(): HolidayCalendarData {
  return loadDataFile(HOLIDAY_CALENDAR_FILE, holidayCalendarSchema);
}
