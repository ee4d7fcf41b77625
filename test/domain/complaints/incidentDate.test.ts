import { dayInPeriod, parseIncidentDate } from '../../../domain/complaints/incidentDate';
import { FRENCH_MONTHS } from '../../helpers/frenchDates';

describe.each(['America/Toronto', 'UTC', 'Asia/Tokyo'])('parseIncidentDate with the server in %s', (serverTimeZone) => {
  const originalTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = serverTimeZone;
  });
  afterAll(() => {
    process.env.TZ = originalTz;
  });

  const monday10h = new Date('2026-11-23T15:00:00Z'); // lundi 23 novembre 2026, 10 h à Québec

  it.each([
    ['hier', '2026-11-22'],
    ['avant-hier', '2026-11-21'],
    ["aujourd'hui", '2026-11-23'],
    ['le 3 novembre', '2026-11-03'],
    ['Le 1er novembre', '2026-11-01'],
    ['lundi passé', '2026-11-16'],
    ['Lundi Passé', '2026-11-16'],
    ['mardi dernier', '2026-11-17'],
    ['vendredi', '2026-11-20'],
    ['3 novembre 2026', '2026-11-03'],
    ['03/11/2026', '2026-11-03'],
    ['2026-11-03', '2026-11-03'],
    ["ça s'est passé le 12 octobre vers 14 h", '2026-10-12'],
    ['le 3 décembre', '2025-12-03'],
  ])('« %s » → %s', (text, date) => {
    expect(parseIncidentDate(text, monday10h, 'fr')).toEqual({ ok: true, date });
  });

  it.each([
    ['la semaine passée', '2026-11-16', '2026-11-22'], // Monday to Sunday of the previous week
    ['la semaine dernière', '2026-11-16', '2026-11-22'],
    ['il y a deux semaines', '2026-11-09', '2026-11-15'],
    ['le mois dernier', '2026-10-01', '2026-10-31'],
    ['le mois passé', '2026-10-01', '2026-10-31'],
    ['il y a quelques jours', '2026-11-17', '2026-11-21'], // 6 to 2 days ago
    ['la fin de semaine passée', '2026-11-21', '2026-11-22'],
  ])('does not guess a day for the vague « %s »: the period %s to %s, to confirm', (text, from, to) => {
    expect(parseIncidentDate(text, monday10h, 'fr')).toEqual({ ok: false, reason: 'ambiguous', period: { from, to } });
  });

  it.each([
    ['last week', '2026-11-16', '2026-11-22'],
    ['last month', '2026-10-01', '2026-10-31'],
    ['a few days ago', '2026-11-17', '2026-11-21'],
    ['in October', '2026-10-01', '2026-10-31'],
    ['last weekend', '2026-11-21', '2026-11-22'],
  ])('does not guess a day for the vague English “%s”', (text, from, to) => {
    expect(parseIncidentDate(text, monday10h, 'en')).toEqual({ ok: false, reason: 'ambiguous', period: { from, to } });
  });

  it('keeps exact relative dates exact', () => {
    expect(parseIncidentDate('il y a 3 jours', monday10h, 'fr')).toEqual({ ok: true, date: '2026-11-20' });
    expect(parseIncidentDate('last Monday', monday10h, 'en')).toEqual({ ok: true, date: '2026-11-16' });
  });

  it('ends a period of the current month or week today', () => {
    const wednesday = new Date('2026-11-25T15:00:00Z'); // mercredi 25 novembre 2026
    expect(parseIncidentDate('this week', wednesday, 'en')).toEqual({ ok: false, reason: 'ambiguous', period: { from: '2026-11-23', to: '2026-11-25' } });
    expect(parseIncidentDate('in November', wednesday, 'en')).toEqual({ ok: false, reason: 'ambiguous', period: { from: '2026-11-01', to: '2026-11-25' } });
  });

  describe('a month, this month, the week of a date (issue 12)', () => {
    const ambiguous = (from: string, to: string) => ({ ok: false, reason: 'ambiguous', period: { from, to } });
    // Said on Monday, November 23, 2026: the last such month not in the future, November up to today.
    const MONTHS_SEEN_ON_NOV_23 = [
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-03-01', '2026-03-31'],
      ['2026-04-01', '2026-04-30'],
      ['2026-05-01', '2026-05-31'],
      ['2026-06-01', '2026-06-30'],
      ['2026-07-01', '2026-07-31'],
      ['2026-08-01', '2026-08-31'],
      ['2026-09-01', '2026-09-30'],
      ['2026-10-01', '2026-10-31'],
      ['2026-11-01', '2026-11-23'],
      ['2025-12-01', '2025-12-31'],
    ];
    const unaccented = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

    it('has the twelve French month names, accents included', () => {
      expect(FRENCH_MONTHS).toEqual(expect.arrayContaining(['février', 'août', 'décembre']));
      expect(FRENCH_MONTHS).toHaveLength(12);
    });

    it.each(FRENCH_MONTHS.map((month, i) => [month, ...MONTHS_SEEN_ON_NOV_23[i]]))('« en %s » is that whole month, the last one not in the future: %s to %s', (month, from, to) => {
      for (const text of [`en ${month}`, `En ${month}`, `en ${unaccented(month)}`, `au mois de ${month}`, `c'est arrivé en ${month}.`, `${month}`]) {
        expect({ text, result: parseIncidentDate(text, monday10h, 'fr') }).toEqual({ text, result: ambiguous(from, to) });
      }
    });

    it('reads « au mois d’août », « en mai dernier », and a month with its year', () => {
      expect(parseIncidentDate("au mois d'août", monday10h, 'fr')).toEqual(ambiguous('2026-08-01', '2026-08-31'));
      expect(parseIncidentDate('au mois d’août', monday10h, 'fr')).toEqual(ambiguous('2026-08-01', '2026-08-31'));
      expect(parseIncidentDate('en mai dernier', monday10h, 'fr')).toEqual(ambiguous('2026-05-01', '2026-05-31'));
      expect(parseIncidentDate('en décembre 2025', monday10h, 'fr')).toEqual(ambiguous('2025-12-01', '2025-12-31'));
      expect(parseIncidentDate('en octobre 2024', monday10h, 'fr')).toEqual(ambiguous('2024-10-01', '2024-10-31'));
      expect(parseIncidentDate('en décembre 2026', monday10h, 'fr')).toEqual({ ok: false, reason: 'future' });
    });

    it('counts from the injected clock: « en février » said in February ends today, « en mars » is last year’s', () => {
      const february10 = new Date('2027-02-10T15:00:00Z'); // mercredi 10 février 2027
      expect(parseIncidentDate('en février', february10, 'fr')).toEqual(ambiguous('2027-02-01', '2027-02-10'));
      expect(parseIncidentDate('en janvier', february10, 'fr')).toEqual(ambiguous('2027-01-01', '2027-01-31'));
      expect(parseIncidentDate('en mars', february10, 'fr')).toEqual(ambiguous('2026-03-01', '2026-03-31'));
      expect(parseIncidentDate('en août', february10, 'fr')).toEqual(ambiguous('2026-08-01', '2026-08-31'));
      expect(parseIncidentDate('en décembre', february10, 'fr')).toEqual(ambiguous('2026-12-01', '2026-12-31'));
      expect(parseIncidentDate('ce mois-ci', february10, 'fr')).toEqual(ambiguous('2027-02-01', '2027-02-10'));
    });

    it('keeps a day named with its month exact', () => {
      expect(parseIncidentDate('le 12 octobre', monday10h, 'fr')).toEqual({ ok: true, date: '2026-10-12' });
      expect(parseIncidentDate('le 1er août', monday10h, 'fr')).toEqual({ ok: true, date: '2026-08-01' });
      expect(parseIncidentDate('3 février 2026', monday10h, 'fr')).toEqual({ ok: true, date: '2026-02-03' });
    });

    it.each([
      ['ce mois-ci', '2026-11-01', '2026-11-23'],
      ['ce mois ci', '2026-11-01', '2026-11-23'],
      ['Ce mois-ci, deux fois', '2026-11-01', '2026-11-23'],
      ['depuis le début du mois', '2026-11-01', '2026-11-23'],
      ['cette semaine', '2026-11-23', '2026-11-23'], // Monday: the week so far is today
      ['la semaine du 9 novembre', '2026-11-09', '2026-11-15'], // 9 novembre 2026 is a Monday
      ['semaine du 12 novembre', '2026-11-09', '2026-11-15'], // a Thursday: its Monday to Sunday
      ['la semaine du 1er novembre', '2026-10-26', '2026-11-01'], // a Sunday: the week that ends on it
      ['la semaine du 9', '2026-11-09', '2026-11-15'], // no month: the last 9th
      ['la semaine du 31', '2026-10-26', '2026-11-01'], // November has no 31st: October's
      ['la semaine du 25 novembre', '2026-11-23', '2026-11-23'], // this week, begun today
      ['la semaine du 3 décembre', '2025-12-01', '2025-12-07'], // not begun this year: last year's
      ['la semaine du 29 février', '2024-02-26', '2024-03-03'], // the last February 29
      ['la semaine du 14 août 2025', '2025-08-11', '2025-08-17'],
    ])('« %s » → %s to %s', (text, from, to) => {
      expect(parseIncidentDate(text, monday10h, 'fr')).toEqual(ambiguous(from, to));
    });

    it('reads the same in English', () => {
      expect(parseIncidentDate('this month', monday10h, 'en')).toEqual(ambiguous('2026-11-01', '2026-11-23'));
      expect(parseIncidentDate('the week of November 9', monday10h, 'en')).toEqual(ambiguous('2026-11-09', '2026-11-15'));
      expect(parseIncidentDate('the week of the 12th', monday10h, 'en')).toEqual(ambiguous('2026-11-09', '2026-11-15'));
      expect(parseIncidentDate('in February', monday10h, 'en')).toEqual(ambiguous('2026-02-01', '2026-02-28'));
    });

    it('refuses a week that has not begun, and does not read « ce mois-là » / « cette semaine-là » as the current ones', () => {
      expect(parseIncidentDate('la semaine du 3 décembre 2026', monday10h, 'fr')).toEqual({ ok: false, reason: 'future' });
      expect(parseIncidentDate('ce mois-là', monday10h, 'fr')).toEqual({ ok: false, reason: 'unrecognized' });
      expect(parseIncidentDate('cette semaine-là', monday10h, 'fr')).toEqual({ ok: false, reason: 'unrecognized' });
    });
  });

  it.each(['demain', 'le 3 décembre 2026', 'dans 2 jours'])('refuses the future date « %s »', (text) => {
    expect(parseIncidentDate(text, monday10h, 'fr')).toEqual({ ok: false, reason: 'future' });
  });

  it.each(['je ne sais pas', 'en automne', '31 février 2026', ''])('does not recognize « %s »', (text) => {
    expect(parseIncidentDate(text, monday10h, 'fr')).toEqual({ ok: false, reason: 'unrecognized' });
  });

  it('uses the Québec date late in the evening, when it is already tomorrow in UTC', () => {
    const sunday2330 = new Date('2026-11-23T04:30:00Z'); // dimanche 22 novembre, 23 h 30 à Québec
    expect(parseIncidentDate('hier', sunday2330, 'fr')).toEqual({ ok: true, date: '2026-11-21' });
    expect(parseIncidentDate("aujourd'hui", sunday2330, 'fr')).toEqual({ ok: true, date: '2026-11-22' });
  });

  it('reads English dates', () => {
    expect(parseIncidentDate('yesterday', monday10h, 'en')).toEqual({ ok: true, date: '2026-11-22' });
    expect(parseIncidentDate('November 3', monday10h, 'en')).toEqual({ ok: true, date: '2026-11-03' });
    expect(parseIncidentDate('tomorrow', monday10h, 'en')).toEqual({ ok: false, reason: 'future' });
  });
});

describe('dayInPeriod: a day named after « la semaine passée » is a day of that period', () => {
  const week = { from: '2026-11-16', to: '2026-11-22' };
  it('reads a weekday or a day number inside the period, in French and in English', () => {
    expect(dayInPeriod('lundi', week)).toBe('2026-11-16');
    expect(dayInPeriod('le mardi je pense', week)).toBe('2026-11-17');
    expect(dayInPeriod('Tuesday', week)).toBe('2026-11-17');
    expect(dayInPeriod('le 18', week)).toBe('2026-11-18');
    expect(dayInPeriod('jeudi le 19', week)).toBe('2026-11-19');
    expect(dayInPeriod('dimanche', week)).toBe('2026-11-22');
  });
  it('says when several days fit, and leaves full dates, months and other answers to the date parser', () => {
    expect(dayInPeriod('lundi', { from: '2026-10-01', to: '2026-10-31' })).toBe('several');
    expect(dayInPeriod('jeudi le 18', week)).toBeUndefined();
    expect(dayInPeriod('le 3 novembre', week)).toBeUndefined();
    expect(dayInPeriod('lundi 16 novembre 2026', week)).toBeUndefined();
    expect(dayInPeriod('je ne sais plus', week)).toBeUndefined();
  });
});
