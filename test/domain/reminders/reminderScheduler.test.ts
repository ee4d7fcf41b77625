import { Writable } from 'node:stream';
import { scheduledJobs } from 'croner';
import { createApplication } from '../../../bot/application';
import { runCli } from '../../../bot/cli/runCli';
import { Config, loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { createReminderScheduler, registerReminderJobs } from '../../../bot/reminderJobs';
import type { ScheduledJobs } from '../../../bot/scheduledJobs';
import { BusinessCalendar, LocalDate } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { Database, openDatabase } from '../../../domain/db/database';
import { translator } from '../../../domain/i18n';
import { serviceLabel } from '../../../domain/reminders/reminderDigest';
import type { ReminderScheduler } from '../../../domain/reminders/reminderScheduler';
import { describeEachDatabase, TestDatabases } from '../../helpers/databases';
import { tempDatabaseUrl, tempDir } from '../../helpers/tempDir';
import { parseMail, useSmtpTestServer } from '../../helpers/smtpTestServer';

const calendar = BusinessCalendar.fromDataFile();
const BASE_URL = 'https://assistant.exemple.gouv.qc.ca';
const FROM = 'rappels-plaintes@exemple.gouv.qc.ca';
const STAFF = ['equipe.plaintes@exemple.gouv.qc.ca', 'gestion.plaintes@exemple.gouv.qc.ca'];

/** Personal information that must never reach a reminder e-mail. */
const PERSON: ComplaintInput = {
  name: 'Marie-Ève Tremblay',
  contactMethod: 'email',
  contactValue: 'marie-eve.tremblay@courriel.exemple',
  service: 'ca-dotation-phone',
  description: "J'ai attendu quarante minutes au téléphone sans réponse, puis la ligne a coupé.",
  desiredOutcome: 'Être rappelée par une personne responsable.',
};

/** 8:00, Québec time, on a local date. */
const morning = (date: LocalDate, hour = 8, minute = 0) => calendar.instantAt(date, hour, minute);

interface World {
  databaseUrl: string;
  db: Database;
  clock: ReturnType<typeof fixedClock>;
  complaints: ComplaintService;
  config: Config;
  scheduler: ReminderScheduler;
  file(receivedAt: Date, input?: Partial<ComplaintInput>): Promise<string>;
  close(): Promise<void>;
}

const smtp = useSmtpTestServer();

async function world(databases: TestDatabases, env: Record<string, string> = {}): Promise<World> {
  const databaseUrl = await databases.url();
  const db = await openDatabase(databaseUrl);
  const clock = fixedClock('2026-12-18T19:00:00Z');
  const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtp.url,
    REMINDER_FROM: FROM,
    STAFF_EMAILS: STAFF.join(','),
    PUBLIC_BASE_URL: BASE_URL,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const scheduler = createReminderScheduler(config, db);
  let n = 0;
  return {
    databaseUrl,
    db,
    clock,
    complaints,
    config,
    scheduler,
    async file(receivedAt, input = {}) {
      clock.set(receivedAt);
      const { complaint } = await complaints.create({ ...PERSON, ...input }, { submissionId: `s-${++n}`, channelId: 'test', locale: 'fr-CA' });
      return complaint.reference;
    },
    async close() {
      await db.destroy();
    },
  };
}

const mails = () => smtp.messages.map((m) => parseMail(m.raw));

describeEachDatabase('deadline reminders through a real SMTP server', (databases) => {
  it('says nothing early, then « à risque », « échéance aujourd’hui » and « en retard » on the right business days across the year-end holidays', async () => {
    const w = await world(databases);
    try {
      // Friday 18 December 2026, 14:00: first contact due Wednesday 30 December (21, 22, 23, 29, 30;
      // 24, 25 and 28 December are holidays), answer due Monday 25 January 2027.
      const reference = await w.file(morning('2026-12-18', 14));
      const complaint = await w.complaints.require(reference);
      expect(complaint.firstContactDueDate).toBe('2026-12-30');
      expect(complaint.answerDueDate).toBe('2027-01-25');

      for (const day of ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-28']) {
        const result = await w.scheduler.run(morning(day));
        expect(result.claimed).toEqual([]);
      }
      expect(smtp.messages).toHaveLength(0);

      // Tuesday 29 December: one business day left (the 30th), after a weekend and three holidays.
      let result = await w.scheduler.run(morning('2026-12-29'));
      expect(result.deliveries).toEqual([expect.objectContaining({ status: 'sent', attempt: 1, alertCount: 1 })]);
      expect(smtp.messages).toHaveLength(1);
      let mail = mails()[0];
      expect(mail.subject).toBe('Rappel des délais\u00a0: 1 plainte à traiter');
      expect(mail.text).toContain(`• ${reference} — `);
      expect(mail.text).toContain('Premier contact (5 jours ouvrables)\u00a0: échéance le mercredi 30 décembre 2026, il reste 1 jour ouvrable');
      // Both clocks in the one entry.
      expect(mail.text).toContain(
        `Réponse (20 jours ouvrables)\u00a0: échéance le lundi 25 janvier 2027, il reste ${calendar.businessDaysBetween('2026-12-29', '2027-01-25')} jours ouvrables`,
      );
      expect(smtp.messages[0].envelopeTo).toEqual(STAFF);

      // The same moment again, and later that day: nothing new.
      await w.scheduler.run(morning('2026-12-29'));
      await w.scheduler.run(morning('2026-12-29', 16));
      expect(smtp.messages).toHaveLength(1);

      result = await w.scheduler.run(morning('2026-12-30'));
      expect(smtp.messages).toHaveLength(2);
      mail = mails()[1];
      expect(mail.subject).toBe('Rappel des délais\u00a0: 1 plainte à traiter');
      expect(mail.text).toContain("ÉCHÉANCE AUJOURD'HUI (1)");
      expect(mail.text).toContain("échéance le mercredi 30 décembre 2026, dernier jour aujourd'hui");

      // 31 December, 1 and 4 January are holidays: a pass those days evaluates nothing.
      for (const day of ['2026-12-31', '2027-01-01', '2027-01-04']) {
        expect((await w.scheduler.run(morning(day))).businessDay).toBe(false);
      }
      expect(smtp.messages).toHaveLength(2);

      await w.scheduler.run(morning('2027-01-05'));
      expect(smtp.messages).toHaveLength(3);
      mail = mails()[2];
      expect(mail.subject).toBe('Rappel des délais\u00a0: 1 plainte à traiter dont 1 en retard');
      expect(mail.text).toContain('EN RETARD (1)');
      expect(mail.text).toContain('échéance le mercredi 30 décembre 2026, en retard de 1 jour ouvrable');

      // Overdue: back in every daily digest (once a day), until the first contact is recorded.
      await w.scheduler.run(morning('2027-01-06'));
      await w.scheduler.run(morning('2027-01-06', 15));
      expect(smtp.messages).toHaveLength(4);
      expect(mails()[3].text).toContain('échéance le mercredi 30 décembre 2026, en retard de 2 jours ouvrables');

      // The answer clock reaches « à risque » on Wednesday 20 January (21, 22, 25): the same entry shows both clocks.
      await w.scheduler.run(morning('2027-01-20'));
      expect(smtp.messages).toHaveLength(5);
      mail = mails()[4];
      expect(mail.text.match(new RegExp(`• ${reference}`, 'g'))).toHaveLength(1);
      expect(mail.text).toContain('Premier contact (5 jours ouvrables)\u00a0: échéance le mercredi 30 décembre 2026, en retard de 12 jours ouvrables');
      expect(mail.text).toContain('Réponse (20 jours ouvrables)\u00a0: échéance le lundi 25 janvier 2027, il reste 3 jours ouvrables');

      // Statistics hooks: every alert raised and sent, with timestamps.
      const alerts = await w.db('deadline_alerts').orderBy('id');
      expect(alerts.map((a) => [a.reference, a.clock, a.level, a.due_date, a.business_days_left, a.raised_at, a.sent_at, Boolean(a.superseded)])).toEqual([
        [reference, 'firstContact', 'atRisk', '2026-12-30', 1, morning('2026-12-29').toISOString(), morning('2026-12-29').toISOString(), false],
        [reference, 'firstContact', 'dueToday', '2026-12-30', 0, morning('2026-12-30').toISOString(), morning('2026-12-30').toISOString(), false],
        [reference, 'firstContact', 'overdue', '2026-12-30', -1, morning('2027-01-05').toISOString(), morning('2027-01-05').toISOString(), false],
        [reference, 'answer', 'atRisk', '2027-01-25', 3, morning('2027-01-20').toISOString(), morning('2027-01-20').toISOString(), false],
      ]);
      expect(await w.db('reminder_digests').where({ status: 'sent' }).count({ n: '*' })).toEqual([{ n: 5 }]);
      expect(await w.db('digest_entries').where({ reference }).count({ n: '*' })).toEqual([{ n: 5 }]);
    } finally {
      await w.close();
    }
  });

  it('catches up after downtime: mails the current level and records the skipped ones as superseded', async () => {
    const w = await world(databases);
    try {
      const reference = await w.file(morning('2026-12-18', 14));
      // No pass from the 18th until Tuesday 5 January (server down over the holidays).
      const result = await w.scheduler.run(morning('2027-01-05'));
      expect(result.claimed.map((a) => `${a.clock}:${a.level}:${a.superseded}`).sort()).toEqual([
        'firstContact:atRisk:true',
        'firstContact:dueToday:true',
        'firstContact:overdue:false',
      ]);
      expect(smtp.messages).toHaveLength(1);
      const mail = mails()[0];
      expect(mail.subject).toBe('Rappel des délais\u00a0: 1 plainte à traiter dont 1 en retard');
      expect(mail.text).not.toContain('À RISQUE');
      const rows = await w.db('deadline_alerts').where({ reference }).orderBy('id');
      expect(rows.filter((r) => r.superseded).every((r) => r.sent_at === null && r.digest_id === null)).toBe(true);
      expect(rows.find((r) => r.level === 'overdue')).toMatchObject({ sent_at: morning('2027-01-05').toISOString() });
      // The superseded levels are never mailed later either: the next day, only « en retard » again.
      await w.scheduler.run(morning('2027-01-06'));
      expect(smtp.messages).toHaveLength(2);
      expect(mails()[1].text).toContain('EN RETARD (1)');
      expect(mails()[1].text).not.toContain('À RISQUE');
      expect(await w.db('deadline_alerts').where({ reference })).toHaveLength(3);
    } finally {
      await w.close();
    }
  });

  it('stops a clock when its event is recorded, and raises nothing for closed or abandoned complaints', async () => {
    const w = await world(databases);
    try {
      const contactedLate = await w.file(morning('2026-12-18', 14));
      const contactedEarly = await w.file(morning('2026-12-18', 15));
      const abandoned = await w.file(morning('2026-12-18', 16));
      const closed = await w.file(morning('2026-12-18', 17));
      w.clock.set(morning('2026-12-21', 10));
      await w.complaints.recordFirstContact(contactedEarly, { actor: 'alice' });
      await w.complaints.abandon(abandoned, { actor: 'alice', note: 'Retrait de la plainte' });
      await w.complaints.recordAnswer(closed, { actor: 'bob' });
      await w.complaints.close(closed, { actor: 'bob' });

      await w.scheduler.run(morning('2026-12-29'));
      expect(smtp.messages).toHaveLength(1);
      expect(mails()[0].text).toContain(contactedLate);
      for (const other of [contactedEarly, abandoned, closed]) expect(mails()[0].text).not.toContain(other);

      w.clock.set(morning('2026-12-29', 11));
      await w.complaints.recordFirstContact(contactedLate, { actor: 'alice' });
      for (const day of ['2026-12-30', '2027-01-05', '2027-01-19']) await w.scheduler.run(morning(day));
      expect(smtp.messages).toHaveLength(1);

      // The answer clocks of both contacted complaints still run; the others raise nothing, ever.
      await w.scheduler.run(morning('2027-01-20'));
      await w.scheduler.run(morning('2027-02-01'));
      const alerts = await w.db('deadline_alerts').orderBy('id');
      expect(alerts.filter((a) => a.clock === 'firstContact').map((a) => a.reference)).toEqual([contactedLate]);
      expect(new Set(alerts.filter((a) => a.clock === 'answer').map((a) => a.reference))).toEqual(new Set([contactedLate, contactedEarly]));
      expect(alerts.some((a) => a.reference === abandoned || a.reference === closed)).toBe(false);
    } finally {
      await w.close();
    }
  });

  it('keeps a digest queued while SMTP is down, retries it with backoff and sends it exactly once when SMTP is back', async () => {
    const w = await world(databases);
    const logLines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
    const jobs: Array<{ name: string; pattern: string; run: () => Promise<void> }> = [];
    const scheduler = registerReminderJobs({ add: (job: (typeof jobs)[number]) => jobs.push(job) } as unknown as ScheduledJobs, {
      config: w.config,
      db: w.db,
      clock: w.clock,
      calendar,
      logger,
    })!;
    expect(jobs.map((j) => [j.name, j.pattern])).toEqual([
      ['deadline-reminders', '0 8 * * 1-5'],
      ['deadline-reminder-outbox', '*/5 * * * *'],
    ]);
    const [passJob, outboxJob] = jobs;
    try {
      const reference = await w.file(morning('2026-12-18', 14));
      await smtp.stop();

      w.clock.set(morning('2026-12-29'));
      await passJob.run();
      let [digest] = await w.db('reminder_digests');
      expect(digest).toMatchObject({ status: 'failed', attempts: 1, sent_at: null, alert_count: 1 });
      expect(digest.last_error_code).toMatch(/^E[A-Z]+/);
      expect(digest.next_attempt_at).toBe(new Date(morning('2026-12-29').getTime() + 5 * 60_000).toISOString());
      expect(await w.db('deadline_alerts').whereNotNull('sent_at')).toHaveLength(0);
      expect(await scheduler.queuedCount()).toBe(1);

      // Logged without personal information: ids, counts, the error code.
      const failure = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'reminder digest not sent; kept in the outbox for retry');
      expect(failure).toMatchObject({ digestId: digest.id, attempt: 1, errorCode: digest.last_error_code });
      const log = logLines.join('');
      for (const pi of [PERSON.name, PERSON.contactValue, PERSON.description, PERSON.desiredOutcome!, ...STAFF]) expect(log).not.toContain(pi);

      // Still down; then before the backoff has passed, the outbox job leaves it alone.
      w.clock.set(morning('2026-12-29', 8, 5));
      await outboxJob.run();
      [digest] = await w.db('reminder_digests');
      expect(digest).toMatchObject({ status: 'failed', attempts: 2 });
      expect(digest.next_attempt_at).toBe(new Date(morning('2026-12-29', 8, 5).getTime() + 10 * 60_000).toISOString());
      await smtp.start();
      w.clock.set(morning('2026-12-29', 8, 10));
      await outboxJob.run();
      expect(smtp.messages).toHaveLength(0);

      // Back up and due: sent once, then never again.
      w.clock.set(morning('2026-12-29', 8, 15));
      await outboxJob.run();
      await passJob.run();
      await outboxJob.run();
      expect(smtp.messages).toHaveLength(1);
      expect(mails()[0].text).toContain(reference);
      [digest] = await w.db('reminder_digests');
      expect(digest).toMatchObject({ status: 'sent', attempts: 3, last_error_code: null, sent_at: morning('2026-12-29', 8, 15).toISOString() });
      expect(await w.db('deadline_alerts').where({ sent_at: digest.sent_at })).toHaveLength(1);
      expect(await scheduler.queuedCount()).toBe(0);
    } finally {
      await smtp.ensureStarted();
      await w.close();
    }
  });

  it('sends one digest when two passes run together on two connections to the same database', async () => {
    const w = await world(databases);
    const second = await openDatabase(w.databaseUrl);
    try {
      const references: string[] = [];
      for (let i = 0; i < 25; i++) references.push(await w.file(morning('2026-12-18', 9, i)));
      const other = createReminderScheduler(w.config, second);
      for (const [day, count] of [
        ['2026-12-29', 1],
        ['2026-12-30', 2],
        ['2027-01-05', 3],
      ] as const) {
        const results = await Promise.all([w.scheduler.run(morning(day)), other.run(morning(day))]);
        expect(smtp.messages).toHaveLength(count);
        expect(results.map((r) => r.claimed.length).sort()).toEqual([0, 25]);
        expect(results.flatMap((r) => r.deliveries).filter((d) => d.status === 'sent')).toHaveLength(1);
      }
      const last = mails()[2];
      for (const reference of references) expect(last.text).toContain(reference);
      expect(await w.db('deadline_alerts').count({ n: '*' })).toEqual([{ n: 75 }]);
      expect(await w.db('reminder_digests').count({ n: '*' })).toEqual([{ n: 3 }]);

      // Two outbox retries racing for the same queued digest: one delivery.
      await smtp.stop();
      await w.scheduler.run(morning('2027-01-20'));
      await smtp.start();
      const retries = await Promise.all([w.scheduler.deliverDue(morning('2027-01-20', 9)), other.deliverDue(morning('2027-01-20', 9))]);
      expect(retries.flat().map((d) => d.status)).toEqual(['sent']);
      expect(smtp.messages).toHaveLength(4);
    } finally {
      await smtp.ensureStarted();
      await second.destroy();
      await w.close();
    }
  });

  it('writes a French digest in plain text and HTML, grouped by level, with links and no personal information', async () => {
    const w = await world(databases);
    try {
      // On Tuesday 5 January 2027: received 18 Dec. → first contact overdue, 21 Dec. → due today, 22 Dec. → at risk.
      const overdue = await w.file(morning('2026-12-18', 14));
      const dueToday = await w.file(morning('2026-12-21', 14), { service: 'online-exams', contactMethod: 'phone', contactValue: '418 555-0199' });
      const atRisk = await w.file(morning('2026-12-22', 14), { service: 'qualification-processes' });
      await w.scheduler.run(morning('2027-01-05'));
      expect(smtp.messages).toHaveLength(1);
      const raw = smtp.messages[0];
      const mail = parseMail(raw.raw);

      expect(raw.envelopeFrom).toBe(FROM);
      expect(mail.contentTypes).toEqual(['text/plain', 'text/html']);
      expect(mail.headers['message-id']).toMatch(/^<rappel-delais-\d+-\d+@exemple\.gouv\.qc\.ca>$/);
      expect(mail.subject).toBe('Rappel des délais\u00a0: 3 plaintes à traiter dont 1 en retard');

      const t = translator('fr');
      const text = mail.text;
      expect(text).toMatch(/^Bonjour,\n\nVoici les plaintes à traiter dont un délai de service/);
      expect(text).toContain('Ces plaintes ne sont assignées à personne');
      expect(text).toContain('État au mardi 5 janvier 2027, 8\u00a0h (heure du Québec).');
      const order = ['EN RETARD (1)', overdue, "ÉCHÉANCE AUJOURD'HUI (1)", dueToday, 'À RISQUE (1)', atRisk].map((s) => text.indexOf(s));
      expect(order.every((i) => i >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(text).toContain(`• ${dueToday} — ${serviceLabel(t, 'online-exams')}`);
      expect(text).toContain('Premier contact (5 jours ouvrables)\u00a0: échéance le mardi 5 janvier 2027, dernier jour aujourd');
      expect(text).toContain('Premier contact (5 jours ouvrables)\u00a0: échéance le mercredi 6 janvier 2027, il reste 1 jour ouvrable');
      for (const reference of [overdue, dueToday, atRisk]) {
        expect(text).toContain(`  ${BASE_URL}/admin/complaints/${reference}`);
        expect(mail.html).toContain(`<a href="${BASE_URL}/admin/complaints/${reference}"`);
      }
      expect(text).toContain('5 jours ouvrables à compter de la réception de la plainte');
      expect(text).toContain('aucun renseignement personnel');

      expect(mail.html).toContain('<html lang="fr">');
      expect(mail.html).toContain('<h2>Échéance aujourd&#39;hui (1)</h2>');
      expect(mail.html).toContain('<th scope="col"');
      expect(mail.html).not.toContain("aujourd'hui");

      for (const part of [mail.subject, mail.text, mail.html, raw.raw]) {
        for (const pi of [PERSON.name, 'Tremblay', PERSON.contactValue, '555-0199', '5550199', 'quarante minutes', PERSON.desiredOutcome!]) {
          expect(part).not.toContain(pi);
        }
      }
    } finally {
      await w.close();
    }
  });

  it('sends nothing when nothing is due', async () => {
    const w = await world(databases);
    try {
      await w.file(morning('2026-12-18', 14));
      const result = await w.scheduler.run(morning('2026-12-21'));
      expect(result).toMatchObject({ planned: 0, plannedComplaints: 0, claimed: [], digests: [], deliveries: [], queued: 0 });
      expect(await w.db('reminder_digests')).toHaveLength(0);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await w.close();
    }
  });
});

describeEachDatabase('npm run cli -- remind', (databases) => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      stdout: new Writable({ write: (c, _e, done) => (out.push(String(c)), done()) }),
      stderr: new Writable({ write: (c, _e, done) => (err.push(String(c)), done()) }),
    };
    return { io, out: () => out.join(''), err: () => err.join('') };
  };
  const env = (w: World, extra: Record<string, string> = {}) => ({
    DATABASE_URL: w.databaseUrl,
    SMTP_URL: smtp.url,
    REMINDER_FROM: FROM,
    STAFF_EMAILS: STAFF.join(','),
    PUBLIC_BASE_URL: BASE_URL,
    LOG_LEVEL: 'silent',
    ...extra,
  });

  it('--dry-run prints the digest without sending or recording anything', async () => {
    const w = await world(databases);
    try {
      const reference = await w.file(morning('2026-12-18', 14));
      const c = capture();
      const code = await runCli(['remind', '--once', '--now', '2027-01-05T08:00:00-05:00', '--dry-run'], c.io, env(w));
      expect(c.err()).toBe('');
      expect(code).toBe(0);
      expect(c.out()).toContain("Simulation (--dry-run)\u00a0: rien n'est envoyé ni enregistré.");
      expect(c.out()).toContain('Rappels des délais des plaintes au mardi 5 janvier 2027, 8\u00a0h (heure du Québec).');
      expect(c.out()).toContain('Alertes qui seraient levées\u00a0: 1 nouvelle(s), 2 dépassée(s) par un niveau plus grave (notée(s) sans envoi); 1 plainte(s) à rappeler.');
      expect(c.out()).toContain(`Courriel qui serait envoyé à ${STAFF.join(', ')}\u00a0:`);
      expect(c.out()).toContain('Objet\u00a0: Rappel des délais\u00a0: 1 plainte à traiter dont 1 en retard');
      expect(c.out()).toContain(`${BASE_URL}/admin/complaints/${reference}`);
      expect(c.out()).toContain(`  ${reference} · Premier contact (5 jours ouvrables) · À risque`);
      expect(smtp.messages).toHaveLength(0);
      expect(await w.db('deadline_alerts')).toHaveLength(0);
      expect(await w.db('reminder_digests')).toHaveLength(0);

      // Also without SMTP configured: a dry run needs no mail server.
      const bare = capture();
      expect(
        await runCli(['remind', '--once', '--now', '2027-01-05T08:00:00-05:00', '--dry-run'], bare.io, { DATABASE_URL: w.databaseUrl, LOG_LEVEL: 'silent' }),
      ).toBe(0);
      expect(bare.out()).toContain('(STAFF_EMAILS non configurée)');
    } finally {
      await w.close();
    }
  });

  it('--once sends, then has nothing new; exits 1 while SMTP is down and 2 on usage errors, in French', async () => {
    const w = await world(databases);
    try {
      const reference = await w.file(morning('2026-12-18', 14));
      let c = capture();
      expect(await runCli(['remind', '--once', '--now', '2026-12-29T08:00:00-05:00'], c.io, env(w))).toBe(0);
      expect(c.out()).toContain('Alertes levées\u00a0: 1 nouvelle(s), 0 dépassée(s)');
      expect(c.out()).toMatch(/Courriel de rappel no \d+ préparé pour equipe\.plaintes@exemple\.gouv\.qc\.ca, gestion\.plaintes@exemple\.gouv\.qc\.ca \(1 plainte\(s\)\)\./);
      expect(c.out()).toMatch(/Courriel de rappel no \d+ envoyé \(tentative 1\)\./);
      expect(smtp.messages).toHaveLength(1);
      expect(parseMail(smtp.messages[0].raw).text).toContain(reference);

      c = capture();
      expect(await runCli(['remind', '--once', '--now', '2026-12-29T08:00:00-05:00'], c.io, env(w))).toBe(0);
      expect(c.out()).toContain('Aucune plainte à rappeler');
      expect(smtp.messages).toHaveLength(1);

      await smtp.stop();
      c = capture();
      expect(await runCli(['remind', '--once', '--now', '2026-12-30T08:00:00-05:00'], c.io, env(w))).toBe(1);
      expect(c.out()).toMatch(
        /Courriel de rappel no \d+ non envoyé \(E[A-Z]+\)\u00a0: il reste dans la file et sera réessayé au prochain passage, à partir du mercredi 30 décembre 2026, 8\u00a0h\u00a005/,
      );
      expect(c.err()).toContain("Au moins un courriel de rappel n'a pas pu être envoyé");
      await smtp.start();
      c = capture();
      expect(await runCli(['remind', '--once', '--retry-only', '--now', '2026-12-30T09:00:00-05:00'], c.io, env(w))).toBe(0);
      expect(c.out()).toMatch(/envoyé \(tentative 2\)/);
      expect(c.out()).toContain('Courriels en attente dans la file\u00a0: 0.');
      expect(smtp.messages).toHaveLength(2);

      const usage = async (argv: string[], extra: Record<string, string>, message: string | RegExp) => {
        const u = capture();
        expect(await runCli(argv, u.io, { ...env(w), ...extra })).toBe(2);
        expect(u.err()).toMatch(message);
      };
      await usage(['remind'], {}, /ajoutez --once/);
      await usage(['remind', '--once', '--now', 'demain'], {}, /--now\u00a0: date invalide «\u00a0demain\u00a0»/);
      await usage(['remind', '--once', '--dry-run', '--retry-only'], {}, /ne vont pas ensemble/);
      await usage(['remind', '--once'], { SMTP_URL: '' }, /Les rappels par courriel sont désactivés\u00a0: SMTP_URL n'est pas configurée/);
      await usage(['remind', '--once'], { STAFF_EMAILS: '' }, /STAFF_EMAILS/);
    } finally {
      await smtp.ensureStarted();
      await w.close();
    }
  });
});

