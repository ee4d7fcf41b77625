import { Writable } from 'node:stream';
import { runCli } from '../../../bot/cli/runCli';
import { BusinessCalendar, LocalDate } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { Database, openDatabase } from '../../../domain/db/database';
import { JobLock } from '../../../domain/db/jobLock';
import { describeEachDatabase } from '../../helpers/databases';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';
import { parseMail, useSmtpTestServer } from '../../helpers/smtpTestServer';

/**
 * Several instances on one database (issue 13): each scheduled job runs once per tick, and each
 * complaint's alert is mailed once, whether the passes come from two servers or two CLI runs.
 */
const calendar = BusinessCalendar.fromDataFile();
const morning = (date: LocalDate, hour = 8, minute = 0) => calendar.instantAt(date, hour, minute);
const PERSON: ComplaintInput = {
  name: 'Marie-Ève Tremblay',
  contactMethod: 'email',
  contactValue: 'marie-eve.tremblay@courriel.exemple',
  service: 'ca-dotation-phone',
  description: 'Aucune réponse depuis un mois.',
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const smtp = useSmtpTestServer();

const reminderEnv = () => ({
  SMTP_URL: smtp.url,
  REMINDER_FROM: 'rappels-plaintes@exemple.gouv.qc.ca',
  STAFF_EMAILS: 'equipe.plaintes@exemple.gouv.qc.ca',
  PUBLIC_BASE_URL: 'https://assistant.exemple.gouv.qc.ca',
  LOG_LEVEL: 'silent',
});

/** Files `count` complaints on 18 December 2026 (first contact due 30 December); returns their references. */
async function fileComplaints(db: Database, count: number): Promise<string[]> {
  const clock = fixedClock(morning('2026-12-18', 9));
  const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
  const references: string[] = [];
  for (let i = 0; i < count; i += 1) {
    clock.set(morning('2026-12-18', 9, i));
    references.push((await complaints.create(PERSON, { submissionId: `scale-${i}` })).complaint.reference);
  }
  return references;
}

/** How many of the received mails mention each reference. */
function mailsPerReference(references: string[]): number[] {
  const texts = smtp.messages.map((m) => parseMail(m.raw).text);
  return references.map((reference) => texts.filter((t) => t.includes(reference)).length);
}

describeEachDatabase('one scheduler across instances', (databases) => {
  it('JobLock: two instances on the same tick run the job once; a later tick runs again', async () => {
    const url = await databases.url();
    const [a, b] = await Promise.all([openDatabase(url), openDatabase(url)]);
    try {
      const locks = [new JobLock(a, { holder: 'instance-a' }), new JobLock(b, { holder: 'instance-b' })];
      let runs = 0;
      const work = async () => {
        runs += 1;
        await sleep(150);
        return runs;
      };
      const tick = new Date('2026-12-29T13:00:00Z');
      const outcomes = await Promise.all(locks.map((lock) => lock.runOnce('deadline-reminders', tick, work)));
      expect(runs).toBe(1);
      expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
      expect(outcomes.find((o) => !o.ran)).toMatchObject({ ran: false });

      // An instance whose cron fires late (clock skew) finds the tick done.
      expect(await locks[1].runOnce('deadline-reminders', tick, work)).toEqual({ ran: false, reason: 'done' });
      expect(await locks[0].runOnce('deadline-reminders', new Date('2026-12-28T13:00:00Z'), work)).toEqual({ ran: false, reason: 'done' });
      // Other jobs are independent, and the next tick runs.
      expect(await locks[1].runOnce('state-retention-purge', tick, work)).toEqual({ ran: true, value: 2 });
      expect(await locks[1].runOnce('deadline-reminders', new Date('2026-12-30T13:00:00Z'), work)).toEqual({ ran: true, value: 3 });

      // A job that fails leaves its tick to be run again, and releases the lock.
      await expect(locks[0].runOnce('interaction-retention-purge', tick, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await locks[1].runOnce('interaction-retention-purge', tick, work)).toEqual({ ran: true, value: 4 });
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
  });

  it('two servers on one database: the reminder tick runs on one of them and mails each complaint once', async () => {
    const databaseUrl = await databases.url();
    const clock = fixedClock(morning('2026-12-30'));
    const servers: RunningTestApplication[] = [];
    try {
      servers.push(await startTestApplication(reminderEnv(), { databaseUrl, clock }));
      servers.push(await startTestApplication(reminderEnv(), { databaseUrl, clock }));
      const references = await fileComplaints(servers[0].app.db, 12);
      const tick = morning('2026-12-30');
      const ran = await Promise.all(servers.map((s) => s.app.jobs.runTickOf('deadline-reminders', tick)));
      expect(ran.filter(Boolean)).toHaveLength(1);
      expect(smtp.messages).toHaveLength(1);
      expect(mailsPerReference(references)).toEqual(references.map(() => 1));
      // The same tick again, on either server: nothing.
      expect(await servers[1].app.jobs.runTickOf('deadline-reminders', tick)).toBe(false);
      expect(smtp.messages).toHaveLength(1);
    } finally {
      for (const s of servers) await s.close();
    }
  });

  it('two concurrent `remind --once` passes mail each complaint once', async () => {
    const databaseUrl = await databases.url();
    const db = await openDatabase(databaseUrl);
    try {
      const references = await fileComplaints(db, 30);
      const io = () => {
        const out: string[] = [];
        const sink = new Writable({ write: (c, _e, done) => (out.push(String(c)), done()) });
        return { io: { stdout: sink, stderr: sink }, out };
      };
      const runs = [io(), io()];
      for (const day of ['2026-12-29', '2026-12-30', '2027-01-05']) {
        const codes = await Promise.all(
          runs.map((r) => runCli(['remind', '--once', '--now', morning(day as LocalDate).toISOString()], r.io, { DATABASE_URL: databaseUrl, ...reminderEnv() })),
        );
        expect(codes).toEqual([0, 0]);
      }
      // À risque, échéance aujourd'hui, en retard: three levels, each complaint in exactly one mail per level.
      expect(smtp.messages).toHaveLength(3);
      expect(mailsPerReference(references)).toEqual(references.map(() => 3));
      expect(await db('deadline_alerts').count({ n: '*' })).toEqual([{ n: 90 }]);
      expect(await db('reminder_digests').where({ status: 'sent' }).count({ n: '*' })).toEqual([{ n: 3 }]);
    } finally {
      await db.destroy();
    }
  });
});
