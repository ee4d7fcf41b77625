import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { ComplaintInput } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintError, ComplaintService } from '../../../domain/complaints/complaintService';
import { contactKey, formatPhone, normalizeEmail, normalizePhone } from '../../../domain/complaints/contact';
import { clockStatus, computeDeadlines } from '../../../domain/complaints/deadlines';
import { Database, openDatabase } from '../../../domain/db/database';
import { parseReference } from '../../../domain/references';
import { describeEachDatabase } from '../../helpers/databases';

const calendar = BusinessCalendar.fromDataFile();
const input: ComplaintInput = {
  name: 'Marie Tremblay',
  contactMethod: 'email',
  contactValue: ' Marie.Tremblay@Exemple.QC.ca ',
  service: 'ca-dotation-phone',
  description: "J'ai attendu 40 minutes au téléphone sans réponse.",
};

describe('complaint deadlines', () => {
  it('puts the 5- and 20-business-day deadlines at the end of the local day', () => {
    const d = computeDeadlines(new Date('2026-11-21T04:30:00Z'), calendar); // vendredi 20 nov. 2026, 23 h 30
    expect(d).toMatchObject({ receivedDate: '2026-11-20', firstContactDueDate: '2026-11-27', answerDueDate: '2026-12-18', calendarVersion: calendar.version });
    expect(d.firstContactDueAt.toISOString()).toBe('2026-11-28T04:59:59.999Z');
  });

  it('skips the year-end holidays', () => {
    const d = computeDeadlines(new Date('2026-12-21T15:00:00Z'), calendar); // lundi 21 déc. 2026
    expect(d.firstContactDueDate).toBe('2027-01-05'); // 22, 23, 29, 30 déc., 5 janv.
    expect(d.answerDueDate).toBe('2027-01-26'); // …, 5 au 8, 11 au 15, 18 au 22, 25 et 26 janv.
  });

  it.each([
    ['2026-11-23T15:00:00Z', undefined, 'onTime', 4],
    ['2026-11-26T15:00:00Z', undefined, 'atRisk', 1],
    ['2026-11-27T15:00:00Z', undefined, 'dueToday', 0],
    ['2026-11-30T15:00:00Z', undefined, 'overdue', undefined],
    ['2026-11-30T15:00:00Z', '2026-11-27T20:00:00Z', 'met', undefined],
    ['2026-12-01T15:00:00Z', '2026-11-30T15:00:00Z', 'metLate', undefined],
  ])('the first-contact clock at %s (event %s) is %s', (now, eventAt, state, left) => {
    const status = clockStatus({
      dueDate: '2026-11-27',
      eventAt: eventAt ? new Date(eventAt) : undefined,
      now: new Date(now),
      calendar,
      atRiskBusinessDays: 1,
    });
    expect(status.state).toBe(state);
    expect(status.businessDaysLeft).toBe(left);
  });

  it('counts the business days of lateness across a weekend', () => {
    expect(clockStatus({ dueDate: '2026-11-27', now: new Date('2026-12-01T15:00:00Z'), calendar, atRiskBusinessDays: 1 })).toMatchObject({
      state: 'overdue',
      businessDaysLate: 2,
    });
  });
});

describe('contact validation', () => {
  it.each(['418 555-0199', '(418) 555-0199', '418.555.0199', '4185550199', '1 418 555-0199', '+1 418 555 0199', '1-418-555-0199'])('accepts %s', (phone) => {
    expect(normalizePhone(phone)).toBe('+14185550199');
  });
  it('keeps an extension', () => expect(normalizePhone('418\u00a0555-0199 poste 123')).toBe('+14185550199,123'));
  it.each(['555-0199', '418 555 019', '018 555-0199', 'quatre-un-huit', '418 555-0199 5'])('rejects %s', (phone) =>
    expect(normalizePhone(phone)).toBeUndefined(),
  );
  it('formats for display', () => expect(formatPhone('+14185550199,12')).toBe('418\u00a0555-0199, poste 12'));
  it('normalizes e-mails', () => {
    expect(normalizeEmail(' A.B@Exemple.CA ')).toBe('a.b@exemple.ca');
    expect(normalizeEmail('a.b@exemple')).toBeUndefined();
    expect(contactKey('phone', '418\u00a0555-0199 poste 3')).toBe('+14185550199');
  });
  it('parses references loosely', () => {
    expect(parseReference('PL', 'pl 2026 123')).toBe('PL-2026-000123');
    expect(parseReference('PL', 'PL-2026-000123')).toBe('PL-2026-000123');
    expect(parseReference('PL', 'EX-2026-000123')).toBeUndefined();
  });
});

