import { loadConfig } from '../../../bot/config';
import { createReminderScheduler } from '../../../bot/reminderJobs';
import { BusinessCalendar, LocalDate } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { Database, openDatabase } from '../../../domain/db/database';
import { describeEachDatabase } from '../../helpers/databases';
import { parseMail, useSmtpTestServer } from '../../helpers/smtpTestServer';

/** Reminders routed to the assigned officer (the team otherwise) and escalated to the managers. */
const calendar = BusinessCalendar.fromDataFile();
const morning = (date: LocalDate, hour = 8, minute = 0) => calendar.instantAt(date, hour, minute);
const TEAM = 'equipe.plaintes@exemple.gouv.qc.ca';
const ALICE = 'alice.officier@exemple.gouv.qc.ca';
const MANAGERS = ['direction.plaintes@exemple.gouv.qc.ca'];
const token = (c: string) => c.repeat(24);
const PERSON: ComplaintInput = {
  name: 'Marie-Ève Tremblay',
  contactMethod: 'email',
  contactValue: 'marie-eve.tremblay@courriel.exemple',
  service: 'ca-dotation-phone',
  description: 'Aucune réponse depuis un mois.',
};

const smtp = useSmtpTestServer();

const config = (databaseUrl: string, extra: Record<string, string> = {}) =>
  loadConfig({
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtp.url,
    REMINDER_FROM: 'rappels-plaintes@exemple.gouv.qc.ca',
    STAFF_EMAILS: TEAM,
    MANAGER_EMAILS: MANAGERS.join(','),
    REMINDER_ESCALATION_BUSINESS_DAYS: '2',
    ADMIN_TOKENS: `staff:alice:${token('a')}:${ALICE},staff:bob:${token('b')},manager:carole:${token('c')}`,
    PUBLIC_BASE_URL: 'https://assistant.exemple.gouv.qc.ca',
    LOG_LEVEL: 'silent',
    ...extra,
  });

/** Files three complaints on Friday 18 December 2026 (first contact due Wednesday 30 December): one for alice, one for bob, one unassigned. */
async function fileThree(db: Database): Promise<{ alice: string; bob: string; nobody: string }> {
  const clock = fixedClock(morning('2026-12-18', 9));
  const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
  const file = async (i: number) => (await complaints.create(PERSON, { submissionId: `route-${i}` })).complaint.reference;
  const refs = { alice: await file(1), bob: await file(2), nobody: await file(3) };
  // The officers' workflow assigns complaints (migration 009); here the column is set directly.
  await db('complaints').where({ reference: refs.alice }).update({ assigned_to: 'Alice', assigned_at: morning('2026-12-18', 10).toISOString() });
  await db('complaints').where({ reference: refs.bob }).update({ assigned_to: 'bob', assigned_at: morning('2026-12-18', 10).toISOString() });
  return refs;
}

const received = () =>
  smtp.messages.map((m) => {
    const mail = parseMail(m.raw);
    return { to: m.envelopeTo, subject: mail.subject, text: mail.text, html: mail.html };
  });

