import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
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
import { tempDir } from '../../helpers/tempDir';

const calendar = BusinessCalendar.fromDataFile();
const at = (date: string, h: number, m = 0) => calendar.instantAt(date, h, m);

const input: ComplaintInput = {
  name: 'Jean Untel',
  contactMethod: 'phone',
  contactValue: '418 555-0199',
  service: 'ca-dotation-phone',
  description: 'Ligne 1\nLigne 2 \u001b[31mrouge\u001b[0m',
};

describeEachDatabase('staff command line', (databases) => {
  const dir = tempDir();
  let databaseUrl: string;
  const clock = fixedClock(at('2026-10-06', 10));
  const refs: string[] = [];

  /** Runs one command line as `npm run cli -- …` would, in-process. */
  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(argv, { stdout, stderr }, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }, clock);
    return { code, out: stdout.text, err: stderr.text };
  }

  beforeAll(async () => {
    databaseUrl = await databases.url();
    const db = await openDatabase(databaseUrl);
    const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
    refs.push((await complaints.create(input, { submissionId: 'cli-1' })).complaint.reference);
    clock.set(at('2026-10-06', 11));
    refs.push((await complaints.create({ ...input, service: 'online-exams', description: '=1+1' }, { submissionId: 'cli-2' })).complaint.reference);
    clock.set(at('2026-10-19', 9));
    refs.push((await complaints.create({ ...input, service: 'other' }, { submissionId: 'cli-3' })).complaint.reference);
    const incidents = new ExamIncidentService(new ExamIncidentRepository(db), calendar, ServiceHours.fromDataFile(calendar), clock);
    await incidents.report({ examInProgress: true, problemKind: 'frozen', examName: '=Examen 42', browser: 'Firefox' }, { submissionId: 'inc-1' });
    await db.destroy();
    clock.set(at('2026-10-14', 9)); // due date of refs 0 and 1 (5th business day, after Thanksgiving)
  });
  afterAll(() => dir.cleanup());

  it('has --help on every command, in French and in English', async () => {
    for (const command of [
      ['complaints'],
      ['complaints', 'list'],
      ['complaints', 'show'],
      ['complaints', 'contact'],
      ['complaints', 'answer'],
      ['complaints', 'close'],
      ['complaints', 'export'],
      ['stats'],
      ['incidents', 'list'],
      ['incidents', 'export'],
    ]) {
      const fr = await cli(...command, '--help');
      expect(fr.code).toBe(0);
      expect(fr.out).toContain('Utilisation\u00a0:');
      expect(fr.out).toMatch(/langue des messages/);
    }
    const en = await cli('complaints', 'export', '--help', '--lang', 'en');
    expect(en.out).toMatch(/Export complaints as CSV/);
    expect(en.out).toMatch(/";" for Excel in French/);
  });

  it('lists complaints with where each clock stands', async () => {
    const { code, out } = await cli('complaints', 'list');
    expect(code).toBe(0);
    expect(out).not.toContain('ATTENTION');
    expect(out).toContain(refs[0]);
    expect(out).toMatch(/Référence\s+Statut\s+Service\s+Reçue le/);
    expect(out).toContain("2026-10-14 · échéance aujourd'hui");
    expect(out).toContain('3 plaintes.');
  });

  it('filters: status, service, due today / at risk, overdue, dates', async () => {
    expect((await cli('complaints', 'list', '--at-risk')).out).toContain('2 plaintes.');
    expect((await cli('complaints', 'list', '--overdue')).out).toContain('Aucune plainte ne correspond.');
    expect((await cli('complaints', 'list', '--service', 'other')).out).toContain(refs[2]);
    expect((await cli('complaints', 'list', '--from', '2026-10-07', '--to', '2026-10-31')).out).toContain('1 plainte.');
    const json = JSON.parse((await cli('complaints', 'list', '--status', 'received,contacted', '--format', 'json', '--limit', '2')).out) as Array<{
      reference: string;
      clocks: unknown;
    }>;
    expect(json.map((c) => c.reference)).toEqual(refs.slice(0, 2));
    expect(json[0].clocks).toMatchObject({ firstContact: { state: 'dueToday', dueDate: '2026-10-14' } });
  });

  it('explains a bad option with exit code 2, in French or in English', async () => {
    const date = await cli('complaints', 'list', '--from', '2026-02-30');
    expect(date).toMatchObject({ code: 2, out: '' });
    expect(date.err).toContain('--from\u00a0: date invalide «\u00a02026-02-30\u00a0»');
    expect((await cli('complaints', 'list', '--from', 'hier', '--lang', 'en')).err).toContain('--from: invalid date "hier". Expected YYYY-MM-DD');
    expect(await cli('complaints', 'list', '--status', 'ouverte')).toMatchObject({ code: 2 });
    expect(await cli('complaints', 'list', '--frobnicate')).toMatchObject({ code: 2 });
    expect(await cli('complaints', 'export', '--delimiter', '|')).toMatchObject({ code: 2 });
    expect(await cli('complaints', 'contact', refs[0], '--at', 'hier')).toMatchObject({ code: 2 });
  });

  it('shows a complaint and its history, control characters made visible', async () => {
    const { code, out } = await cli('complaints', 'show', refs[0].toLowerCase());
    expect(code).toBe(0);
    expect(out).toContain(`Plainte ${refs[0]} — reçue`);
    expect(out).toContain('Pour joindre la personne\u00a0: Téléphone — 418\u00a0555-0199');
    expect(out).toContain('  Ligne 1\n  Ligne 2 \\x1b[31mrouge\\x1b[0m');
    expect(out).not.toContain('\u001b');
    expect(out).toContain("Premier contact (5 jours ouvrables)\u00a0: mercredi 14 octobre 2026 · échéance aujourd'hui");
    expect(out).toContain('Reçue le\u00a0: mardi 6 octobre 2026 à 10\u00a0h');
    expect(out).toContain('  mardi 6 octobre 2026 à 10\u00a0h — plainte reçue — citoyen');
  });

  it('answers 3 for an unknown reference and 2 for a malformed one', async () => {
    expect(await cli('complaints', 'show', 'PL-2026-999999')).toEqual({ code: 3, out: '', err: 'Aucune plainte ne porte la référence PL-2026-999999.\n' });
    expect((await cli('complaints', 'show', 'PL-2026-999999', '--lang', 'en')).err).toBe('No complaint has the reference PL-2026-999999.\n');
    expect(await cli('complaints', 'contact', 'PL-2026-999999', '--result', 'joint')).toMatchObject({ code: 3 });
    expect(await cli('complaints', 'show', 'n-importe-quoi')).toMatchObject({ code: 2 });
  });

  it('records a contact on the 5th business day (on time), with --by or the system user as the actor', async () => {
    const contact = await cli('complaints', 'contact', refs[0], '--result', 'joint', '--note', 'Appel fait', '--by', 'Alice Tremblay');
    expect(contact.code).toBe(0);
    expect(contact.out).toContain(`Premier contact consigné pour ${refs[0]} par Alice Tremblay (téléphone, personne jointe). Statut\u00a0: prise en charge.`);
    expect(contact.out).toContain('fait dans le délai');
    clock.set(at('2026-10-15', 9));
    const late = await cli('complaints', 'contact', refs[1], '--result', 'joint');
    expect(late.out).toContain('fait avec 1 jour ouvrable de retard');
    const history = (await cli('complaints', 'show', refs[1], '--format', 'json')).out;
    expect(JSON.parse(history).history[1]).toMatchObject({ type: 'contact_attempt', actor: userInfo().username, note: null, contactResult: 'reached' });
  });

  it('refuses a step out of order with exit code 1 and says why', async () => {
    const close = await cli('complaints', 'close', refs[2], '--outcome', 'non fondée');
    expect(close.code).toBe(1);
    expect(close.err).toContain(`La plainte ${refs[2]} est «\u00a0reçue\u00a0»\u00a0: cette étape n'est pas possible.`);
    expect(await cli('complaints', 'abandon', refs[2])).toMatchObject({ code: 2 }); // --note is required
  });

  it('answers and closes, with a past time read in Québec time', async () => {
    const answer = await cli('complaints', 'answer', refs[0], '--note', 'Réponse envoyée', '--at', '2026-10-14T16:45', '--by', 'bob');
    expect(answer.code).toBe(0);
    expect(answer.out).toContain('(2026-10-14T16:45:00-04:00)');
    expect((await cli('complaints', 'close', refs[0], '--by', 'bob', '--outcome', 'non-fondee')).code).toBe(0);
    expect((await cli('complaints', 'note', refs[0], '--note', 'Classé', '--by', 'bob')).code).toBe(0);
    const shown = (await cli('complaints', 'show', refs[0])).out;
    expect(shown).toMatch(/réponse donnée — bob «\u00a0Réponse envoyée\u00a0»/);
    expect(shown).toContain('Conclusion\u00a0: non fondée');
    expect(shown).toMatch(/plainte fermée — bob/);
    expect(shown).toMatch(/note — bob «\u00a0Classé\u00a0»/);
  });

  it('exports CSV to standard output (BOM, semicolons, neutralized formulas) and JSON, or to a new file', async () => {
    const csv = await cli('complaints', 'export', '--format', 'csv', '--delimiter', ';', '--from', '2026-10-01', '--to', '2026-10-31', '--include-personal');
    expect(csv.code).toBe(0);
    expect(csv.out.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.out.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Référence;Code du statut;Statut;/);
    expect(lines).toHaveLength(3 + 2);
    expect(csv.out).toContain(";'=1+1;");
    expect(csv.out).toContain('"Ligne 1\nLigne 2 \ufffd[31mrouge\ufffd[0m"'); // line break quoted, escape character never written raw
    expect(csv.out).not.toContain('\u001b');

    const json = JSON.parse((await cli('complaints', 'export', '--format', 'json', '--status', 'closed')).out) as Array<Record<string, unknown>>;
    expect(json).toEqual([expect.objectContaining({ reference: refs[0], status: 'closed', firstContactOnTime: true, firstContactBusinessDays: 5 })]);
    expect(json[0]).not.toHaveProperty('description');

    const file = join(dir.path, 'plaintes.csv');
    expect(await cli('complaints', 'export', '--output', file)).toMatchObject({ code: 0, out: '' });
    expect(readFileSync(file, 'utf8')).toContain(refs[2]);
    const again = await cli('complaints', 'export', '--output', file);
    expect(again.code).toBe(1);
    expect(again.err).toContain('existe déjà');
  });

  it('prints the statistics of a month as a table, CSV or JSON', async () => {
    const table = await cli('stats', '--period', '2026-10');
    expect(table.code).toBe(0);
    expect(table.out).toContain('Statistiques — 2026-10 (du 1er octobre 2026 au 31 octobre 2026)');
    expect(table.out).toMatch(/Premier contact \(5 jours ouvrables\)\s+1\s+1\s+50,0\s%\s+95\s%\s+non atteinte/);
    expect(table.out).toContain(`${refs[1]}  Premier contact (5 jours ouvrables)  échéance 14 octobre 2026  fait le 15 octobre 2026 à 9\u00a0h (6 j. ouvr.)`);
    const json = JSON.parse((await cli('stats', '--from', '2026-10-01', '--to', '2026-10-31', '--format', 'json')).out);
    expect(json.complaints.totals.firstContact).toMatchObject({ onTime: 1, late: 1, percentOnTime: 50, met: false });
    const csv = await cli('stats', '--period', '2026-10', '--format', 'csv', '--section', 'breaches', '--delimiter', ';');
    expect(csv.out.slice(1).split('\r\n')[1]).toBe(
      `${refs[1]};Premier contact (5 jours ouvrables);Examens en ligne;prise en charge;2026-10-06;2026-10-14;2026-10-15T09:00:00-04:00;6`,
    );
    const english = await cli('stats', '--period', '2026-10', '--lang', 'en');
    expect(english.out).toMatch(/First contact \(5 business days\)\s+1\s+1\s+50\.0%\s+95%\s+missed/);
  });

  it('refuses an invalid or ambiguous period with exit code 2', async () => {
    expect((await cli('stats', '--fiscal-year', '2026-2028')).err).toContain('--fiscal-year\u00a0: exercice invalide «\u00a02026-2028\u00a0»');
    expect((await cli('stats', '--period', '2026-10', '--fiscal-year', '2026-2027')).code).toBe(2);
    expect((await cli('stats', '--from', '2026-10-01')).err).toContain('Indiquez --from et --to ensemble.');
    expect((await cli('stats', '--format', 'xml')).code).toBe(2);
  });

  it('lists and exports exam incidents through the exam domain', async () => {
    const list = await cli('incidents', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/EX-2026-000001\s+2026-10-19 09:00\s+Page figée[^\n]*\s+urgente\s+Appeler maintenant/);
    const csv = await cli('incidents', 'export', '--format', 'csv');
    expect(csv.out.slice(1).split('\r\n')[0]).toMatch(/^Référence,Signalé le,/);
    expect(csv.out).toContain(",'=Examen 42,");
    expect(JSON.parse((await cli('incidents', 'export', '--format', 'json', '--kind', 'timer')).out)).toEqual([]);
    expect((await cli('incidents', 'list', '--route', 'pigeon')).code).toBe(2);
  });

  it('warns staff in the list when reminder e-mails are failing', async () => {
    const db = await openDatabase(databaseUrl);
    await db('reminder_digests').insert({
      created_at: '2026-10-14T12:00:00.000Z',
      status: 'failed',
      attempts: 2,
      next_attempt_at: '2026-10-14T13:00:00.000Z',
      last_error_code: 'EAUTH',
      recipients: 'equipe@exemple.ca',
      subject: 'Rappel',
      text_body: 'x',
      html_body: 'x',
      alert_count: 1,
    });
    await db.destroy();
    expect((await cli('complaints', 'list')).out).toContain('ATTENTION\u00a0: 1 courriel(s) de rappel des délais en échec (dernière erreur\u00a0: EAUTH).');
  });

  it('does not create a database file for a usage error', async () => {
    const other = join(dir.path, 'jamais.sqlite');
    const code = await runCli(
      ['complaints', 'list', '--from', 'x'],
      { stdout: new Capture(), stderr: new Capture() },
      { DATABASE_URL: `sqlite:${other}` },
      clock,
    );
    expect(code).toBe(2);
    expect(existsSync(other)).toBe(false);
    writeFileSync(join(dir.path, 'marker'), '');
  });
});
