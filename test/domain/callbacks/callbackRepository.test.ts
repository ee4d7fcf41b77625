import { createCallbackService } from '../../../bot/callbackServices';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import type { CallbackInput } from '../../../domain/callbacks/callback';
import { CallbackError } from '../../../domain/callbacks/callback';
import { CallbackRepository } from '../../../domain/callbacks/callbackRepository';
import { CallbackReminders } from '../../../domain/callbacks/callbackReminders';
import type { CallbackService } from '../../../domain/callbacks/callbackService';
import { fixedClock } from '../../../domain/clock';
import { Database, openDatabase } from '../../../domain/db/database';
import { ServiceHours } from '../../../domain/serviceHours';
import { StaffDirectory, UnknownStaffError } from '../../../domain/staff/staffDirectory';
import { callbackStatistics } from '../../../domain/statistics/callbackStatistics';
import { describeEachDatabase } from '../../helpers/databases';

// Monday, November 23, 2026, 10 h in Québec.
const NOW = '2026-11-23T15:00:00Z';
const calendar = BusinessCalendar.fromDataFile();
const hours = ServiceHours.fromDataFile(calendar);
const staff = new StaffDirectory([
  { name: 'Alice', role: 'staff', email: 'alice@exemple.gouv.qc.ca' },
  { name: 'Bruno', role: 'staff' },
  { name: 'Gabrielle', role: 'manager', email: 'gabrielle@exemple.gouv.qc.ca' },
]);
const INPUT: CallbackInput = {
  name: 'Julie',
  phone: '418 555-0199',
  email: 'Julie@Courriel.exemple',
  subject: 'Mon inscription, NAS 046 454 286',
  slot: { date: '2026-11-23', period: 'afternoon' },
};