describeEachDatabase('ComplaintService', (databases) => {
  let db: Database;
  const clock = fixedClock('2026-11-23T15:00:00Z');
  let service: ComplaintService;

  beforeAll(async () => {
    db = await openDatabase(await databases.url());
    service = new ComplaintService(new ComplaintRepository(db), calendar, clock);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('creates a complaint with a yearly reference, both deadlines, the calendar version and a first event', async () => {
    const { complaint, created } = await service.create(input, { submissionId: 's-1', channelId: 'test', conversationId: 'c-1', locale: 'fr-CA' });
    expect(created).toBe(true);
    expect(complaint).toMatchObject({
      reference: 'PL-2026-000001',
      status: 'received',
      contactValue: 'marie.tremblay@exemple.qc.ca',
      receivedDate: '2026-11-23',
      firstContactDueDate: '2026-11-30',
      answerDueDate: '2026-12-21',
      calendarVersion: calendar.version,
    });
    expect(await service.history(complaint.reference)).toMatchObject([{ type: 'received', toStatus: 'received', actor: 'citoyen' }]);
    const second = await service.create(input, { submissionId: 's-2' });
    expect(second.complaint.reference).toBe('PL-2026-000002');
  });

  it('returns the same complaint for a repeated submission, even when both arrive together', async () => {
    const [a, b] = await Promise.all([service.create(input, { submissionId: 's-double' }), service.create(input, { submissionId: 's-double' })]);
    expect(a.complaint.reference).toBe(b.complaint.reference);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    expect(await db('complaints').where({ submission_id: 's-double' }).count({ n: '*' })).toEqual([{ n: 1 }]);
  });

  it('rejects invalid input without storing anything', async () => {
    await expect(service.create({ ...input, contactValue: 'pas-un-courriel' }, { submissionId: 's-bad' })).rejects.toBeInstanceOf(ComplaintError);
    await expect(service.create({ ...input, description: 'x'.repeat(4001) }, { submissionId: 's-bad' })).rejects.toThrow(/4000/);
    expect(await service.list({ statuses: ['received'] })).not.toContainEqual(expect.objectContaining({ reference: 's-bad' }));
  });

  it('finds a complaint for its citizen only with the contact given at intake', async () => {
    const { complaint } = await service.create({ ...input, contactMethod: 'phone', contactValue: '(418) 555-0199' }, { submissionId: 's-phone' });
    expect((await service.findForCitizen(complaint.reference, '418 555 0199'))?.reference).toBe(complaint.reference);
    expect(await service.findForCitizen(complaint.reference, '418 555 0198')).toBeUndefined();
    expect(await service.findForCitizen('PL-2026-999999', '418 555 0199')).toBeUndefined();
  });

  it('walks the statuses, stops the clocks and keeps the history', async () => {
    const { complaint } = await service.create(input, { submissionId: 's-flow' });
    clock.set('2026-11-25T14:00:00Z');
    const contacted = await service.recordFirstContact(complaint.reference, { actor: 'alice', note: 'Appel fait' });
    expect(contacted.status).toBe('contacted');
    expect(contacted.firstContactAt?.toISOString()).toBe('2026-11-25T14:00:00.000Z');
    expect(contacted.firstContactBusinessDays).toBe(2);
    await expect(service.recordFirstContact(complaint.reference, { actor: 'alice' })).rejects.toMatchObject({ code: 'invalidTransition' });
    await expect(service.close(complaint.reference, { actor: 'alice' })).rejects.toMatchObject({ code: 'invalidTransition' });
    clock.set('2026-12-10T14:00:00Z');
    const answered = await service.recordAnswer(complaint.reference, { actor: 'bob', note: 'Réponse écrite envoyée' });
    expect(answered.answerBusinessDays).toBe(13);
    const closed = await service.close(complaint.reference, { actor: 'bob' });
    expect(closed.status).toBe('closed');
    expect((await service.history(complaint.reference)).map((e) => `${e.type}:${e.fromStatus ?? ''}>${e.toStatus}:${e.actor}`)).toEqual([
      'received:>received:citoyen',
      'first_contact:received>contacted:alice',
      'answered:contacted>answered:bob',
      'closed:answered>closed:bob',
    ]);
    clock.set('2026-11-23T15:00:00Z');
  });

  it('counts an answer without a recorded contact as the first contact', async () => {
    const { complaint } = await service.create(input, { submissionId: 's-answer-only' });
    const answered = await service.recordAnswer(complaint.reference, { actor: 'bob' });
    expect(answered.firstContactAt).toEqual(answered.answeredAt);
  });

  it('refuses an event dated before the complaint, and an unknown reference', async () => {
    const { complaint } = await service.create(input, { submissionId: 's-early' });
    await expect(service.recordFirstContact(complaint.reference, { actor: 'alice', at: new Date('2026-11-01T00:00:00Z') })).rejects.toMatchObject({
      code: 'invalidInput',
    });
    await expect(service.recordFirstContact('PL-2026-999999', { actor: 'alice' })).rejects.toMatchObject({ code: 'notFound' });
  });

  it('anonymizes complaints finished longer ago than the retention period', async () => {
    const { complaint } = await service.create(input, { submissionId: 's-old' });
    await service.abandon(complaint.reference, { actor: 'alice' });
    clock.set('2029-01-01T00:00:00Z');
    expect(await service.anonymizeFinished(730)).toBeGreaterThanOrEqual(1);
    const after = await service.get(complaint.reference);
    expect(after).toMatchObject({ anonymized: true, name: '', contactValue: '', description: '', status: 'abandoned' });
    expect(await service.findForCitizen(complaint.reference, input.contactValue)).toBeUndefined();
    clock.set('2026-11-23T15:00:00Z');
  });

  it('streams complaints in reception order', async () => {
    const references: string[] = [];
    for await (const c of service.stream({ statuses: ['received'] })) references.push(c.reference);
    expect(references.length).toBeGreaterThan(0);
    expect([...references].sort()).toEqual(references);
  });
});
