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
    ['la semaine passée', '2026-11-16'],
    ['3 novembre 2026', '2026-11-03'],
    ['03/11/2026', '2026-11-03'],
    ['2026-11-03', '2026-11-03'],
    ["ça s'est passé le 12 octobre vers 14 h", '2026-10-12'],
    ['le 3 décembre', '2025-12-03'],
  ])('« %s » → %s', (text, date) => {
    expect(parseIncidentDate(text, monday10h, 'fr')).toEqual({ ok: true, date });
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
