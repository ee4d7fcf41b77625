import { runCli } from '../../../bot/cli/runCli';
import { complaintRetentionJob } from '../../../bot/retentionJobs';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { Database, openDatabase } from '../../../domain/db/database';
import { CitizenMailRepository } from '../../../domain/notifications/citizenMailRepository';
import { startTestApplication } from '../../helpers/testApplication';
import { Capture } from '../../helpers/capture';
import { describeEachDatabase } from '../../helpers/databases';

const input: ComplaintInput = {
  name: 'Paul Bédard',
  contactMethod: 'email',
  contactValue: 'paul@exemple.ca',
  service: 'other',
  description: 'Aucune réponse à ma demande depuis un mois.',
};

describeEachDatabase('complaint retention (purge-complaints and the daily job)', (databases) => {
  let databaseUrl: string;
  let db: Database;
  const clock = fixedClock('2024-01-15T15:00:00Z');
  let complaints: ComplaintService;

  /** Closed on 2024-01-16, abandoned on 2025-06-02, and one still open. */
  beforeEach(async () => {
    databaseUrl = await databases.url();
    db = await openDatabase(databaseUrl);
    complaints = new ComplaintService(new ComplaintRepository(db), BusinessCalendar.fromDataFile(), clock);
    clock.set('2024-01-15T15:00:00Z');
    const closed = (await complaints.create(input, { submissionId: 'old' })).complaint.reference;
    const abandoned = (await complaints.create({ ...input, name: 'Rita Caron' }, { submissionId: 'recent' })).complaint.reference;
    await complaints.create({ ...input, name: 'Ouvert Toujours' }, { submissionId: 'open' });
    clock.set('2024-01-16T15:00:00Z');
    await complaints.recordAnswer(closed, { actor: 'alice' });
    await complaints.close(closed, { actor: 'alice' });
    clock.set('2025-06-02T15:00:00Z');
    await complaints.abandon(abandoned, { actor: 'alice' });
  });
  afterEach(async () => {
    await db.destroy();
  });

  async function cli(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(argv, { stdout, stderr }, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env }, fixedClock('2026-01-20T12:00:00Z'));
    return { code, out: stdout.text, err: stderr.text };
  }
  const names = async () => (await db('complaints').orderBy('id').select('complainant_name')).map((r: { complainant_name: string }) => r.complainant_name);

  it('anonymizes complaints finished more than COMPLAINT_RETENTION_DAYS ago (730 by default), and only those', async () => {
    const result = await cli({}, 'purge-complaints');
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe('Plaintes anonymisées\u00a0: 1 (fermées ou abandonnées avant le 2024-01-21T12:00:00.000Z, conservation de 730 jours).\n');
    expect(await names()).toEqual(['', 'Rita Caron', 'Ouvert Toujours']);
    const [row] = await db('complaints').where({ complainant_name: '' });
    expect(row).toMatchObject({ contact_value: '', contact_key: '', description: '', desired_outcome: null, status: 'closed' });
    expect(Boolean(row.anonymized)).toBe(true); // 1 on SQLite, true on PostgreSQL
    expect(row.received_at).toBe('2024-01-15T15:00:00.000Z'); // dates stay for statistics
    expect((await complaints.history(row.reference)).map((e) => e.type)).toEqual(['received', 'answered', 'closed', 'anonymized']);
    expect((await cli({}, 'purge-complaints')).out).toContain('Plaintes anonymisées\u00a0: 0');
  });

  it('deletes the e-mails a purged complaint never sent (they hold the address and the text)', async () => {
    const mails = new CitizenMailRepository(db);
    const [closed, open] = (await db('complaints').orderBy('id').select('id', 'reference')) as Array<{ id: number; reference: string }>;
    for (const c of [closed, open]) {
      const mail = { complaintId: c.id, reference: c.reference, kind: 'acknowledgement', lang: 'fr', recipient: 'paul@exemple.ca', subject: 'Accusé', text: 'Bonjour Paul', html: '<p>Bonjour Paul</p>' } as const;
      await mails.enqueue(mail, clock.now());
    }
    await cli({}, 'purge-complaints');
    expect(await mails.find(closed.id, 'acknowledgement')).toBeUndefined();
    expect(await mails.find(open.id, 'acknowledgement')).toMatchObject({ recipient: 'paul@exemple.ca' });
  });

  it('follows COMPLAINT_RETENTION_DAYS', async () => {
    expect((await cli({ COMPLAINT_RETENTION_DAYS: '180' }, 'purge-complaints')).out).toContain('Plaintes anonymisées\u00a0: 2');
    expect(await names()).toEqual(['', '', 'Ouvert Toujours']);
  });

  it('takes --days and --now for one run', async () => {
    expect((await cli({}, 'purge-complaints', '--days', '30', '--now', '2024-03-01T00:00:00Z')).out).toBe(
      'Plaintes anonymisées\u00a0: 1 (fermées ou abandonnées avant le 2024-01-31T00:00:00.000Z, conservation de 30 jours).\n',
    );
    expect(await names()).toEqual(['', 'Rita Caron', 'Ouvert Toujours']);
  });

  it.each([
    [['--days', '0'], '--days'],
    [['--days', 'dix'], '--days'],
    [['--now', 'hier'], '--now'],
  ])('refuses %j with exit code 2 and changes nothing', async (args, option) => {
    const result = await cli({}, 'purge-complaints', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(option);
    expect(await names()).toEqual(['Paul Bédard', 'Rita Caron', 'Ouvert Toujours']);
  });

  it('is listed in the help, outside the staff `complaints` group', async () => {
    const help = await cli({}, '--help');
    expect(help.out).toMatch(/purge-complaints/);
  });

  it('runs as a scheduled job with COMPLAINT_PURGE_CRON (default 45 2 * * *)', async () => {
    const config = loadConfig({});
    expect(config.COMPLAINT_PURGE_CRON).toBe('45 2 * * *');
    expect(() => loadConfig({ COMPLAINT_PURGE_CRON: 'tous les jours' })).toThrow(/COMPLAINT_PURGE_CRON/);
    clock.set('2026-01-20T12:00:00Z');
    const job = complaintRetentionJob(config, complaints, createLogger('silent'));
    expect(job).toMatchObject({ name: 'complaint-retention-purge', pattern: '45 2 * * *' });
    await job.run();
    expect(await names()).toEqual(['', 'Rita Caron', 'Ouvert Toujours']);
  });

  it('is scheduled by the server', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const running = await startTestApplication({ COMPLAINT_PURGE_CRON: '15 3 * * *' }, { logger, schedule: true });
    await running.close();
    const scheduled = lines.map((l) => JSON.parse(l) as { msg: string; job?: string }).filter((l) => l.msg === 'job scheduled');
    expect(scheduled.map((l) => l.job)).toContain('complaint-retention-purge');
  });
});
