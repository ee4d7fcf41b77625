import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { computeDeadlines } from '../../../domain/complaints/deadlines';
import { formatLongDate } from '../../../domain/format/dates';

/**
 * Complaint deadlines (5 and 20 business days, the day of receipt not counted) for the cases the
 * calendar golden tests (businessCalendar.test.ts) do not already cover: receipts at 23:30 local in
 * daylight time, on 31 December 2027 and 2028, across the 2027 and 2028 DST changes and Easter.
 * Expected dates were counted by hand on the Québec public-service holiday list.
 */
const CASES: Array<[label: string, receivedAt: string, received: string, firstContact: string, answer: string]> = [
  // vendredi 3 juillet 2026, 23 h 30 HAE (UTC−4): day 1 is Monday 6 July.
  ['Friday 23:30 in daylight time', '2026-07-04T03:30:00Z', '2026-07-03', '2026-07-10', '2026-07-31'],
  // vendredi 31 décembre 2027 (férié), 23 h 30 HNE: 1–2 Jan weekend, 3–4 Jan 2028 moved holidays.
  ['31 December 2027 at 23:30', '2028-01-01T04:30:00Z', '2027-12-31', '2028-01-11', '2028-02-01'],
  // dimanche 31 décembre 2028, 23 h 30 HNE: 1 and 2 Jan 2029, and 3 Jan (veille du jour de l'An 2028, moved).
  ['31 December 2028 at 23:30', '2029-01-01T04:30:00Z', '2028-12-31', '2029-01-10', '2029-01-31'],
  // vendredi 12 mars 2027, 23 h 30 HNE, two days before DST starts; Good Friday 26 March and Easter Monday 29 March 2027.
  ['across the 2027 spring DST change and Easter', '2027-03-13T04:30:00Z', '2027-03-12', '2027-03-19', '2027-04-13'],
  // vendredi 3 novembre 2028, 23 h 30 HAE, two days before DST ends.
  ['across the 2028 fall DST change', '2028-11-04T03:30:00Z', '2028-11-03', '2028-11-10', '2028-12-01'],
  // jeudi 13 avril 2028: Good Friday 14 and Easter Monday 17 April 2028.
  ['before Easter 2028', '2028-04-13T14:00:00Z', '2028-04-13', '2028-04-24', '2028-05-15'],
  // vendredi 21 mai 2027: Journée nationale des patriotes on Monday 24 May 2027.
  ['before the Journée nationale des patriotes 2027', '2027-05-21T14:00:00Z', '2027-05-21', '2027-05-31', '2027-06-21'],
];

describe.each(['America/Toronto', 'UTC', 'Pacific/Auckland'])('complaint deadlines with the server in %s', (serverTimeZone) => {
  const originalTz = process.env.TZ;
  let calendar: BusinessCalendar;
  beforeAll(() => {
    process.env.TZ = serverTimeZone;
    calendar = BusinessCalendar.fromDataFile();
  });
  afterAll(() => {
    process.env.TZ = originalTz;
  });

  it.each(CASES)('%s', (_label, receivedAt, received, firstContact, answer) => {
    const d = computeDeadlines(new Date(receivedAt), calendar);
    expect(d).toMatchObject({ receivedDate: received, firstContactDueDate: firstContact, answerDueDate: answer });
    // Each deadline ends at the last millisecond of its day in Québec, and is shown as that day.
    expect(calendar.localDateOf(d.firstContactDueAt)).toBe(firstContact);
    expect(calendar.localDateOf(new Date(d.firstContactDueAt.getTime() + 1))).toBe(calendar.addCalendarDays(firstContact, 1));
    expect(calendar.localDateOf(d.answerDueAt)).toBe(answer);
    expect(formatLongDate(d.answerDueAt, 'fr')).toMatch(new RegExp(` ${Number(answer.slice(8))}(er)? `));
  });

  it('ends the first-contact day at midnight Québec time on each side of the DST changes', () => {
    expect(computeDeadlines(new Date('2027-03-13T04:30:00Z'), calendar).firstContactDueAt.toISOString()).toBe('2027-03-20T03:59:59.999Z');
    expect(computeDeadlines(new Date('2028-11-04T03:30:00Z'), calendar).firstContactDueAt.toISOString()).toBe('2028-11-11T04:59:59.999Z');
  });
});
