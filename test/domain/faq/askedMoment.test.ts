import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { asksAboutHolidaySeason, holidayMentioned, holidaySeason, holidaysMentioned, isDayFollowUp, nextDayOfMonth, parseAskedMoment } from '../../../domain/faq/askedMoment';

/** Issue 12: « pis le 2? » (a day of the month alone) and « lundi? » asked on a Monday. */
const calendar = BusinessCalendar.fromDataFile();
const MONDAY_10H = new Date('2026-11-23T15:00:00Z'); // lundi 23 novembre 2026, 10 h à Québec
const MONDAY_17H = new Date('2026-11-23T22:00:00Z'); // the same Monday, after closing (16 h 30)

describe('a day of the month alone', () => {
  it.each([
    ['pis le 2?', '2026-12-02'],
    ['et le 15?', '2026-12-15'],
    ['le 23?', '2026-11-23'], // today's number: today
    ['le 30', '2026-11-30'],
    ['Et le 1er?', '2026-12-01'],
    ['et le 31?', '2026-12-31'], // November has no 31st
    ['and the 15th?', '2026-12-15'],
    ['what about the 2nd?', '2026-12-02'],
  ])('« %s » is the next such day from today: %s', (text, date) => {
    expect(parseAskedMoment(text, MONDAY_10H, 'fr', calendar)).toEqual({ kind: 'day', date });
    expect(isDayFollowUp(text, MONDAY_10H, 'fr', calendar)).toEqual({ kind: 'day', date });
  });

  it('reads a time after the day, and leaves a day with its month to chrono-node', () => {
    expect(parseAskedMoment('et le 2 à 9 h?', MONDAY_10H, 'fr', calendar)).toEqual({ kind: 'day', date: '2026-12-02', time: { hour: 9, minute: 0 } });
    expect(parseAskedMoment('le 2 à 9 h 30', MONDAY_10H, 'fr', calendar)).toEqual({ kind: 'day', date: '2026-12-02', time: { hour: 9, minute: 30 } });
    expect(parseAskedMoment('pis le 2 décembre?', MONDAY_10H, 'fr', calendar)).toEqual({ kind: 'day', date: '2026-12-02' });
    expect(parseAskedMoment('le 2 mars?', MONDAY_10H, 'fr', calendar)).toEqual({ kind: 'day', date: '2027-03-02' });
  });

  it('counts from the injected clock, in Québec time', () => {
    const december31Evening = new Date('2027-01-01T02:00:00Z'); // jeudi 31 décembre 2026, 21 h à Québec
    expect(parseAskedMoment('et le 2?', december31Evening, 'fr', calendar)).toEqual({ kind: 'day', date: '2027-01-02' });
    expect(parseAskedMoment('et le 31?', december31Evening, 'fr', calendar)).toEqual({ kind: 'day', date: '2026-12-31' });
    const january30 = new Date('2027-01-30T15:00:00Z');
    expect(parseAskedMoment('pis le 30?', january30, 'fr', calendar)).toEqual({ kind: 'day', date: '2027-01-30' });
    expect(parseAskedMoment('pis le 29?', january30, 'fr', calendar)).toEqual({ kind: 'day', date: '2027-03-29' }); // no February 29 in 2027
  });

  it('is not read in a number that is not a day', () => {
    expect(parseAskedMoment('la section 2', MONDAY_10H, 'fr', calendar)).toBeUndefined();
    expect(parseAskedMoment('le 45?', MONDAY_10H, 'fr', calendar)).toBeUndefined();
    expect(nextDayOfMonth(0, '2026-11-23')).toBeUndefined();
    expect(nextDayOfMonth(32, '2026-11-23')).toBeUndefined();
  });
});

describe('« là » for « now »', () => {
  it('is now at the end of a question about calling or opening, and nowhere else', () => {
    for (const text of ['je peux appeler là?', 'Êtes-vous ouverts là?', "c'est fermé là?", 'on peut vous joindre là'])
      expect([text, parseAskedMoment(text, MONDAY_10H, 'fr', calendar)]).toEqual([text, { kind: 'now' }]);
    for (const text of ['je peux appeler la semaine prochaine?', 'la ligne est fermée', 'je veux parler à quelqu’un là'])
      expect([text, parseAskedMoment(text, MONDAY_10H, 'fr', calendar)?.kind]).not.toEqual([text, 'now']);
  });
});

