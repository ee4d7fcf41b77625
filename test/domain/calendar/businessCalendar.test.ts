import { TZDate } from '@date-fns/tz';
import { format, startOfDay } from 'date-fns';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { easterSunday } from '../../../domain/calendar/easter';
import { loadHolidayCalendarData } from '../../../domain/calendar/holidayCalendarData';

const GOLDEN: Record<number, Record<string, string>> = {
  2026: {
    '2026-01-01': 'jour-de-l-an',
    '2026-01-02': 'lendemain-du-jour-de-l-an',
    '2026-04-03': 'vendredi-saint',
    '2026-04-06': 'lundi-de-paques',
    '2026-05-18': 'journee-nationale-des-patriotes',
    '2026-06-24': 'fete-nationale',
    '2026-07-01': 'fete-du-canada',
    '2026-09-07': 'fete-du-travail',
    '2026-10-12': 'action-de-graces',
    '2026-12-24': 'veille-de-noel',
    '2026-12-25': 'noel',
    '2026-12-28': 'lendemain-de-noel',
    '2026-12-31': 'veille-du-jour-de-l-an',
  },
  2027: {
    '2027-01-01': 'jour-de-l-an',
    '2027-01-04': 'lendemain-du-jour-de-l-an',
    '2027-03-26': 'vendredi-saint',
    '2027-03-29': 'lundi-de-paques',
    '2027-05-24': 'journee-nationale-des-patriotes',
    '2027-06-24': 'fete-nationale',
    '2027-07-01': 'fete-du-canada',
    '2027-09-06': 'fete-du-travail',
    '2027-10-11': 'action-de-graces',
    '2027-12-24': 'veille-de-noel',
    '2027-12-27': 'noel',
    '2027-12-28': 'lendemain-de-noel',
    '2027-12-31': 'veille-du-jour-de-l-an',
  },
  2028: {
    '2028-01-03': 'jour-de-l-an',
    '2028-01-04': 'lendemain-du-jour-de-l-an',
    '2028-04-14': 'vendredi-saint',
    '2028-04-17': 'lundi-de-paques',
    '2028-05-22': 'journee-nationale-des-patriotes',
    '2028-06-23': 'fete-nationale',
    '2028-06-30': 'fete-du-canada',
    '2028-09-04': 'fete-du-travail',
    '2028-10-09': 'action-de-graces',
    '2028-12-25': 'noel',
    '2028-12-26': 'lendemain-de-noel',
    '2028-12-27': 'veille-de-noel',
  },
};

