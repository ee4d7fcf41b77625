import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { ComplaintInput, ComplaintService as ServiceKey } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { Database, openDatabase } from '../../../domain/db/database';
import { median, mean, StatisticsReport, StatisticsService } from '../../../domain/statistics/statisticsService';
import { describeEachDatabase } from '../../helpers/databases';
import { insertComplaints } from '../../helpers/complaintRows';

const calendar = BusinessCalendar.fromDataFile();
/** A wall-clock time in Québec. */
const at = (date: string, h: number, m = 0) => calendar.instantAt(date, h, m);

const input = (service: ServiceKey): ComplaintInput => ({
  name: 'Personne Test',
  contactMethod: 'email',
  contactValue: 'personne@exemple.ca',
  service,
  description: 'Attente trop longue au téléphone.',
});

/**
 * Eight complaints, each chosen for one rule (business days counted by hand below; Thanksgiving,
 * Monday 2026-10-12, and Labour Day, Monday 2026-09-07, are holidays):
 *
 * H received Thu 2026-08-20; contact Aug 21 (1 business day); answer Sep 2 (9); closed Sep 3.
 * C received Fri 2026-09-25; contact due Oct 2, made Thu Oct 1 (4); answer due Oct 26; abandoned Oct 20 (answer clock stopped).
 * A received Tue 2026-10-06; contact due Wed Oct 14 = the 5th business day (7, 8, 9, [12 holiday], 13, 14):
 *   contact made Oct 14 → ON TIME (5); answer due Nov 4, made Nov 3 (19); closed Nov 5.
 * B received Tue 2026-10-06; contact made Thu Oct 15, the 6th business day → BREACH (6); answer Nov 10, late (24).
 * G received Thu 2026-10-08; abandoned Oct 9, before both due dates (Oct 16, Nov 6): both clocks stopped.
 * D received Mon 2026-10-19; never contacted: contact due Oct 26 → breach; answer due Nov 16 → breach.
 * E received Sat 2026-10-31 at 23:30 Québec time (Nov 1 03:30 UTC: still October here); answered directly
 *   Thu Nov 5 (4 business days: Nov 2–5), which is also its first contact; contact due Nov 6, answer due Nov 27.
 * F received Wed 2026-11-18; contact due Nov 25, answer due Dec 16: both pending on Nov 20.
 */
async function seed(service: ComplaintService, clock: ReturnType<typeof fixedClock>): Promise<Record<string, string>> {
  const refs: Record<string, string> = {};
  const create = async (key: string, svc: ServiceKey, receivedAt: Date) => {
    clock.set(receivedAt);
    refs[key] = (await service.create(input(svc), { submissionId: `seed-${key}` })).complaint.reference;
  };
  const by = { actor: 'test' };
  await create('H', 'ca-dotation-phone', at('2026-08-20', 10));
  await create('C', 'ca-dotation-phone', at('2026-09-25', 15));
  await create('A', 'ca-dotation-phone', at('2026-10-06', 10));
  await create('B', 'online-exams', at('2026-10-06', 11));
  await create('G', 'qualification-processes', at('2026-10-08', 9));
  await create('D', 'online-staffing-systems', at('2026-10-19', 9));
  await create('E', 'ca-dotation-email', at('2026-10-31', 23, 30));
  await create('F', 'other', at('2026-11-18', 10));
  clock.set('2026-11-20T17:00:00Z');

  await service.recordFirstContact(refs.H, { ...by, at: at('2026-08-21', 10) });
  await service.recordAnswer(refs.H, { ...by, at: at('2026-09-02', 10) });
  await service.close(refs.H, { ...by, at: at('2026-09-03', 10) });
  await service.recordFirstContact(refs.C, { ...by, at: at('2026-10-01', 10) });
  await service.abandon(refs.C, { ...by, at: at('2026-10-20', 10) });
  await service.recordFirstContact(refs.A, { ...by, at: at('2026-10-14', 16) });
  await service.recordAnswer(refs.A, { ...by, at: at('2026-11-03', 10) });
  await service.close(refs.A, { ...by, at: at('2026-11-05', 10) });
  await service.recordFirstContact(refs.B, { ...by, at: at('2026-10-15', 9) });
  await service.recordAnswer(refs.B, { ...by, at: at('2026-11-10', 9) });
  await service.abandon(refs.G, { ...by, at: at('2026-10-09', 9) });
  await service.recordAnswer(refs.E, { ...by, at: at('2026-11-05', 14) });
  return refs;
}