describe('a weekday named on that weekday', () => {
  it.each([
    ['before closing', MONDAY_10H],
    ['after closing', MONDAY_17H],
  ])('« lundi? » asked on a Monday %s is today', (_label, now) => {
    expect(parseAskedMoment('lundi?', now, 'fr', calendar)).toEqual({ kind: 'weekday', weekday: 1, date: '2026-11-23' });
    expect(isDayFollowUp('pis lundi?', now, 'fr', calendar)).toEqual({ kind: 'weekday', weekday: 1, date: '2026-11-23' });
    expect(parseAskedMoment('Êtes-vous ouverts lundi?', now, 'fr', calendar)).toEqual({ kind: 'weekday', weekday: 1, date: '2026-11-23' });
    expect(parseAskedMoment('and Monday?', now, 'en', calendar)).toEqual({ kind: 'weekday', weekday: 1, date: '2026-11-23' });
  });

  it('« lundi prochain », or « lundi à 9 h » once 9 h has passed, is next week’s', () => {
    expect(parseAskedMoment('pis lundi prochain?', MONDAY_17H, 'fr', calendar)).toEqual({ kind: 'weekday', weekday: 1, date: '2026-11-30' });
    expect(parseAskedMoment('next Monday?', MONDAY_10H, 'en', calendar)).toMatchObject({ kind: 'weekday', weekday: 1, date: '2026-11-30' });
    expect(parseAskedMoment('lundi à 9 h?', MONDAY_10H, 'fr', calendar)).toEqual({ kind: 'weekday', weekday: 1, date: '2026-11-30', time: { hour: 9, minute: 0 } });
  });

  it('another weekday is its next occurrence', () => {
    expect(parseAskedMoment('mardi?', MONDAY_17H, 'fr', calendar)).toEqual({ kind: 'weekday', weekday: 2, date: '2026-11-24' });
    expect(parseAskedMoment('dimanche?', MONDAY_17H, 'fr', calendar)).toEqual({ kind: 'weekday', weekday: 0, date: '2026-11-29' });
  });
});

describe('a holiday named instead of a date', () => {
  const today = '2026-11-23';
  const holiday = (id: string) => [...calendar.holidaysIn(2026), ...calendar.holidaysIn(2027)].find((h) => h.id === id && h.date >= today)!.date;
  it.each([
    ['êtes-vous ouverts à Noël?', 'noel'],
    ['ouvert la veille de Noël?', 'veille-de-noel'],
    ["le lendemain du jour de l'An", 'lendemain-du-jour-de-l-an'],
    ["au jour de l'an", 'jour-de-l-an'],
    ['open on Boxing Day?', 'lendemain-de-noel'],
    ['are you open at Christmas', 'noel'],
    ['ouvert à la st-jean?', 'fete-nationale'],
    ["à l'Action de grâce", 'action-de-graces'],
  ])('« %s » is the next %s', (text, id) => {
    expect(holidayMentioned(text, today, calendar)?.date).toBe(holiday(id));
    expect(parseAskedMoment(text, calendar.instantAt(today, 10, 0), 'fr', calendar)).toEqual({ kind: 'day', date: holiday(id) });
  });
  it('is a follow-up after an hours answer, and a word that only contains a name is not a holiday', () => {
    expect(isDayFollowUp("pis au jour de l'an?", calendar.instantAt(today, 10, 0), 'fr', calendar)).toEqual({ kind: 'day', date: holiday('jour-de-l-an') });
    expect(holidayMentioned('noelle tremblay', today, calendar)).toBeUndefined();
  });
  it('reads every holiday a message names, in its order, a longer name hiding the shorter one inside it', () => {
    const dates = (text: string) => holidaysMentioned(text, today, calendar).map((h) => h.date);
    expect(dates("ouverts au jour de l'an et à Noël?")).toEqual([holiday('jour-de-l-an'), holiday('noel')]);
    expect(dates('la veille de Noël ou le lendemain de Noël?')).toEqual([holiday('veille-de-noel'), holiday('lendemain-de-noel')]);
    expect(dates('à Noël pis à Noël')).toEqual([holiday('noel')]);
    expect(isDayFollowUp("et à Noël pis au jour de l'an?", calendar.instantAt(today, 10, 0), 'fr', calendar)).toBeDefined();
  });
});

describe('the holiday season (« pendant les fêtes »)', () => {
  it.each(['êtes-vous ouverts pendant les fêtes?', 'ouvert aux fêtes?', "c'est quoi votre horaire du temps des fêtes", 'Are you open over the holidays?', 'holiday season hours'])('« %s » asks about the season', (text) => {
    expect(asksAboutHolidaySeason(text)).toBe(true);
  });
  it.each(['êtes-vous ouverts les jours fériés?', 'ouvert à la fête nationale?', 'are you open on holidays?'])('« %s » does not', (text) => {
    expect(asksAboutHolidaySeason(text)).toBe(false);
  });

  it('is the season not yet over: its holidays in date order, and the business days between them', () => {
    const seasonIds = ['veille-de-noel', 'noel', 'lendemain-de-noel', 'veille-du-jour-de-l-an', 'jour-de-l-an', 'lendemain-du-jour-de-l-an'];
    for (const year of [2026, 2027, 2028]) {
      const expected = [...calendar.holidaysIn(year), ...calendar.holidaysIn(year + 1)].filter((h) => seasonIds.includes(h.id) && h.date > `${year}-11-30` && h.date < `${year + 1}-02-01`);
      const first = expected[0].date;
      const last = expected[expected.length - 1].date;
      for (const today of [`${year}-11-15`, first, calendar.addCalendarDays(first, 1), last]) {
        const season = holidaySeason(today, calendar);
        expect(season.holidays.map((h) => h.date)).toEqual(expected.map((h) => h.date));
        for (const day of season.openDays) {
          expect(calendar.isBusinessDay(day)).toBe(true);
          expect(day > first && day < last).toBe(true);
        }
      }
      // The day after the season's last holiday: the next season.
      expect(holidaySeason(calendar.addCalendarDays(last, 1), calendar).holidays[0].date > last).toBe(true);
    }
  });
});