describeEachDatabase('callback requests', (databases) => {
  let db: Database;
  let clock: ReturnType<typeof fixedClock>;
  let service: CallbackService;

  beforeEach(async () => {
    db = await openDatabase(await databases.url());
    clock = fixedClock(NOW);
    service = createCallbackService(db, calendar, hours, clock, staff);
  });
  afterEach(async () => db.destroy());

  it('stores a request once per submission, normalized and masked, with a reference', async () => {
    const first = await service.create(INPUT, { submissionId: 's-1', locale: 'fr-CA', channelId: 'webchat' });
    const again = await service.create(INPUT, { submissionId: 's-1', locale: 'fr-CA', channelId: 'webchat' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ callback: first.callback, created: false });
    expect(first.callback).toMatchObject({ reference: 'RA-2026-000001', phone: '+14185550199', email: 'julie@courriel.exemple', status: 'pending' });
    expect(first.callback.subject).not.toContain('046 454 286');
    expect(first.callback.slot.start.toISOString()).toBe('2026-11-23T18:00:00.000Z');
    expect((await service.create(INPUT, { submissionId: 's-2' })).callback.reference).toBe('RA-2026-000002');
    const [{ n }] = (await db('callbacks').count({ n: '*' })) as Array<{ n: number }>;
    expect(Number(n)).toBe(2);
  });

  it('two confirmations at once store one request', async () => {
    const results = await Promise.all([1, 2, 3].map(() => service.create(INPUT, { submissionId: 'same' })));
    expect(new Set(results.map((r) => r.callback.reference)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('refuses a slot when the Centre is closed, on a holiday, or already passed', async () => {
    const refused = async (slot: CallbackInput['slot']) => service.create({ ...INPUT, slot }, { submissionId: `${slot.date}-${slot.period}` }).catch((e: CallbackError) => e.message);
    expect(await refused({ date: '2026-11-28', period: 'morning' })).toBe('closed');
    expect(await refused({ date: '2026-12-25', period: 'morning' })).toBe('holiday');
    expect(await refused({ date: '2026-11-20', period: 'morning' })).toBe('past');
    clock.set('2026-11-23T16:45:00Z'); // 11 h 45: 15 minutes left this morning
    expect(await refused({ date: '2026-11-23', period: 'morning' })).toBe('past');
    await expect(service.create({ ...INPUT, phone: '123' }, { submissionId: 'bad' })).rejects.toThrow('phone');
  });

  it('assigns to named staff, records attempts and closes with who did what', async () => {
    const { callback } = await service.create(INPUT, { submissionId: 's-1' });
    await expect(service.assign(callback.reference, 'Zoé', { actor: 'Gabrielle' })).rejects.toBeInstanceOf(UnknownStaffError);
    await service.assign(callback.reference, 'alice', { actor: 'Gabrielle', note: 'Elle connaît le dossier' });
    expect((await service.list({ assignedTo: 'ALICE' })).map((c) => c.reference)).toEqual([callback.reference]);
    expect(await service.list({ unassigned: true })).toEqual([]);
    clock.set('2026-11-23T18:30:00Z');
    const attempted = await service.recordAttempt(callback.reference, 'noAnswer', { actor: 'Alice' });
    expect(attempted).toMatchObject({ status: 'attempted', attempts: 1 });
    clock.set('2026-11-23T19:30:00Z');
    const done = await service.recordAttempt(callback.reference, 'messageLeft', { actor: 'alice' });
    expect(done).toMatchObject({ status: 'done', outcome: 'messageLeft', attempts: 2 });
    await expect(service.cancel(callback.reference, { actor: 'Alice', note: 'doublon' })).rejects.toMatchObject({ code: 'closed' });
    const { history } = (await service.show(callback.reference))!;
    expect(history.map((e) => [e.type, e.actor, e.result ?? e.assignee ?? null])).toEqual([
      ['created', 'citizen', null],
      ['assigned', 'Gabrielle', 'Alice'],
      ['attempt', 'Alice', 'noAnswer'],
      ['done', 'Alice', 'messageLeft'],
    ]);
    expect((await service.list({ statuses: ['done'], slotFrom: '2026-11-23', slotTo: '2026-11-23' })).map((c) => c.reference)).toEqual([callback.reference]);
    expect(await service.list({ statuses: ['done'], slotFrom: '2026-11-24' })).toEqual([]);
  });

  it('cancelling needs a note', async () => {
    const { callback } = await service.create(INPUT, { submissionId: 's-1' });
    await expect(service.cancel(callback.reference, { actor: 'Alice' })).rejects.toMatchObject({ code: 'invalid' });
    expect(await service.cancel(callback.reference, { actor: 'Alice', note: 'La personne a téléphoné elle-même' })).toMatchObject({ status: 'cancelled' });
  });

  it('signals a slot about to pass without a call once, to the officer or to the managers', async () => {
    const mine = (await service.create(INPUT, { submissionId: 'a' })).callback;
    const nobody = (await service.create({ ...INPUT, slot: { date: '2026-11-23', period: 'afternoon' } }, { submissionId: 'b' })).callback;
    const later = (await service.create({ ...INPUT, slot: { date: '2026-11-24', period: 'morning' } }, { submissionId: 'c' })).callback;
    await service.assign(mine.reference, 'Alice', { actor: 'Alice' });
    const reminders = new CallbackReminders(db, new CallbackRepository(db), {
      leadMinutes: 60,
      managers: ['gestion@exemple.gouv.qc.ca'],
      staff,
      publicBaseUrl: 'https://assistant.exemple.gouv.qc.ca',
      timeZone: calendar.timeZone,
    });
    // 13 h: the afternoon ends at 16 h 30, more than an hour away.
    expect(await reminders.claim(new Date('2026-11-23T18:00:00Z'))).toEqual([]);
    // 15 h 45: 45 minutes left. Two passes at once (two instances): each request is signalled once.
    const at = new Date('2026-11-23T20:45:00Z');
    const [a, b] = await Promise.all([reminders.claim(at), reminders.claim(at)]);
    const queued = [...a, ...b];
    expect(queued.flatMap((q) => q.references).sort()).toEqual([mine.reference, nobody.reference].sort());
    expect(queued.find((q) => q.references.includes(mine.reference))?.routedTo).toBe('officer');
    expect(queued.find((q) => q.references.includes(nobody.reference))?.routedTo).toBe('managers');
    expect(await reminders.claim(new Date('2026-11-23T21:00:00Z'))).toEqual([]);
    const digests = (await db('reminder_digests').where({ kind: 'callback' }).orderBy('id')) as Array<{ recipients: string; subject: string; text_body: string }>;
    expect(digests.map((d) => d.recipients).sort()).toEqual(['alice@exemple.gouv.qc.ca', 'gestion@exemple.gouv.qc.ca']);
    // Nothing personal in a staff reminder: the reference and the slot, never the phone or the subject.
    for (const d of digests) expect(d.text_body).not.toMatch(/555|inscription/);
    expect(later.status).toBe('pending');
  });

  it('erases personal information after the retention period, keeping the figures', async () => {
    const { callback } = await service.create(INPUT, { submissionId: 's-1' });
    await db('citizen_mails').insert({
      callback_id: callback.id,
      reference: callback.reference,
      kind: 'callback',
      lang: 'fr',
      created_at: NOW,
      status: 'pending',
      attempts: 0,
      next_attempt_at: NOW,
      recipient: 'julie@courriel.exemple',
      subject: 's',
      text_body: 'corps',
      html_body: '<p>corps</p>',
    });
    clock.set('2026-11-23T18:30:00Z');
    await service.recordAttempt(callback.reference, 'reached', { actor: 'Alice', note: 'Joint au 418 555-0199' });
    expect((await service.anonymizeOlderThan(90, new Date('2027-02-20T15:00:00Z'))).anonymized).toBe(0);
    expect((await service.anonymizeOlderThan(90, new Date('2027-02-22T15:00:00Z'))).anonymized).toBe(1);
    const stored = (await service.get(callback.reference))!;
    expect(stored).toMatchObject({ phone: '', name: undefined, email: undefined, subject: '', status: 'done', outcome: 'reached' });
    expect((await service.show(callback.reference))!.history.every((e) => e.note === undefined)).toBe(true);
    expect(await db('citizen_mails').where({ callback_id: callback.id }).first('recipient', 'text_body')).toEqual({ recipient: '', text_body: '' });
  });

  it('counts requests, calls made, made by the slot day, and the median delay', async () => {
    const a = (await service.create(INPUT, { submissionId: 'a' })).callback;
    const b = (await service.create({ ...INPUT, slot: { date: '2026-11-24', period: 'morning' } }, { submissionId: 'b' })).callback;
    const c = (await service.create(INPUT, { submissionId: 'c' })).callback;
    await service.create(INPUT, { submissionId: 'd' });
    clock.set('2026-11-23T19:00:00Z'); // 4 hours after the requests, on a's slot day
    await service.recordAttempt(a.reference, 'reached', { actor: 'Alice' });
    clock.set('2026-11-25T15:00:00Z'); // the day after b's slot
    await service.recordAttempt(b.reference, 'messageLeft', { actor: 'Alice' });
    await service.cancel(c.reference, { actor: 'Alice', note: 'doublon' });
    const period = { startsAt: calendar.startOf('2026-11-01'), endsBefore: calendar.startOf('2026-12-01') };
    expect(await callbackStatistics(db, period, calendar)).toEqual({
      requested: 4,
      cancelled: 1,
      open: 1,
      made: 2,
      reached: 1,
      messageLeft: 1,
      madeWithinSlotDay: 1,
      madeWithinSlotDayPercent: 33.3,
      medianDelayHours: 26,
    });
  });
});
