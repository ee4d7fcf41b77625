import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { Database, openDatabase } from '../../../domain/db/database';
import { InteractionRepository, InteractionRow } from '../../../domain/db/interactionRepository';
import { StatisticsService } from '../../../domain/statistics/statisticsService';
import { describeEachDatabase } from '../../helpers/databases';

const calendar = BusinessCalendar.fromDataFile();
const nov = (day: number, hour = 12) => calendar.instantAt(`2026-11-${String(day).padStart(2, '0')}`, hour, 0);
const oct30 = calendar.instantAt('2026-10-30', 12, 0);

function row(conversation: string, direction: 'in' | 'out', text: string, extra: Partial<InteractionRow> = {}): InteractionRow {
  return {
    occurredAt: nov(10),
    channelId: 'webchat',
    conversationId: conversation,
    direction,
    activityType: 'message',
    text,
    redacted: false,
    activityJson: '{}',
    ...extra,
  };
}
const faq = (id: string) => ({ intent: `faq.${id}`, dialog: 'faq' });

describeEachDatabase('conversation, exam-incident and reminder statistics', (databases) => {
  let db: Database;
  const clock = fixedClock('2026-11-20T17:00:00Z');
  let stats: StatisticsService;

  beforeAll(async () => {
    db = await openDatabase(await databases.url());
    await new InteractionRepository(db).insertMany([
      row('c1', 'in', 'heures?', faq('heures')),
      row('c1', 'out', 'Le Centre est ouvert…'),
      row('c1', 'in', 'numéro sans frais', faq('telephone')),
      row('c1', 'out', '1 866 672-3460'),
      row('c1', 'in', 'Jean Tremblay', { dialog: 'complaintIntake' }), // a form answer: no intent
      row('c2', 'in', 'blabla', { intent: 'None' }),
      row('c2', 'out', "Je n'ai pas bien compris"),
      row('c2', 'in', ' Blabla ', { intent: 'None' }),
      row('c2', 'out', "Je n'ai pas bien compris"),
      row('c2', 'in', 'parler à un agent', { intent: 'handoff' }),
      row('c2', 'out', 'Téléphonez au…'),
      row('c3', 'in', 'météo demain', { intent: 'outOfScope' }),
      row('c3', 'in', '[retiré]', { intent: 'None', redacted: true }),
      row('c4', 'in', '', { activityType: 'conversationUpdate' }),
      row('c4', 'out', 'Bonjour!'),
      row('c5', 'in', 'heures', { ...faq('heures'), occurredAt: oct30 }),
      row('c6', 'in', 'faq', { intent: 'faq.menu', dialog: 'faq' }),
      row('c7', 'in', 'heures', { intent: 'faq.heures', dialog: 'complaintIntake' }),
      row('c8', 'in', "heures d'ouverture", faq('heures')),
      row('c8', 'in', 'heures samedi', faq('heures')),
    ]);
    const feedback = (entry: string, helpful: boolean, at = nov(11)) => ({ created_at: at.toISOString(), entry_id: entry, helpful, channel_id: 'webchat' });
    await db('faq_feedback').insert([
      feedback('heures', true),
      feedback('heures', false),
      feedback('telephone', true),
      feedback('entree-retiree', false),
      feedback('heures', true, oct30),
    ]);
    let n = 0;
    const incident = (kind: string, route: string, at: Date) => ({
      reference: `EX-2026-${String(++n).padStart(6, '0')}`,
      submission_id: `inc-${n}`,
      created_at: at.toISOString(),
      exam_in_progress: true,
      problem_kind: kind,
      priority: 'urgent',
      route,
      centre_open: true,
      calendar_version: calendar.version,
    });
    await db('exam_incidents').insert([
      incident('frozen', 'phone-now', nov(2)),
      incident('frozen', 'email', nov(3)),
      incident('access', 'email', nov(4)),
      incident('timer', 'email', oct30),
    ]);

    const complaints = new ComplaintService(new ComplaintRepository(db), calendar, fixedClock('2026-10-26T14:00:00Z'));
    const { complaint } = await complaints.create(
      { name: 'A', contactMethod: 'email', contactValue: 'a@exemple.ca', service: 'other', description: 'Test' },
      { submissionId: 'rem-1' },
    );
    const digest = (id: number, status: string, at: Date, extra: Record<string, unknown> = {}) => ({
      id,
      created_at: at.toISOString(),
      status,
      attempts: status === 'pending' ? 0 : 1,
      next_attempt_at: at.toISOString(),
      recipients: 'equipe@exemple.ca',
      subject: 'Rappel',
      text_body: 'x',
      html_body: 'x',
      alert_count: 1,
      sent_at: null,
      last_error_code: null,
      last_attempt_at: null,
      ...extra,
    });
    await db('reminder_digests').insert([
      digest(1, 'sent', nov(3), { sent_at: nov(3).toISOString() }),
      digest(2, 'failed', nov(5), {
        attempts: 3,
        last_error_code: 'ECONNECTION',
        last_attempt_at: nov(5, 14).toISOString(),
        next_attempt_at: nov(5, 15).toISOString(),
      }),
      digest(3, 'pending', nov(6)),
      digest(4, 'sent', oct30, { sent_at: oct30.toISOString() }),
    ]);
    const alert = (clockName: string, level: string, at: Date, extra: Record<string, unknown> = {}) => ({
      complaint_id: complaint.id,
      reference: complaint.reference,
      clock: clockName,
      level,
      due_date: '2026-11-06',
      business_days_left: 0,
      raised_at: at.toISOString(),
      sent_at: null,
      digest_id: null,
      superseded: false,
      ...extra,
    });
    await db('deadline_alerts').insert([
      alert('firstContact', 'atRisk', nov(3), { sent_at: nov(3).toISOString(), digest_id: 1 }),
      alert('firstContact', 'overdue', nov(5), { digest_id: 2 }),
      alert('answer', 'atRisk', nov(5), { superseded: true }),
      alert('answer', 'dueToday', nov(5), { sent_at: nov(5).toISOString(), digest_id: 1 }),
      alert('firstContact', 'dueToday', oct30, { sent_at: oct30.toISOString(), digest_id: 4 }),
    ]);
    stats = new StatisticsService(db, calendar, clock);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('counts conversations, messages, FAQ answers, misunderstandings and handoffs for November', async () => {
    const v = await stats.conversations(stats.periods.month('2026-11'));
    // c1, c2, c3, c6, c7 and c8 have a message from a person in November (c4 only a welcome, c5 is October).
    expect(v).toMatchObject({ conversations: 6, messagesIn: 12, messagesOut: 6 });
    // FAQ answers: faq.<id> intents answered by the « faq » dialog (not the FAQ menu, not another dialog).
    expect(v.faq.answered).toBe(4);
    expect(v.faq.topEntries).toEqual([
      { entryId: 'heures', answers: 3, responses: 2, helpful: 1, notHelpful: 1, responsePercent: 66.7, helpfulPercent: 50 },
      { entryId: 'telephone', answers: 1, responses: 1, helpful: 1, notHelpful: 0, responsePercent: 100, helpfulPercent: 100 },
    ]);
    expect(v.faq.feedback.map((f) => [f.entryId, f.answers, f.responses, f.helpfulPercent, f.responsePercent])).toEqual([
      ['heures', 3, 2, 50, 66.7],
      ['entree-retiree', 0, 1, 0, null],
      ['telephone', 1, 1, 100, 100],
    ]);
    // 4 of the 11 messages that went through recognition (the form answer did not).
    expect(v.notUnderstood).toEqual({
      count: 4,
      classified: 11,
      percent: 36.4,
      examples: [
        { text: 'Blabla', n: 2 },
        { text: 'météo demain', n: 1 },
      ],
    });
    expect(v.handoffs).toEqual({ count: 1, conversations: 1 });
  });

  it('counts exam incidents by kind and by route, every kind listed', async () => {
    const v = await stats.conversations(stats.periods.month('2026-11'));
    expect(v.examIncidents.total).toBe(3);
    expect(v.examIncidents.byKind.slice(0, 3)).toEqual([
      { key: 'frozen', n: 2 },
      { key: 'access', n: 1 },
      { key: 'timer', n: 0 },
    ]);
    expect(v.examIncidents.byKind).toHaveLength(6);
    expect(v.examIncidents.byRoute).toEqual([
      { key: 'email', n: 2 },
      { key: 'phone-now', n: 1 },
      { key: 'email-after-hours', n: 0 },
    ]);
  });

  it('counts reminder alerts by level and the digests by status, and shows the outbox failures', async () => {
    const r = (await stats.report(stats.periods.month('2026-11'))).reminders;
    expect(r.byLevel).toEqual([
      { level: 'atRisk', raised: 2, sent: 1, superseded: 1 },
      { level: 'dueToday', raised: 1, sent: 1, superseded: 0 },
      { level: 'overdue', raised: 1, sent: 0, superseded: 0 },
    ]);
    expect(r.byClock.find((c) => c.clock === 'answer' && c.level === 'atRisk')).toMatchObject({ raised: 1, superseded: 1 });
    expect(r.digests).toEqual({ pending: 1, sent: 1, failed: 1 });
    expect(r.outbox).toEqual({
      queued: 2,
      failing: 1,
      failures: [
        {
          id: 2,
          createdAt: '2026-11-05T12:00:00-05:00',
          attempts: 3,
          lastAttemptAt: '2026-11-05T14:00:00-05:00',
          lastErrorCode: 'ECONNECTION',
          nextAttemptAt: '2026-11-05T15:00:00-05:00',
          alertCount: 1,
        },
      ],
    });
    expect(JSON.stringify(r)).not.toContain('equipe@exemple.ca');
  });
});
