import { runCli } from '../../../bot/cli/runCli';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput, ComplaintOutcome } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { openDatabase } from '../../../domain/db/database';
import { formatIsoLocal } from '../../../domain/format/dates';
import { PeriodFactory } from '../../../domain/statistics/period';
import { StatisticsService } from '../../../domain/statistics/statisticsService';
import { Capture } from '../../helpers/capture';
import { describeEachDatabase } from '../../helpers/databases';

const calendar = BusinessCalendar.fromDataFile();
const at = (date: string, h: number) => calendar.instantAt(date, h, 0);
const input: ComplaintInput = {
  name: 'Hélène Bélanger',
  contactMethod: 'phone',
  contactValue: '819 555-0177',
  service: 'ca-dotation-phone',
  description: 'Personne ne m’a rappelée.',
};

/** How each complaint of the month is closed: its outcome, and the corrective measures taken (or none). */
const CLOSINGS: Array<[ComplaintOutcome | undefined, string | undefined]> = [
  ['founded', 'Rappel des délais à l’équipe'],
  ['founded', 'Rappel fait par Julie Gagnon au 418 555-0199'],
  ['partlyFounded', 'Formation sur le système de dotation'],
  ['partlyFounded', 'Procédure de rappel revue'],
  ['partlyFounded', 'Liste de vérification ajoutée'],
  ['unfounded', 'Page d’aide clarifiée quand même'],
  ['unfounded', undefined],
  ['unfounded', undefined],
  [undefined, undefined],
];

describeEachDatabase('closed complaints with corrective measures in the statistics', (databases) => {
  let databaseUrl: string;
  const refs: string[] = [];
  const clock = fixedClock(at('2026-10-06', 10));

  async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
    const stdout = new Capture();
    const code = await runCli(argv, { stdout, stderr: new Capture() }, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }, clock);
    return { code, out: stdout.text };
  }

  beforeAll(async () => {
    databaseUrl = await databases.url();
    const db = await openDatabase(databaseUrl);
    const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
    for (const [i] of [...CLOSINGS, [undefined, undefined]].entries()) refs.push((await complaints.create(input, { submissionId: `m-${i}` })).complaint.reference);
    clock.set(at('2026-10-08', 9));
    for (const ref of refs) await complaints.recordAnswer(ref, { actor: 'alice' });
    for (const [i, [outcome, measures]] of CLOSINGS.entries()) await complaints.close(refs[i], { actor: 'alice', outcome, correctiveMeasures: measures });
    // Closed the next month: not in October's figures.
    clock.set(at('2026-11-03', 9));
    await complaints.close(refs[CLOSINGS.length], { actor: 'alice', outcome: 'founded', correctiveMeasures: 'Hors période' });
    await db.destroy();
  });

  it('counts, with SQL aggregates, the closed complaints with corrective measures by outcome and in all', async () => {
    const db = await openDatabase(databaseUrl);
    try {
      const statistics = new StatisticsService(db, calendar, clock);
      const october = await statistics.complaints(new PeriodFactory(calendar).month('2026-10'));
      expect(october.outcomes).toEqual({ founded: 2, partlyFounded: 3, unfounded: 3, unspecified: 1 });
      expect(october.correctiveMeasures).toMatchObject({ total: 6, byOutcome: { founded: 2, partlyFounded: 3, unfounded: 1, unspecified: 0 }, truncated: false });
      // The measures themselves, for managers: masked again (no name, no phone number), with their complaint.
      const items = october.correctiveMeasures.items;
      expect(items.map((m) => [m.reference, m.outcome])).toEqual(
        CLOSINGS.map(([outcome, measures], i) => [refs[i], outcome, measures]).filter(([, , measures]) => measures).map(([ref, outcome]) => [ref, outcome]),
      );
      expect(items[0].text).toBe('Rappel des délais à l’équipe');
      expect(items[1].text).not.toMatch(/Gagnon|555/);
      expect(items[1].closedAt).toBe(formatIsoLocal(at('2026-10-08', 9)));
      const november = await statistics.complaints(new PeriodFactory(calendar).month('2026-11'));
      expect(november.correctiveMeasures).toMatchObject({ total: 1, byOutcome: { founded: 1, partlyFounded: 0, unfounded: 0, unspecified: 0 } });
      expect(november.correctiveMeasures.items.map((m) => m.text)).toEqual(['Hors période']);
      const september = await statistics.complaints(new PeriodFactory(calendar).month('2026-09'));
      expect(september.correctiveMeasures).toEqual({ total: 0, byOutcome: { founded: 0, partlyFounded: 0, unfounded: 0, unspecified: 0 }, items: [], truncated: false });
    } finally {
      await db.destroy();
    }
  });

  it('shows them in `stats`, its JSON report and the outcomes CSV section (French headers, decimal comma with « ; »)', async () => {
    const table = await cli('stats', '--period', '2026-10');
    expect(table.code).toBe(0);
    expect(table.out).toContain('Plaintes fermées selon leur conclusion\u00a0: fondée 2 · partiellement fondée 3 · non fondée 3 · non indiquée 1');
    expect(table.out).toContain('  dont avec mesures correctives\u00a0: 6 (fondée 2 · partiellement fondée 3 · non fondée 1 · non indiquée 0)');
    const english = await cli('stats', '--period', '2026-10', '--lang', 'en');
    expect(english.out).toContain('with corrective measures: 6 (');

    const json = JSON.parse((await cli('stats', '--period', '2026-10', '--format', 'json')).out);
    expect(json.complaints.correctiveMeasures).toMatchObject({ total: 6, byOutcome: { founded: 2, partlyFounded: 3, unfounded: 1, unspecified: 0 } });
    expect(table.out).toContain(`    ${refs[0]}  fondée  `);
    expect(table.out).toMatch(new RegExp(`${refs[0]}  fondée  .*2026.*  Rappel des délais à l’équipe`));
    expect(table.out).not.toContain('Gagnon');

    const csv = await cli('stats', '--period', '2026-10', '--format', 'csv', '--section', 'outcomes', '--delimiter', ';');
    expect(csv.code).toBe(0);
    const lines = csv.out.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.slice(0, 6)).toEqual([
      'Conclusion;Code;Plaintes fermées;Part (%);Avec mesures correctives;Part avec mesures correctives (%)',
      'fondée;founded;2;22,2;2;100',
      'partiellement fondée;partlyFounded;3;33,3;3;100',
      'non fondée;unfounded;3;33,3;1;33,3',
      'non indiquée;unspecified;1;11,1;0;0',
      'Total;total;9;100;6;66,7',
    ]);
    const comma = await cli('stats', '--period', '2026-10', '--format', 'csv', '--section', 'outcomes');
    expect(comma.out).toContain('Total,total,9,100,6,66.7');
  });
});
