import { runCli } from '../../../bot/cli/runCli';
import { loadConfig } from '../../../bot/config';
import { lookupThrottlePolicies } from '../../../bot/services';
import { createLogger } from '../../../bot/logger';
import { stateRetentionJob } from '../../../bot/retentionJobs';
import { fixedClock } from '../../../domain/clock';
import { LookupThrottle } from '../../../domain/complaints/lookupThrottle';
import { Database, openDatabase } from '../../../domain/db/database';
import { StateRepository } from '../../../domain/db/stateRepository';
import { Capture } from '../../helpers/capture';
import { describeEachDatabase } from '../../helpers/databases';

const NOW = '2026-01-20T12:00:00Z';
const DRAFT = { dialogState: { complaint: { name: 'Marie Tremblay', contactValue: 'marie.tremblay@exemple.qc.ca' } } };

describeEachDatabase('conversation state retention (purge-state and the daily job)', (databases) => {
  let databaseUrl: string;
  const clock = fixedClock(NOW);
  let db: Database;

  /** Drafts last written 45, 31 and 29 days before NOW, and one lookup counter ended, one running. */
  beforeAll(async () => {
    databaseUrl = await databases.url();
  });
  beforeEach(async () => {
    db = await openDatabase(databaseUrl);
    await db('bot_state').delete();
    await db('lookup_throttle').delete();
    const state = new StateRepository(db, clock);
    for (const [key, at] of [
      ['emulator/conversations/c-45', '2025-12-06T12:00:00Z'],
      ['emulator/conversations/c-31', '2025-12-20T11:00:00Z'],
      ['emulator/conversations/c-29', '2025-12-22T12:00:00Z'],
    ]) {
      clock.set(at);
      await state.write(key, DRAFT);
    }
    clock.set(NOW);
    const long = { maxFailures: 3, windowMinutes: 240, lockMinutes: 15 };
    clock.set('2026-01-20T09:00:00Z'); // counts until 13:00
    await new LookupThrottle(db, clock, { conversation: long, reference: long, address: long }).guard(
      { conversation: 'running' },
      'PL-2026-000002',
      async () => undefined,
    );
    clock.set('2026-01-20T10:00:00Z'); // counts until 11:00
    await new LookupThrottle(db, clock, lookupThrottlePolicies(loadConfig({}))).guard({ conversation: 'ended' }, 'PL-2026-000001', async () => undefined);
    clock.set(NOW);
  });
  afterEach(async () => db.destroy());

  const keys = async () => ((await db('bot_state').orderBy('key').select('key')) as Array<{ key: string }>).map((r) => r.key);
  const counters = async () => Number(((await db('lookup_throttle').count({ n: '*' })) as Array<{ n: number }>)[0].n);

  async function cli(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(argv, { stdout, stderr }, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env }, fixedClock(NOW));
    return { code, out: stdout.text, err: stderr.text };
  }

  it('stamps each write with the injected clock', async () => {
    expect(await db('bot_state').where({ key: 'emulator/conversations/c-45' }).first('updated_at')).toEqual({ updated_at: '2025-12-06T12:00:00.000Z' });
  });

  it('deletes, daily, the state not written for STATE_RETENTION_DAYS (30 by default) and the ended lookup counters', async () => {
    const job = stateRetentionJob(
      loadConfig({}),
      new StateRepository(db, clock),
      new LookupThrottle(db, clock, lookupThrottlePolicies(loadConfig({}))),
      clock,
      createLogger('silent'),
    );
    expect(job).toMatchObject({ name: 'state-retention-purge', pattern: '15 2 * * *' });
    await job.run();
    expect(await keys()).toEqual(['emulator/conversations/c-29']);
    expect(await counters()).toBe(2); // the running window's conversation and reference, not the ended ones
    clock.set('2026-01-21T12:00:01Z');
    await job.run();
    expect(await keys()).toEqual([]);
  });

  it('takes STATE_RETENTION_DAYS and STATE_PURGE_CRON from the configuration', async () => {
    const config = loadConfig({ STATE_RETENTION_DAYS: '40', STATE_PURGE_CRON: '0 3 * * *' });
    const job = stateRetentionJob(
      config,
      new StateRepository(db, clock),
      new LookupThrottle(db, clock, lookupThrottlePolicies(config)),
      clock,
      createLogger('silent'),
    );
    expect(job.pattern).toBe('0 3 * * *');
    await job.run();
    expect(await keys()).toEqual(['emulator/conversations/c-29', 'emulator/conversations/c-31']);
  });

  it.each([['0'], ['-5'], ['4000'], ['abc']])('refuses STATE_RETENTION_DAYS=%s', (days) => {
    expect(() => loadConfig({ STATE_RETENTION_DAYS: days })).toThrow(/STATE_RETENTION_DAYS/);
  });

  it('purge-state applies STATE_RETENTION_DAYS once', async () => {
    const result = await cli({}, 'purge-state');
    expect(result).toEqual({
      code: 0,
      out: 'États de conversation supprimés\u00a0: 2 (sans activité depuis le 2025-12-21T12:00:00.000Z, conservation de 30 jours). Compteurs de recherche de plainte échus supprimés\u00a0: 2.\n',
      err: '',
    });
    expect(await keys()).toEqual(['emulator/conversations/c-29']);
    expect((await cli({ STATE_RETENTION_DAYS: '10' }, 'purge-state')).out).toContain('supprimés\u00a0: 1 (sans activité depuis le 2026-01-10');
    expect(await keys()).toEqual([]);
  });

  it('takes another period or moment for one run', async () => {
    expect((await cli({}, 'purge-state', '--days', '44')).out).toContain('supprimés\u00a0: 1 ');
    expect(await keys()).toEqual(['emulator/conversations/c-29', 'emulator/conversations/c-31']);
    expect((await cli({}, 'purge-state', '--now', '2026-01-25T12:00:00Z', '--days', '30')).out).toContain('supprimés\u00a0: 2 ');
    expect(await keys()).toEqual([]);
  });

  it.each([['0'], ['-5'], ['abc'], ['4000'], ['2.5']])('refuses --days %s with exit code 2 and deletes nothing', async (days) => {
    const result = await cli({}, 'purge-state', '--days', days);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`--days\u00a0: nombre de jours invalide «\u00a0${days}\u00a0» (entier de 1 à 3650).`);
    expect(await keys()).toHaveLength(3);
  });

  it('refuses an invalid --now', async () => {
    const result = await cli({}, 'purge-state', '--now', 'hier');
    expect(result.code).toBe(2);
    expect(result.err).toContain('--now\u00a0: date invalide «\u00a0hier\u00a0»');
    expect(await keys()).toHaveLength(3);
  });

  it('lists purge-state in the help', async () => {
    expect((await cli({}, '--help')).out).toContain('purge-state');
  });
});