describe.each(['America/Toronto', 'UTC', 'Asia/Tokyo', 'America/Vancouver'])('BusinessCalendar with the server in %s', (serverTimeZone) => {
  const originalTz = process.env.TZ;
  let calendar: BusinessCalendar;
  beforeAll(() => {
    process.env.TZ = serverTimeZone;
    calendar = BusinessCalendar.fromDataFile();
  });
  afterAll(() => {
    process.env.TZ = originalTz;
  });

  it.each(Object.keys(GOLDEN).map(Number))('lists exactly the Québec public-service holidays observed in %i', (year) => {
    expect(Object.fromEntries(calendar.holidaysIn(year).map((h) => [h.date, h.id]))).toEqual(GOLDEN[year]);
    expect(calendar.isReviewedYear(year)).toBe(true);
  });

  it('treats every golden holiday and every weekend day as a non-business day', () => {
    for (const year of Object.values(GOLDEN)) for (const date of Object.keys(year)) expect(calendar.isBusinessDay(date)).toBe(false);
    expect(calendar.isBusinessDay('2026-11-21')).toBe(false); // samedi
    expect(calendar.isBusinessDay('2026-11-22')).toBe(false); // dimanche
    expect(calendar.isBusinessDay('2026-11-23')).toBe(true);
    expect(calendar.isBusinessDay('2026-12-26')).toBe(false); // samedi, férié reporté au 28
    expect(calendar.isBusinessDay('2028-06-24')).toBe(false); // samedi
  });

  it('places the Journée nationale des patriotes on the Monday strictly before 25 May', () => {
    expect(calendar.holidaysIn(2026).find((h) => h.id === 'journee-nationale-des-patriotes')?.date).toBe('2026-05-18'); // 25 mai 2026 est un lundi
    expect(calendar.holidaysIn(2029).find((h) => h.id === 'journee-nationale-des-patriotes')?.date).toBe('2029-05-21');
  });

  it('records the nominal date of a moved holiday', () => {
    expect(calendar.holidayOn('2026-12-28')).toMatchObject({ id: 'lendemain-de-noel', nominalDate: '2026-12-26' });
  });

  it('does not count the day of receipt: Friday 23:30 local gives Monday as day 1', () => {
    const receivedAt = new Date('2026-11-21T04:30:00Z'); // vendredi 20 novembre 2026, 23 h 30 à Québec
    const received = calendar.localDateOf(receivedAt);
    expect(received).toBe('2026-11-20');
    expect(calendar.addBusinessDays(received, 1)).toBe('2026-11-23');
    expect(calendar.addBusinessDays(received, 5)).toBe('2026-11-27');
    expect(calendar.addBusinessDays(received, 20)).toBe('2026-12-18');
  });

  it('counts a Saturday receipt from Monday', () => {
    expect(calendar.addBusinessDays('2026-11-21', 1)).toBe('2026-11-23');
    expect(calendar.addBusinessDays('2026-11-21', 5)).toBe('2026-11-27');
  });

  it('skips the whole year-end of 2026–2027 for a complaint received on 31 December at 23:30', () => {
    const received = calendar.localDateOf(new Date('2027-01-01T04:30:00Z')); // 31 décembre 2026, 23 h 30 (HNE)
    expect(received).toBe('2026-12-31');
    expect(calendar.addBusinessDays(received, 1)).toBe('2027-01-05');
    expect(calendar.addBusinessDays(received, 5)).toBe('2027-01-11');
    expect(calendar.addBusinessDays(received, 20)).toBe('2027-02-01');
  });

  it('skips the year-end of 2027–2028', () => {
    expect(calendar.addBusinessDays('2027-12-23', 1)).toBe('2027-12-29');
    expect(calendar.addBusinessDays('2027-12-30', 1)).toBe('2028-01-05');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(calendar.addBusinessDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(calendar.addBusinessDays('2026-04-02', 5)).toBe('2026-04-13');
  });

  it('finds the local date across the DST changes', () => {
    expect(calendar.localDateOf(new Date('2026-03-08T06:59:59Z'))).toBe('2026-03-08'); // 1 h 59 HNE
    expect(calendar.localDateOf(new Date('2026-03-08T07:00:00Z'))).toBe('2026-03-08'); // 3 h HAE
    expect(calendar.localDateOf(new Date('2026-11-01T03:30:00Z'))).toBe('2026-10-31'); // samedi 23 h 30 HAE
    expect(calendar.localDateOf(new Date('2026-11-01T04:30:00Z'))).toBe('2026-11-01'); // dimanche 0 h 30 HAE
  });

  it('gives the same dates, wall clocks, instants and starts of day as date-fns zoned dates, every 37 minutes of two years and every opening time of each day', () => {
    const zone = calendar.timeZone;
    // Differences collected and compared once: an expect per instant would cost seconds.
    const differences: string[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 37 * 60 * 1000) {
      const zoned = new TZDate(t, zone);
      const expected = format(zoned, 'yyyy-MM-dd');
      if (calendar.localDateOf(new Date(t)) !== expected) differences.push(`${new Date(t).toISOString()} is ${expected}`);
      const wall = { year: zoned.getFullYear(), month: zoned.getMonth() + 1, day: zoned.getDate(), hour: zoned.getHours(), minute: zoned.getMinutes() };
      if (JSON.stringify(calendar.wallClockOf(new Date(t))) !== JSON.stringify(wall)) differences.push(`${new Date(t).toISOString()} shows ${JSON.stringify(wall)}`);
    }
    for (let date = '2026-01-01'; date < '2028-01-01'; date = calendar.addCalendarDays(date, 1)) {
      const [y, m, d] = date.split('-').map(Number);
      const start = startOfDay(new TZDate(y, m - 1, d, 12, 0, 0, 0, zone)).getTime();
      if (calendar.startOf(date).getTime() !== start) differences.push(`${date} starts at ${new Date(start).toISOString()}`);
      for (const [hours, minutes] of [[2, 30], [8, 30], [12, 0], [13, 0], [16, 30]]) {
        const expected = new TZDate(y, m - 1, d, hours, minutes, 0, 0, zone).getTime();
        // Twice: the second answer comes from what the calendar remembers.
        for (const answer of [calendar.instantAt(date, hours, minutes), calendar.instantAt(date, hours, minutes)]) {
          if (answer.getTime() !== expected) differences.push(`${date} ${hours}:${minutes} is ${new Date(expected).toISOString()}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it.each(['Asia/Gaza', 'America/Sao_Paulo', 'America/Toronto'])(
    'gives the date of every instant around midnights where %s changed its offset, forward and back',
    (zone) => {
      // Gaza went back from 0 h to 23 h on 14 September 1980 (a date on both sides of a midnight); São Paulo moved at midnight too.
      const zoned = new BusinessCalendar({ ...loadHolidayCalendarData(), timeZone: zone });
      const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      const instants: number[] = [];
      for (const [from, to] of [
        [Date.UTC(1980, 8, 12), Date.UTC(1980, 8, 16)],
        [Date.UTC(2018, 1, 16), Date.UTC(2018, 1, 19)],
        [Date.UTC(2018, 10, 2), Date.UTC(2018, 10, 6)],
        [Date.UTC(2026, 2, 7), Date.UTC(2026, 2, 10)],
      ]) {
        for (let t = from; t < to; t += 5 * 60 * 1000) instants.push(t);
      }
      const differences = [...instants, ...[...instants].reverse()]
        .filter((t) => zoned.localDateOf(new Date(t)) !== format.format(new Date(t)))
        .map((t) => new Date(t).toISOString());
      expect(differences).toEqual([]);
    },
  );

  it('ends a deadline day at local midnight, with the right offset on each side of DST', () => {
    expect(calendar.endOf('2026-03-06').toISOString()).toBe('2026-03-07T04:59:59.999Z'); // HNE, UTC−5
    expect(calendar.endOf('2026-03-09').toISOString()).toBe('2026-03-10T03:59:59.999Z'); // HAE, UTC−4
    expect(calendar.endOf('2026-10-30').toISOString()).toBe('2026-10-31T03:59:59.999Z');
    expect(calendar.endOf('2026-11-02').toISOString()).toBe('2026-11-03T04:59:59.999Z');
    expect(calendar.startOf('2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('counts business days between two dates', () => {
    expect(calendar.businessDaysBetween('2026-11-20', '2026-11-27')).toBe(5);
    expect(calendar.businessDaysBetween('2026-12-23', '2027-01-05')).toBe(3); // 29 et 30 décembre, 5 janvier
  });
});

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
  ])('%i → %s', (year, date) => expect(easterSunday(year)).toBe(date));
});
