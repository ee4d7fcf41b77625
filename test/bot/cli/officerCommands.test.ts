import { runCli } from '../../../bot/cli/runCli';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { openDatabase } from '../../../domain/db/database';
import { ExamIncidentRepository } from '../../../domain/exams/examIncidentRepository';
import { ExamIncidentService } from '../../../domain/exams/examIncidentService';
import { ServiceHours } from '../../../domain/serviceHours';
import { Capture } from '../../helpers/capture';
import { describeEachDatabase } from '../../helpers/databases';

const calendar = BusinessCalendar.fromDataFile();
const at = (date: string, h: number, m = 0) => calendar.instantAt(date, h, m);
const ADMIN_TOKENS = `staff:alice:staff-token-aaaaaaaaaaaaaaaaaaaaaaaa:alice@exemple.gouv.qc.ca,manager:Bob:manager-token-bbbbbbbbbbbbbbbbbbbbbbbb`;

const input: ComplaintInput = {
  name: 'Hélène Bélanger',
  contactMethod: 'phone',
  contactValue: '819 555-0177',
  service: 'ca-dotation-phone',
  description: 'Personne ne m’a rappelée après trois appels.',
};

describeEachDatabase('officers’ command line', (databases) => {
  let databaseUrl: string;
  const clock = fixedClock(at('2026-10-06', 10));
  const refs: string[] = [];
  let incident: string;

  async function cli(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(argv, { stdout, stderr }, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ADMIN_TOKENS, ...env }, clock);
    return { code, out: stdout.text, err: stderr.text };
  }

  beforeAll(async () => {
    databaseUrl = await databases.url();
    const db = await openDatabase(databaseUrl);
    const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
    refs.push((await complaints.create(input, { submissionId: 'o-1' })).complaint.reference);
    refs.push((await complaints.create({ ...input, name: 'Jean Tremblay', contactMethod: 'email', contactValue: 'jean@exemple.ca' }, { submissionId: 'o-2' })).complaint.reference);
    const incidents = new ExamIncidentService(new ExamIncidentRepository(db), calendar, ServiceHours.fromDataFile(calendar), clock);
    incident = (await incidents.report({ examInProgress: true, problemKind: 'frozen' }, { submissionId: 'i-1' })).incident.reference;
    await db.destroy();
    clock.set(at('2026-10-07', 9));
  });

  it('asks who runs a command that changes something, and refuses a name ADMIN_TOKENS does not hold', async () => {
    const missing = await cli(['complaints', 'assign', refs[0], 'alice']);
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toBe('Indiquez qui vous êtes\u00a0: --as <nom> ou la variable STAFF_NAME. Noms du personnel\u00a0: alice, Bob.\n');
    const unknown = await cli(['complaints', 'assign', refs[0], 'alice', '--as', 'root']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('«\u00a0root\u00a0» ne fait pas partie du personnel nommé dans ADMIN_TOKENS.');
    expect((await cli(['complaints', 'contact', refs[0], '--result', 'joint', '--as', 'root', '--lang', 'en'])).err).toContain(
      '“root” is not one of the staff named in ADMIN_TOKENS',
    );
    // Read-only commands need no name.
    expect((await cli(['complaints', 'list'])).code).toBe(0);
    expect((await cli(['complaints', 'show', refs[0]])).code).toBe(0);
    // Exports stay the managers'.
    const staffExport = await cli(['complaints', 'export', '--as', 'alice']);
    expect(staffExport).toMatchObject({ code: 1, out: '' });
    expect(staffExport.err).toContain('réservée aux gestionnaires; alice a le rôle «\u00a0personnel\u00a0»');
    expect((await cli(['complaints', 'export'], { STAFF_NAME: 'bob' })).code).toBe(0);
    expect((await cli(['incidents', 'export', '--as', 'alice'])).code).toBe(1);
  });

  it('assigns, reassigns and unassigns, lists « mes plaintes » and the unassigned ones, and shows it all in the history', async () => {
    const assigned = await cli(['complaints', 'assign', refs[0], 'ALICE', '--as', 'bob']);
    expect(assigned).toMatchObject({ code: 0, err: '' });
    expect(assigned.out).toBe(`Plainte ${refs[0]} assignée à alice par Bob.\n`);
    expect((await cli(['complaints', 'assign', refs[0], 'moi'], { STAFF_NAME: 'alice' })).out).toContain('Aucun changement');
    const mine = await cli(['complaints', 'list', '--mine'], { STAFF_NAME: 'alice' });
    expect(mine.out).toContain(refs[0]);
    expect(mine.out).not.toContain(refs[1]);
    expect(mine.out).toMatch(/Assignée à/);
    expect((await cli(['complaints', 'list', '--unassigned', '--format', 'json'])).out).toContain(refs[1]);
    expect((await cli(['complaints', 'list', '--mine'])).code).toBe(2); // --mine needs a name
    expect((await cli(['complaints', 'list', '--mine', '--unassigned', '--as', 'alice'])).code).toBe(2);
    const unknownOfficer = await cli(['complaints', 'assign', refs[1], 'carole', '--as', 'bob']);
    expect(unknownOfficer.code).toBe(2);
    expect(unknownOfficer.err).toContain('«\u00a0carole\u00a0» ne fait pas partie du personnel');
    clock.set(at('2026-10-07', 10));
    expect((await cli(['complaints', 'assign', refs[0], 'bob', '--as', 'alice', '--note', 'Vacances'])).code).toBe(0);
    expect((await cli(['complaints', 'unassign', refs[0], '--as', 'Bob'])).out).toContain('désassignée par Bob');
    expect((await cli(['complaints', 'assign', refs[0], 'alice', '--as', 'bob'])).code).toBe(0);
    const shown = (await cli(['complaints', 'show', refs[0]])).out;
    expect(shown).toContain('Responsable\u00a0: alice (depuis le mercredi 7 octobre 2026 à 10\u00a0h)');
    expect(shown).toContain('assignée à alice — Bob');
    expect(shown).toContain('réassignée de alice à Bob — alice «\u00a0Vacances\u00a0»');
    expect(shown).toContain('assignation retirée (était\u00a0: Bob) — Bob');
  });

  it('searches by name without accents, by phone in the local format, and filters by the French status names', async () => {
    expect((await cli(['complaints', 'search', 'helene', 'belanger'])).out).toContain('1 plainte.');
    const phone = await cli(['complaints', 'list', '--search', '819 555-0177', '--format', 'json']);
    expect(JSON.parse(phone.out).map((c: { reference: string }) => c.reference)).toEqual([refs[0]]);
    expect((await cli(['complaints', 'list', '--search', 'jean@exemple.ca'])).out).toContain(refs[1]);
    expect((await cli(['complaints', 'list', '--search', '--'])).code).toBe(2);
    expect((await cli(['complaints', 'list', '--status', 'Reçue'])).out).toContain('2 plaintes.');
    expect((await cli(['complaints', 'list', '--status', 'prise en charge'])).out).toContain('Aucune plainte ne correspond.');
    const wrong = await cli(['complaints', 'list', '--status', 'ouverte']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('Choix\u00a0: reçue, prise en charge, répondue, fermée, abandonnée.');
  });

  it('records a message left without stopping the 5-day clock, then the person reached', async () => {
    expect((await cli(['complaints', 'contact', refs[1], '--as', 'alice'])).err).toContain('--result est obligatoire');
    const left = await cli(['complaints', 'contact', refs[1], '--result', 'message', '--note', 'Boîte vocale', '--as', 'alice']);
    expect(left.code).toBe(0);
    expect(left.out).toContain(`Tentative de contact consignée pour ${refs[1]} par alice (courriel, message laissé). Le délai de 5 jours ouvrables continue.`);
    expect(left.out).toContain('Statut\u00a0: reçue.');
    expect((await cli(['complaints', 'list', '--status', 'reçue'])).out).toContain(refs[1]);
    clock.set(at('2026-10-08', 9));
    const reached = await cli(['complaints', 'contact', refs[1], '--result', 'joint', '--channel', 'téléphone', '--as', 'alice']);
    expect(reached.out).toContain('Premier contact consigné');
    expect(reached.out).toContain('(téléphone, personne jointe). Statut\u00a0: prise en charge.');
    expect(reached.out).toContain('fait dans le délai');
    const shown = (await cli(['complaints', 'show', refs[1]])).out;
    expect(shown).toContain('tentative de contact (courriel)\u00a0: message laissé — alice «\u00a0Boîte vocale\u00a0»');
    expect(shown).toContain('jeudi 8 octobre 2026 à 9\u00a0h — tentative de contact (téléphone)\u00a0: personne jointe — alice');
    expect((await cli(['complaints', 'contact', refs[1], '--result', 'peut-être', '--as', 'alice'])).code).toBe(2);
  });

  it('closes with the outcome, requires the corrective measures of a founded complaint, and shows them', async () => {
    expect((await cli(['complaints', 'answer', refs[1], '--as', 'alice'])).code).toBe(0);
    expect((await cli(['complaints', 'close', refs[1], '--as', 'alice'])).err).toContain('--outcome est obligatoire');
    const noMeasures = await cli(['complaints', 'close', refs[1], '--outcome', 'fondée', '--as', 'alice']);
    expect(noMeasures.code).toBe(2);
    expect(noMeasures.err).toContain('--measures est obligatoire');
    const closed = await cli(['complaints', 'close', refs[1], '--outcome', 'Partiellement fondée', '--measures', 'Rappel des délais à l’équipe.', '--as', 'alice']);
    expect(closed.out).toContain('Conclusion\u00a0: partiellement fondée.');
    const shown = (await cli(['complaints', 'show', refs[1]])).out;
    expect(shown).toContain('Conclusion\u00a0: partiellement fondée');
    expect(shown).toContain('Mesures correctives\u00a0:\n  Rappel des délais à l’équipe.');
    expect(JSON.parse((await cli(['complaints', 'show', refs[1], '--format', 'json'])).out)).toMatchObject({
      outcome: 'partlyFounded',
      correctiveMeasures: 'Rappel des délais à l’équipe.',
      contactDisplay: 'jean@exemple.ca',
    });
  });

  it('takes an exam incident in charge, resolves it and lists by status and by who took it', async () => {
    expect((await cli(['incidents', 'take', incident])).code).toBe(2);
    const taken = await cli(['incidents', 'take', incident.toLowerCase(), '--as', 'alice', '--note', 'Rappel au 418 555-0199']);
    expect(taken.out).toBe(`Problème ${incident} pris en charge par alice. Statut\u00a0: pris en charge.\n`);
    const again = await cli(['incidents', 'take', incident, '--as', 'bob']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('est «\u00a0pris en charge\u00a0»');
    expect((await cli(['incidents', 'list', '--status', 'pris en charge', '--mine', '--as', 'alice'])).out).toContain(incident);
    expect((await cli(['incidents', 'list', '--status', 'résolu'])).out).toContain('Aucun problème signalé ne correspond.');
    expect((await cli(['incidents', 'resolve', incident, '--as', 'alice'])).code).toBe(2); // --note is required
    expect((await cli(['incidents', 'resolve', incident, '--as', 'alice', '--note', 'Temps ajouté à la séance'])).code).toBe(0);
    const shown = (await cli(['incidents', 'show', incident])).out;
    expect(shown).toContain(`Problème ${incident} — résolu`);
    expect(shown).toContain('pris en charge — alice «\u00a0Rappel au [téléphone]\u00a0»');
    expect(shown).toContain('résolu — alice «\u00a0Temps ajouté à la séance\u00a0»');
    expect((await cli(['incidents', 'show', 'EX-2026-999999'])).code).toBe(3);
    expect((await cli(['incidents', 'show', 'PL-2026-000001'])).code).toBe(2);
  });
});