describe('reminders in the server', () => {
  const capture = (lines: string[]) => createLogger('info', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));

  it('schedules the pass on REMINDER_CRON in America/Toronto when SMTP_URL is set', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const clock = fixedClock('2026-12-18T19:00:00Z');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: tempDatabaseUrl(dir.path),
      SMTP_URL: smtp.url,
      REMINDER_FROM: FROM,
      STAFF_EMAILS: STAFF[0],
    });
    const app = await createApplication(config, { logger: capture(lines), clock, schedule: true });
    try {
      await app.listen();
      const job = scheduledJobs.find((j) => j.name === 'deadline-reminders');
      expect(job).toBeDefined();
      const next = job!.nextRun()!;
      // Whatever day the test runs, the next pass is at 8:00 on a weekday, Québec time.
      expect(calendar.instantAt(calendar.localDateOf(next), 8, 0).getTime()).toBe(next.getTime());
      expect([1, 2, 3, 4, 5]).toContain(calendar.weekdayOf(calendar.localDateOf(next)));
      expect(scheduledJobs.some((j) => j.name === 'deadline-reminder-outbox')).toBe(true);
      expect(lines.join('')).not.toContain('deadline reminders off');
    } finally {
      await app.stop();
      dir.cleanup();
    }
    expect(scheduledJobs.some((j) => j.name === 'deadline-reminders')).toBe(false);
  });

  it('says once at start that reminders are off without SMTP_URL', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const app = await createApplication(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: tempDatabaseUrl(dir.path) }), {
      logger: capture(lines),
      schedule: true,
    });
    try {
      await app.listen();
      expect(lines.filter((l) => l.includes('deadline reminders off: SMTP_URL is not set'))).toHaveLength(1);
      expect(scheduledJobs.some((j) => j.name === 'deadline-reminders')).toBe(false);
    } finally {
      await app.stop();
      dir.cleanup();
    }
  });
});