describeEachDatabase('complaint statistics on a seeded database', (databases) => {
  let db: Database;
  let stats: StatisticsService;
  let refs: Record<string, string>;
  const clock = fixedClock('2026-08-01T12:00:00Z');

  beforeAll(async () => {
    db = await openDatabase(await databases.url());
    const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
    refs = await seed(complaints, clock);
    stats = new StatisticsService(db, calendar, clock);
  });
  afterAll(async () => {
    await db.destroy();
  });

  const report = async (request: { period?: string; fiscalYear?: string; from?: string; to?: string }): Promise<StatisticsReport> =>
    stats.report(stats.periods.fromRequest(request, clock.now()));

  it('stores the business days the standards measure (5th day on time, 6th late, across Thanksgiving)', async () => {
    const [a, b] = [await db('complaints').where({ reference: refs.A }).first(), await db('complaints').where({ reference: refs.B }).first()];
    expect(a).toMatchObject({ first_contact_due_date: '2026-10-14', first_contact_business_days: 5, answer_due_date: '2026-11-04', answer_business_days: 19 });
    expect(b).toMatchObject({ first_contact_due_date: '2026-10-14', first_contact_business_days: 6, answer_business_days: 24 });
  });

  it('computes October 2026 by hand: counts, carried over, open, both clocks', async () => {
    const r = await report({ period: '2026-10' });
    expect(r.period).toEqual({ kind: 'month', label: '2026-10', from: '2026-10-01', to: '2026-10-31' });
    const t = r.complaints.totals;
    // Received A, B, G, D and E (Oct 31 at 23:30 in Québec); C came in September, F in November.
    expect(t).toMatchObject({ received: 5, contacted: 3, answered: 0, closed: 0, abandoned: 2, carriedOver: 1, openAtEnd: 4 });
    // First contact: on time A (5th day) and C; late B (6th day) and D (never); G stopped; 2 of 4 = 50 %.
    expect(t.firstContact).toMatchObject({
      standardBusinessDays: 5,
      targetPercent: 95,
      events: 3,
      onTime: 2,
      late: 2,
      measured: 4,
      percentOnTime: 50,
      met: false,
      pending: 0,
      stopped: 1,
      meanBusinessDays: 5, // (5 + 6 + 4) / 3
      medianBusinessDays: 5,
    });
    // Answer: C's due date (Oct 26) fell in October but C was abandoned before it: nothing measured.
    expect(t.answer).toMatchObject({
      events: 0,
      onTime: 0,
      late: 0,
      measured: 0,
      percentOnTime: null,
      met: null,
      stopped: 1,
      meanBusinessDays: null,
      medianBusinessDays: null,
    });
    expect(r.complaints.breaches).toEqual({
      total: 2,
      truncated: false,
      items: [
        {
          reference: refs.B,
          service: 'online-exams',
          status: 'answered',
          clock: 'firstContact',
          receivedDate: '2026-10-06',
          dueDate: '2026-10-14',
          eventAt: '2026-10-15T09:00:00-04:00',
          businessDays: 6,
        },
        {
          reference: refs.D,
          service: 'online-staffing-systems',
          status: 'received',
          clock: 'firstContact',
          receivedDate: '2026-10-19',
          dueDate: '2026-10-26',
          eventAt: null,
          businessDays: null,
        },
      ],
    });
  });

  it('computes November 2026 (not over: F pending) by hand', async () => {
    const t = (await report({ period: '2026-11' })).complaints.totals;
    expect(t).toMatchObject({ received: 1, contacted: 1, answered: 3, closed: 1, abandoned: 0, carriedOver: 4, openAtEnd: 4 });
    expect(t.firstContact).toMatchObject({
      onTime: 1,
      late: 0,
      measured: 1,
      percentOnTime: 100,
      met: true,
      pending: 1,
      meanBusinessDays: 4,
      medianBusinessDays: 4,
    });
    // Answers: A (19) and E (4) on time, B (24) late; D's due date Nov 16 passed without one; G stopped.
    expect(t.answer).toMatchObject({
      events: 3,
      onTime: 2,
      late: 2,
      measured: 4,
      percentOnTime: 50,
      met: false,
      stopped: 1,
      meanBusinessDays: 15.7, // 47 / 3
      medianBusinessDays: 19,
    });
  });

  it('computes the fiscal year 2026-2027, and its months add up to it', async () => {
    const r = await report({ fiscalYear: '2026-2027' });
    expect(r.period).toMatchObject({ kind: 'fiscalYear', from: '2026-04-01', to: '2027-03-31' });
    const t = r.complaints.totals;
    expect(t).toMatchObject({ received: 8, contacted: 5, answered: 4, closed: 2, abandoned: 2, carriedOver: 0, openAtEnd: 4 });
    expect(t.firstContact).toMatchObject({
      onTime: 4,
      late: 2,
      measured: 6,
      percentOnTime: 66.7,
      met: false,
      pending: 1,
      stopped: 1,
      meanBusinessDays: 4,
      medianBusinessDays: 4,
    });
    expect(t.answer).toMatchObject({
      onTime: 3,
      late: 2,
      measured: 5,
      percentOnTime: 60,
      met: false,
      pending: 1,
      stopped: 2,
      meanBusinessDays: 14,
      medianBusinessDays: 14,
    });

    // Months that have started (April to November), each with its own figures.
    expect(r.complaints.byMonth.map((m) => m.label)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const sumOf = (pick: (m: (typeof r.complaints.byMonth)[number]) => number) => r.complaints.byMonth.reduce((s, m) => s + pick(m), 0);
    expect(sumOf((m) => m.figures.received)).toBe(t.received);
    expect(sumOf((m) => m.figures.firstContact.onTime)).toBe(t.firstContact.onTime);
    expect(sumOf((m) => m.figures.firstContact.late)).toBe(t.firstContact.late);
    expect(sumOf((m) => m.figures.answer.late)).toBe(t.answer.late);
    const august = r.complaints.byMonth.find((m) => m.label === '2026-08')!.figures;
    expect(august).toMatchObject({ received: 1, contacted: 1, carriedOver: 0, openAtEnd: 1 });
    expect(august.firstContact).toMatchObject({ onTime: 1, late: 0, percentOnTime: 100, met: true });
    const september = r.complaints.byMonth.find((m) => m.label === '2026-09')!.figures;
    expect(september).toMatchObject({ received: 1, answered: 1, closed: 1, carriedOver: 1, openAtEnd: 1 });
    // Each month starts with what the previous one left open.
    r.complaints.byMonth.slice(1).forEach((m, i) => expect(m.figures.carriedOver).toBe(r.complaints.byMonth[i].figures.openAtEnd));

    expect(r.complaints.byFiscalYear).toHaveLength(1);
    expect(r.complaints.byFiscalYear[0]).toMatchObject({ label: '2026-2027', from: '2026-04-01', to: '2027-03-31' });
    expect(r.complaints.byFiscalYear[0].figures).toEqual(t);
    expect(r.complaints.breaches.items.map((b) => `${b.reference}:${b.clock}`)).toEqual([
      `${refs.B}:firstContact`,
      `${refs.D}:firstContact`,
      `${refs.B}:answer`,
      `${refs.D}:answer`,
    ]);
  });

  it('breaks October down by service', async () => {
    const r = await report({ period: '2026-10' });
    const phone = r.complaints.byService.find((s) => s.service === 'ca-dotation-phone')!.figures;
    // A received in October; C carried over from September, contacted on time, then abandoned.
    expect(phone).toMatchObject({ received: 1, contacted: 2, abandoned: 1, carriedOver: 1, openAtEnd: 1 });
    expect(phone.firstContact).toMatchObject({ onTime: 2, late: 0, percentOnTime: 100, met: true });
    const exams = r.complaints.byService.find((s) => s.service === 'online-exams')!.figures;
    expect(exams.firstContact).toMatchObject({ onTime: 0, late: 1, percentOnTime: 0, met: false });
    expect(r.complaints.byService.map((s) => s.service)).toEqual(expect.arrayContaining(['ca-dotation-phone', 'online-exams', 'other']));
    const sum = r.complaints.byService.reduce((s, x) => s + x.figures.received, 0);
    expect(sum).toBe(r.complaints.totals.received);
  });

  it('splits a range over two fiscal years and cuts months at Québec midnight', async () => {
    const r = await report({ from: '2026-03-15', to: '2026-10-31' });
    expect(r.complaints.byFiscalYear.map((y) => [y.label, y.from, y.to])).toEqual([
      ['2025-2026', '2026-03-15', '2026-03-31'],
      ['2026-2027', '2026-04-01', '2026-10-31'],
    ]);
    expect(r.complaints.byMonth[0]).toMatchObject({ label: '2026-03', from: '2026-03-15', to: '2026-03-31' });
    // E (Oct 31, 23:30 in Québec) is in this range; F (Nov 18) is not.
    expect(r.complaints.totals.received).toBe(7);
  });

  it('gives the mean and the median from a histogram of business days', () => {
    expect(
      median([
        { days: 4, n: 1 },
        { days: 9, n: 1 },
        { days: 19, n: 1 },
        { days: 24, n: 1 },
      ]),
    ).toBe(14);
    expect(
      median([
        { days: 1, n: 1 },
        { days: 4, n: 2 },
        { days: 6, n: 1 },
        { days: 5, n: 1 },
      ]),
    ).toBe(4);
    expect(median([])).toBeNull();
    expect(
      mean([
        { days: 5, n: 2 },
        { days: 6, n: 1 },
      ]),
    ).toBe(5.3);
  });
});

describeEachDatabase('complaint statistics at volume', (databases) => {
  let db: Database;
  const clock = fixedClock('2026-12-15T17:00:00Z');

  beforeAll(async () => {
    db = await openDatabase(await databases.url());
    // 1,500 complaints from Sep 1, one every 70 minutes (to mid-October), each contacted 2 days later.
    await insertComplaints(db, calendar, { count: 1500, start: at('2026-09-01', 8), spacingMinutes: 70, contactAfterDays: 2 });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('aggregates in SQL: no query returns one row per complaint', async () => {
    const stats = new StatisticsService(db, calendar, clock);
    const sizes: number[] = [];
    const listener = (response: unknown, query: { sql: string }) => {
      // The breach list is a list by design (capped at 500): it is the only ordered, limited query.
      if (Array.isArray(response) && !/order by [\w_]+_due_date, reference limit/.test(query.sql)) sizes.push(response.length);
    };
    db.on('query-response', listener);
    const r = await stats.report(stats.periods.fiscalYear('2026-2027'));
    db.off('query-response', listener);
    expect(r.complaints.totals.received).toBe(1500);
    expect(r.complaints.totals.contacted).toBe(1500);
    // At most (months or services) × distinct business-day counts: small, whatever the volume.
    expect(Math.max(...sizes)).toBeLessThan(60);
    expect(r.complaints.breaches).toMatchObject({ total: 1500, truncated: true });
    expect(r.complaints.breaches.items).toHaveLength(500);
  });
});
