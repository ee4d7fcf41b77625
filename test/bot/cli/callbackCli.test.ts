import { createCallbackService } from '../../../bot/callbackServices';
import { runCli } from '../../../bot/cli/runCli';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { Database, openDatabase } from '../../../domain/db/database';
import { ServiceHours } from '../../../domain/serviceHours';
import { StaffDirectory } from '../../../domain/staff/staffDirectory';
import { Capture } from '../../helpers/capture';
import { tempDatabaseUrl, tempDir } from '../../helpers/tempDir';

// Monday, November 23, 2026, 10 h in Québec.
const NOW = '2026-11-23T15:00:00Z';
const calendar = BusinessCalendar.fromDataFile();
const TOKENS = 'staff:alice:staff-token-aaaaaaaaaaaaaaaaaaaaaaaa,manager:bob:manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';

describe('callbacks on the command line', () => {
  let dir: ReturnType<typeof tempDir>;
  let databaseUrl: string;
  let db: Database;
  let refs: string[];

  beforeEach(async () => {
    dir = tempDir();
    databaseUrl = tempDatabaseUrl(dir.path);
    db = await openDatabase(databaseUrl);
    const service = createCallbackService(db, calendar, ServiceHours.fromDataFile(calendar), fixedClock(NOW), new StaffDirectory([]));
    refs = [];
    for (const [i, slot] of [{ date: '2026-11-23', period: 'afternoon' }, { date: '2026-11-24', period: 'morning' }].entries())
      refs.push((await service.create({ phone: '819 555-0177', subject: `Sujet ${i}`, slot: slot as { date: string; period: 'morning' } }, { submissionId: `c-${i}` })).callback.reference);
  });
  afterEach(async () => {
    await db.destroy();
    dir.cleanup();
  });

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(argv, { stdout, stderr }, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ADMIN_TOKENS: TOKENS }, fixedClock('2026-11-23T19:00:00Z'));
    return { code, out: stdout.text, err: stderr.text };
  }

  it('lists, assigns, records the attempts and shows who did what', async () => {
    const list = await cli('callbacks', 'list');
    expect(list.code).toBe(0);
    expect(list.out.trim().split('\n')).toHaveLength(2);
    expect(list.out).toContain(`${refs[0]}  à rappeler  lundi 23 novembre, après-midi (13\u00a0h à 16\u00a0h\u00a030)  819\u00a0555-0177  (non assignée)`);
    expect(await cli('callbacks', 'assign', refs[0], '--to', 'moi', '--as', 'Alice')).toMatchObject({ code: 0, out: `Demande ${refs[0]}\u00a0: à rappeler.\n` });
    expect((await cli('callbacks', 'list', '--mine', '--as', 'alice')).out).toContain(refs[0]);
    expect((await cli('callbacks', 'list', '--unassigned')).out).not.toContain(refs[0]);
    expect((await cli('callbacks', 'attempt', refs[0], '--as', 'alice')).out).toContain('sans réponse, à rappeler');
    expect((await cli('callbacks', 'done', refs[0], '--result', 'message-left', '--note', 'Boîte vocale', '--as', 'bob')).out).toContain('rappel effectué');
    const shown = await cli('callbacks', 'show', refs[0]);
    expect(shown.out).toContain('Résultat\u00a0: message laissé');
    expect(shown.out).toMatch(/alice {2}tentative, pas de réponse/);
    expect(shown.out).toMatch(/bob {2}rappel effectué, message laissé {2}Boîte vocale/);
    expect(await cli('callbacks', 'done', refs[0], '--as', 'alice')).toMatchObject({ code: 1, err: `La demande ${refs[0]} est déjà fermée (rappel effectué).\n` });
  });

  it('refuses what it cannot do, with the French exit codes of the staff commands', async () => {
    expect((await cli('callbacks', 'cancel', refs[1], '--as', 'alice')).code).toBe(2);
    expect((await cli('callbacks', 'show', 'RA-2026-999999')).code).toBe(3);
    expect((await cli('callbacks', 'show', 'PL-2026-000001')).code).toBe(2);
    expect((await cli('callbacks', 'assign', refs[1], '--to', 'zoé', '--as', 'alice')).code).toBe(2);
    expect((await cli('callbacks', 'list', '--status', 'bogus')).code).toBe(2);
    expect((await cli('callbacks', 'attempt', refs[1], '--result', 'peut-être', '--as', 'alice')).code).toBe(2);
    expect((await cli('callbacks', 'cancel', refs[1], '--note', 'Doublon', '--as', 'alice')).out).toContain('annulée');
    const help = await cli('callbacks', '--help');
    expect(help.out).toContain('Utilisation\u00a0:');
    expect(help.out).toContain('list');
  });

  it('purge-callbacks erases personal information after CALLBACK_RETENTION_DAYS; stats count the callbacks', async () => {
    expect((await cli('purge-callbacks', '--now', '2027-01-15T12:00:00Z')).out).toContain('Demandes de rappel anonymisées\u00a0: 0');
    expect((await cli('purge-callbacks', '--now', '2027-03-15T12:00:00Z')).out).toContain('Demandes de rappel anonymisées\u00a0: 2');
    expect(await db('callbacks').pluck('phone')).toEqual(['', '']);
    const stats = await cli('stats', '--from', '2026-11-01', '--to', '2026-11-30');
    expect(stats.out).toContain('Demandes de rappel');
    expect(stats.out).toContain('Demandes reçues\u00a0: 2');
    const csv = await cli('stats', '--format', 'csv', '--section', 'callbacks', '--from', '2026-11-01', '--to', '2026-11-30');
    expect(csv.code).toBe(0);
    expect(csv.out).toContain('Demandes de rappel reçues,2');
  });
});
