import { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { describeCentreNow, describeOpenStatus } from '../../domain/format/openingHoursText';
import { translator } from '../../domain/i18n';
import { ServiceHours } from '../../domain/serviceHours';

const calendar = BusinessCalendar.fromDataFile();
const hours = ServiceHours.fromDataFile(calendar);
const fr = (iso: string) => describeOpenStatus(hours.status(new Date(iso)), new Date(iso), calendar, translator('fr'), 'fr');

describe('CA-dotation opening hours (seed 000) on the public-service calendar', () => {
  it.each([
    ['lundi 10 h', '2026-11-23T15:00:00Z', "Le Centre est ouvert en ce moment, jusqu'à 12\u00a0h."],
    ['lundi 8 h 30 pile', '2026-11-23T13:30:00Z', "Le Centre est ouvert en ce moment, jusqu'à 12\u00a0h."],
    ['lundi 12 h pile', '2026-11-23T17:00:00Z', "Le Centre est fermé pour le dîner. Il rouvre aujourd'hui à 13\u00a0h."],
    ['mardi 14 h', '2026-11-24T19:00:00Z', "Le Centre est ouvert en ce moment, jusqu'à 16\u00a0h\u00a030."],
    ['lundi 7 h', '2026-11-23T12:00:00Z', "Le Centre est fermé en ce moment. Il rouvre aujourd'hui à 8\u00a0h\u00a030."],
    ['mardi 17 h', '2026-11-24T22:00:00Z', 'Le Centre est fermé en ce moment. Il rouvre demain à 10\u00a0h.'],
    ['mercredi 9 h (ouverture tardive)', '2026-11-25T14:00:00Z', "Le Centre est fermé en ce moment. Il rouvre aujourd'hui à 10\u00a0h."],
    ['mercredi 10 h 15', '2026-11-25T15:15:00Z', "Le Centre est ouvert en ce moment, jusqu'à 12\u00a0h."],
    ['vendredi 16 h 30 pile', '2026-11-27T21:30:00Z', 'Le Centre est fermé en ce moment. Il rouvre lundi à 8\u00a0h\u00a030.'],
    ['samedi', '2026-11-28T15:00:00Z', 'Le Centre est fermé en ce moment. Il rouvre lundi à 8\u00a0h\u00a030.'],
    ['veille de Noël 2026', '2026-12-24T15:00:00Z', "Le Centre est fermé aujourd'hui (Veille de Noël). Il rouvre mardi à 8\u00a0h\u00a030."],
    ['31 décembre 2026 au soir', '2027-01-01T01:00:00Z', "Le Centre est fermé aujourd'hui (Veille du jour de l'An). Il rouvre mardi à 8\u00a0h\u00a030."],
    ['lundi de Pâques 2027', '2027-03-29T14:00:00Z', "Le Centre est fermé aujourd'hui (Lundi de Pâques). Il rouvre demain à 8\u00a0h\u00a030."],
    ['dimanche du passage à l’heure d’été', '2026-03-08T15:00:00Z', 'Le Centre est fermé en ce moment. Il rouvre demain à 8\u00a0h\u00a030.'],
    ['lundi après le passage à l’heure d’été, 8 h 45 HAE', '2026-03-09T12:45:00Z', "Le Centre est ouvert en ce moment, jusqu'à 12\u00a0h."],
    ['lundi après le retour à l’heure normale, 8 h 45 HNE', '2026-11-02T13:45:00Z', "Le Centre est ouvert en ce moment, jusqu'à 12\u00a0h."],
  ])('%s', (_label, iso, expected) => {
    expect(fr(iso)).toBe(expected);
  });

  it('gives the reopening as an absolute instant in Québec time', () => {
    expect(hours.nextOpening(new Date('2026-11-27T22:00:00Z')).toISOString()).toBe('2026-11-30T13:30:00.000Z');
    expect(hours.nextOpening(new Date('2026-12-23T22:00:00Z')).toISOString()).toBe('2026-12-29T13:30:00.000Z');
  });

  it('uses a full date when the reopening is more than six days away', () => {
    const t = translator('fr');
    const now = new Date('2026-12-23T22:00:00Z');
    const status = { open: false as const, opensAt: new Date('2027-01-05T13:30:00Z'), reason: 'afterClosing' as const };
    expect(describeOpenStatus(status, now, calendar, t, 'fr')).toBe('Le Centre est fermé en ce moment. Il rouvre le mardi 5 janvier 2027 à 8\u00a0h\u00a030.');
  });

  it('says the same as the status itself at every minute of a week, at its first and last instant, in both languages (the text is remembered per minute)', () => {
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    for (const lang of ['fr', 'en'] as const) {
      const t = translator(lang);
      for (let minute = 0; minute < 7 * 24 * 60; minute += 1) {
        for (const offset of [0, 59_999, 30_000]) {
          const now = new Date(start + minute * 60_000 + offset);
          expect(describeCentreNow(hours, now, calendar, t, lang)).toBe(describeOpenStatus(hours.status(now), now, calendar, t, lang));
        }
      }
    }
  });
});