describeEachDatabase('reminders people act on', (databases) => {
  it('routes each complaint to its officer, or to the team when unassigned or when the officer has no address', async () => {
    const url = await databases.url();
    const db = await openDatabase(url);
    try {
      const refs = await fileThree(db);
      await createReminderScheduler(config(url), db).run(morning('2026-12-29'));
      const mails = received();
      expect(mails.map((m) => m.to)).toEqual([[ALICE], [TEAM]]);
      const [toAlice, toTeam] = mails;
      expect(toAlice.subject).toBe('Rappel des délais\u00a0: 1 plainte à traiter');
      expect(toAlice.text).toContain('Ces plaintes vous sont assignées (alice).');
      expect(toAlice.text).toContain(refs.alice);
      expect(toAlice.text).not.toContain(refs.bob);
      expect(toTeam.subject).toBe('Rappel des délais\u00a0: 2 plaintes à traiter');
      expect(toTeam.text).toContain(refs.bob);
      expect(toTeam.text).toContain(refs.nobody);
      expect(toTeam.text).not.toContain(refs.alice);
      // The alerts point to the digest that carried them, and are marked sent.
      expect(await db('deadline_alerts').whereNull('sent_at')).toHaveLength(0);

      // Reassigned to alice the next day: the overdue complaint reaches her on the next business day.
      await db('complaints').where({ reference: refs.nobody }).update({ assigned_to: 'alice' });
      smtp.messages.length = 0;
      await createReminderScheduler(config(url), db).run(morning('2027-01-05'));
      const next = received();
      expect(next.find((m) => m.to[0] === ALICE)!.subject).toBe('Rappel des délais\u00a0: 2 plaintes à traiter dont 2 en retard');
    } finally {
      await db.destroy();
    }
  });

  it('escalates to MANAGER_EMAILS after REMINDER_ESCALATION_BUSINESS_DAYS overdue, once per complaint and clock, even with two passes at once', async () => {
    const url = await databases.url();
    const [db, second] = [await openDatabase(url), await openDatabase(url)];
    try {
      const refs = await fileThree(db);
      const passes = [createReminderScheduler(config(url), db), createReminderScheduler(config(url), second)];
      const both = (day: LocalDate) => Promise.all(passes.map((p) => p.run(morning(day))));
      const escalations = () => received().filter((m) => m.to.join() === MANAGERS.join());

      // 5 January: 1 business day late; 6 January: 2 — the escalation.
      await both('2027-01-05');
      expect(escalations()).toHaveLength(0);
      expect(received()).toHaveLength(2);
      await both('2027-01-06');
      expect(escalations()).toHaveLength(1);
      const [escalation] = escalations();
      expect(escalation.subject).toBe('Signalement à la gestion\u00a0: 3 plaintes en retard');
      expect(escalation.text).toContain('dépassé depuis 2 jours ouvrables ou plus');
      expect(escalation.text).toContain('Assignée à\u00a0: alice');
      expect(escalation.text).toContain('Non assignée');
      for (const ref of Object.values(refs)) expect(escalation.text).toContain(ref);
      // The daily digests go on, once each per day despite the two passes.
      expect(received()).toHaveLength(5);

      // 7 January: the complaints stay in the daily digests, never escalated twice.
      await both('2027-01-07');
      expect(escalations()).toHaveLength(1);
      expect(received()).toHaveLength(7);
      const rows = await db('deadline_escalations').orderBy('complaint_id');
      expect(rows.map((r) => [r.reference, r.clock, r.business_days_late])).toEqual(Object.values(refs).map((ref) => [ref, 'firstContact', 2]));
      expect(rows.every((r) => r.sent_at === morning('2027-01-06').toISOString())).toBe(true);
      expect(await db('reminder_digests').where({ kind: 'escalation', status: 'sent' })).toHaveLength(1);

      // Contacted: off the digests.
      await db('complaints').update({ status: 'contacted', first_contact_at: morning('2027-01-07', 11).toISOString() });
      await both('2027-01-08');
      expect(received()).toHaveLength(7);
    } finally {
      await Promise.all([db.destroy(), second.destroy()]);
    }
  });

  it('escalates nothing without MANAGER_EMAILS', async () => {
    const url = await databases.url();
    const db = await openDatabase(url);
    try {
      await fileThree(db);
      const scheduler = createReminderScheduler(config(url, { MANAGER_EMAILS: '' }), db);
      for (const day of ['2027-01-05', '2027-01-06', '2027-01-07'] as const) await scheduler.run(morning(day));
      expect(received().every((m) => m.to[0] !== MANAGERS[0])).toBe(true);
      expect(await db('deadline_escalations')).toHaveLength(0);
    } finally {
      await db.destroy();
    }
  });
});
