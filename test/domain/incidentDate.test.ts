import { parseIncidentDate } from '../../domain/complaints/incidentDate';

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
