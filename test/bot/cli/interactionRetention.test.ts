import { runCli } from '../../../bot/cli/runCli';
import { fixedClock } from '../../../domain/clock';
import { Database, openDatabase } from '../../../domain/db/database';
import { InteractionRepository, InteractionRow } from '../../../domain/db/interactionRepository';
import { Capture } from '../../helpers/capture';
import { describeEachDatabase } from '../../helpers/databases';

function row(occurredAt: string): InteractionRow {
  return {
    occurredAt: new Date(occurredAt),
    channelId: 'test',
    conversationId: `c-${occurredAt}`,
    direction: 'in',
    activityType: 'message',
    redacted: false,
    activityJson: '{}',
  };
}

describeEachDatabase('npm run cli -- purge-interactions', (databases) => {
  let databaseUrl: string;
  let db: Database;

  beforeAll(async () => {
    databaseUrl = await databases.url();
  });
  beforeEach(async () => {
    db = await openDatabase(databaseUrl);
    await db('interactions').delete();
    await new InteractionRepository(db).insertMany([row('2025-01-10T12:00:00Z'), row('2025-12-01T12:00:00Z'), row('2026-01-19T12:00:00Z')]);
  });
  afterEach(async () => db.destroy());

  async function cli(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(argv, { stdout, stderr }, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env }, fixedClock('2026-01-20T12:00:00Z'));
    return { code, out: stdout.text, err: stderr.text };
  }
  const remaining = async () => Number(((await db('interactions').count({ n: '*' })) as Array<{ n: number }>)[0].n);

  it('deletes the rows older than INTERACTION_RETENTION_DAYS (365 by default)', async () => {
    const result = await cli({}, 'purge-interactions');
    expect(result).toEqual({
      code: 0,
      out: 'Interactions supprimées\u00a0: 1 (antérieures au 2025-01-20T12:00:00.000Z, conservation de 365 jours).\n',
      err: '',
    });
    expect(await remaining()).toBe(2);
  });

  it('takes another period or moment for one run', async () => {
    expect((await cli({}, 'purge-interactions', '--days', '30')).out).toContain('Interactions supprimées\u00a0: 2');
    expect(await remaining()).toBe(1);
    expect((await cli({}, 'purge-interactions', '--now', '2027-01-20T12:00:00Z', '--days', '1')).out).toContain('Interactions supprimées\u00a0: 1');
  });

  it.each([['0'], ['-5'], ['abc'], ['4000'], ['2.5']])('refuses --days %s with exit code 2 and deletes nothing', async (days) => {
    const result = await cli({}, 'purge-interactions', '--days', days);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`--days\u00a0: nombre de jours invalide «\u00a0${days}\u00a0» (entier de 1 à 3650).`);
    expect(await remaining()).toBe(3);
  });

  it('refuses an invalid --now', async () => {
    const result = await cli({}, 'purge-interactions', '--now', 'hier');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--now\u00a0: date invalide «\u00a0hier\u00a0»');
  });
});
