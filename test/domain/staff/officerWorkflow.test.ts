import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintError, ComplaintService } from '../../../domain/complaints/complaintService';
import { parseStatusList, parseStatusName } from '../../../domain/complaints/statusNames';
import { Database, openDatabase } from '../../../domain/db/database';
import { ListMigrationSource, migrations } from '../../../domain/db/migrations';
import { ExamIncidentRepository } from '../../../domain/exams/examIncidentRepository';
import { ExamIncidentService } from '../../../domain/exams/examIncidentService';
import { IncidentWorkflow, IncidentWorkflowError } from '../../../domain/exams/incidentWorkflow';
import { ServiceHours } from '../../../domain/serviceHours';
import { ComplaintDesk } from '../../../domain/staff/complaintDesk';
import { StaffDirectory, UnknownStaffError } from '../../../domain/staff/staffDirectory';
import { PeriodFactory } from '../../../domain/statistics/period';
import { StatisticsService } from '../../../domain/statistics/statisticsService';
import { describeEachDatabase } from '../../helpers/databases';

const calendar = BusinessCalendar.fromDataFile();
const at = (date: string, h: number, m = 0) => calendar.instantAt(date, h, m);

const input: ComplaintInput = {
  name: 'Hélène Bélanger',
  contactMethod: 'phone',
  contactValue: '819 555-0177',
  service: 'ca-dotation-phone',
  description: "Personne ne m'a rappelée après trois appels au Centre d'assistance.",
};

describe('status names as staff write them', () => {
  it.each([
    ['reçue', 'received'],
    ['RECUE', 'received'],
    ['Reçues', 'received'],
    ['prise en charge', 'contacted'],
    ['Prises en charge', 'contacted'],
    ['répondue', 'answered'],
    ['fermee', 'closed'],
    ['Abandonnée', 'abandoned'],
    ['contacted', 'contacted'],
    ['being handled', 'contacted'],
  ])('« %s » is %s', (name, status) => {
    expect(parseStatusName(name)).toBe(status);
  });

  it('reads a list and reports the names it does not know', () => {
    expect(parseStatusList('reçue, prise en charge,received')).toEqual({ statuses: ['received', 'contacted'], unknown: [] });
    expect(parseStatusList('ouverte,fermée')).toEqual({ statuses: ['closed'], unknown: ['ouverte'] });
  });
});

describeEachDatabase('officers’ workflow', (databases) => {
  let db: Database;
  const clock = fixedClock(at('2026-10-06', 10));
  let complaints: ComplaintService;
  let desk: ComplaintDesk;
  const directory = new StaffDirectory([
    { name: 'alice', role: 'staff', email: 'alice@exemple.gouv.qc.ca' },
    { name: 'Bob', role: 'manager' },
  ]);

  beforeEach(async () => {
    db = await openDatabase(await databases.url());
    clock.set(at('2026-10-06', 10));
    complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
    desk = new ComplaintDesk(complaints, calendar, clock, { firstContact: 1, answer: 3 }, directory);
  });
  afterEach(async () => {
    await db.destroy();
  });

  const file = async (id: string, overrides: Partial<ComplaintInput> = {}) =>
    (await complaints.create({ ...input, ...overrides }, { submissionId: id })).complaint.reference;

  it('assigns, reassigns and unassigns a complaint, in its history, with the directory’s spelling', async () => {
    const ref = await file('a1');
    clock.set(at('2026-10-06', 11));
    const assigned = await desk.assign(ref, 'ALICE', 'Bob');
    expect(assigned).toMatchObject({ assignedTo: 'alice', assignedAt: at('2026-10-06', 11) });
    expect(await desk.assign(ref, 'alice', 'Bob')).toMatchObject({ assignedTo: 'alice' }); // no change, no event
    await desk.assign(ref, 'bob', 'alice', 'Congé');
    await desk.assign(ref, undefined, 'Bob');
    const history = await complaints.history(ref);
    expect(history.map((e) => [e.type, e.actor, e.assignee, e.previousAssignee, e.note])).toEqual([
      ['received', 'citoyen', undefined, undefined, undefined],
      ['assigned', 'Bob', 'alice', undefined, undefined],
      ['assigned', 'alice', 'Bob', 'alice', 'Congé'],
      ['unassigned', 'Bob', undefined, 'Bob', undefined],
    ]);
    expect((await complaints.require(ref)).assignedTo).toBeUndefined();
  });

  it('refuses an officer the directory does not know, and a finished complaint', async () => {
    const ref = await file('a2');
    await expect(desk.assign(ref, 'carole', 'Bob')).rejects.toBeInstanceOf(UnknownStaffError);
    await complaints.abandon(ref, { actor: 'Bob', note: 'Retrait' });
    await expect(desk.assign(ref, 'alice', 'Bob')).rejects.toMatchObject({ code: 'invalidTransition' });
    // Without a directory (ADMIN_TOKENS not set) any name is taken as typed.
    const open = new ComplaintDesk(complaints, calendar, clock, { firstContact: 1, answer: 3 });
    expect(await open.assign(await file('a3'), ' carole ', 'root')).toMatchObject({ assignedTo: 'carole' });
  });

  it('lists « mes plaintes », the unassigned ones, and finds complaints by reference, name, contact or words', async () => {
    const mine = await file('l1');
    const other = await file('l2', { name: 'Jean Tremblay', contactMethod: 'email', contactValue: 'Jean.T@exemple.ca', description: 'Le système SAGIR plante.' });
    const nobody = await file('l3', { name: 'Zoé Côté', contactValue: '418 555-0199', service: 'other' });
    await desk.assign(mine, 'alice', 'Bob');
    await desk.assign(other, 'bob', 'Bob');
    const refs = async (filter: Parameters<ComplaintDesk['list']>[0]) => (await desk.list(filter)).items.map((i) => i.complaint.reference);
    expect(await refs({ assignedTo: 'Alice' })).toEqual([mine]);
    expect(await refs({ unassigned: true })).toEqual([nobody]);
    expect(await refs({ search: 'helene belanger' })).toEqual([mine]);
    expect(await refs({ search: 'BÉLANGER' })).toEqual([mine]);
    expect(await refs({ search: '819 555-0177' })).toEqual([mine]);
    expect(await refs({ search: '(819) 555-0177' })).toEqual([mine]);
    expect(await refs({ search: 'jean.t@exemple.ca' })).toEqual([other]);
    expect(await refs({ search: 'sagir plante' })).toEqual([other]);
    expect(await refs({ search: 'rappelee appels' })).toEqual([mine, nobody]);
    expect(await refs({ search: 'rappelee appels', service: 'other' })).toEqual([nobody]);
    expect(await refs({ search: nobody.toLowerCase().replace(/-/g, ' ') })).toEqual([nobody]);
    expect(await refs({ search: '100%_' })).toEqual([]);
    await expect(desk.list({ search: '%%' })).rejects.toBeInstanceOf(ComplaintError);
    // Anonymized complaints are no longer found by what they said.
    clock.set(at('2026-10-07', 9));
    await complaints.abandon(nobody, { actor: 'alice', note: 'Retrait' });
    clock.set(at('2029-01-01', 9));
    await complaints.anonymizeFinished(30);
    expect(await refs({ search: 'zoe' })).toEqual([]);
  });

  it('stops the 5-day clock only when the person was reached; a message left is history only', async () => {
    const ref = await file('c1');
    clock.set(at('2026-10-07', 14));
    const left = await complaints.recordContactAttempt(ref, { actor: 'alice', channel: 'phone', result: 'leftMessage', note: 'Boîte vocale' });
    expect(left).toMatchObject({ status: 'received', firstContactAt: undefined });
    expect(desk.clocks(left).firstContact.state).not.toBe('met');
    clock.set(at('2026-10-08', 9));
    const reached = await complaints.recordContactAttempt(ref, { actor: 'alice', channel: 'email', result: 'reached' });
    expect(reached).toMatchObject({ status: 'contacted', firstContactAt: at('2026-10-08', 9), firstContactBusinessDays: 2 });
    expect(desk.clocks(reached).firstContact.state).toBe('met');
    clock.set(at('2026-10-09', 9));
    await complaints.recordContactAttempt(ref, { actor: 'alice', channel: 'phone', result: 'reached', note: 'Suivi' });
    expect((await complaints.require(ref)).firstContactAt).toEqual(at('2026-10-08', 9));
    const attempts = (await complaints.history(ref)).filter((e) => e.type === 'contact_attempt');
    expect(attempts.map((e) => [e.contactChannel, e.contactResult, e.fromStatus, e.toStatus])).toEqual([
      ['phone', 'leftMessage', undefined, undefined],
      ['email', 'reached', 'received', 'contacted'],
      ['phone', 'reached', undefined, undefined],
    ]);
    await complaints.recordAnswer(ref, { actor: 'alice' });
    await complaints.close(ref, { actor: 'alice', outcome: 'unfounded' });
    await expect(complaints.recordContactAttempt(ref, { actor: 'alice', channel: 'phone', result: 'leftMessage' })).rejects.toMatchObject({
      code: 'invalidTransition',
    });
    await expect(complaints.recordContactAttempt(ref, { actor: 'alice', channel: 'fax' as 'phone', result: 'reached' })).rejects.toMatchObject({
      code: 'invalidInput',
    });
  });

  it('closes with the outcome and the corrective measures, and counts outcomes in the statistics', async () => {
    const refs = [await file('o1'), await file('o2'), await file('o3'), await file('o4')];
    clock.set(at('2026-10-08', 9));
    for (const ref of refs) await complaints.recordAnswer(ref, { actor: 'alice' });
    await expect(complaints.close(refs[0], { actor: 'alice', outcome: 'founded' })).rejects.toMatchObject({ code: 'invalidInput' });
    await expect(complaints.close(refs[0], { actor: 'alice', outcome: 'unfounded', correctiveMeasures: '' })).resolves.toMatchObject({
      outcome: 'unfounded',
      correctiveMeasures: undefined,
    });
    const founded = await complaints.close(refs[1], { actor: 'alice', outcome: 'founded', correctiveMeasures: ' Rappel des délais à l’équipe. ' });
    expect(founded).toMatchObject({ status: 'closed', outcome: 'founded', correctiveMeasures: 'Rappel des délais à l’équipe.' });
    await complaints.close(refs[2], { actor: 'alice', outcome: 'partlyFounded', correctiveMeasures: 'Formation' });
    await complaints.close(refs[3], { actor: 'alice' });
    const statistics = new StatisticsService(db, calendar, clock);
    const report = await statistics.complaints(new PeriodFactory(calendar).month('2026-10'));
    expect(report.outcomes).toEqual({ founded: 1, partlyFounded: 1, unfounded: 1, unspecified: 1 });
    expect((await statistics.complaints(new PeriodFactory(calendar).month('2026-11'))).outcomes).toEqual({
      founded: 0,
      partlyFounded: 0,
      unfounded: 0,
      unspecified: 0,
    });
  });

  it('at the end of retention, masks the person in the staff notes and the corrective measures, and keeps the measures counted', async () => {
    const ref = await file('r1', { name: 'Hélène Bélanger', contactMethod: 'phone', contactValue: '819 555-0177' });
    await complaints.recordContactAttempt(ref, { actor: 'alice', channel: 'phone', result: 'reached', note: 'Parlé à hélène bélanger au 819 555-0177' });
    await complaints.recordAnswer(ref, { actor: 'alice', note: 'Réponse envoyée à Mme Bélanger' });
    await complaints.close(ref, { actor: 'alice', outcome: 'founded', correctiveMeasures: 'Excuses à Hélène Bélanger; rappel des délais à l’équipe' });
    const closedMonth = new PeriodFactory(calendar).month('2026-10');
    const statistics = new StatisticsService(db, calendar, clock);
    const before = (await statistics.complaints(closedMonth)).correctiveMeasures;
    clock.set(at('2029-01-01', 9));
    expect(await complaints.anonymizeFinished(30)).toBe(1);
    const notes = (await complaints.history(ref)).map((e) => e.note).filter(Boolean).join(' | ');
    expect(notes).toContain('Parlé à [nom] au [téléphone]');
    expect(notes).not.toMatch(/Hélène|hélène|Bélanger|555/);
    const measures = (await complaints.require(ref)).correctiveMeasures;
    expect(measures).toBe('Excuses à [nom]; rappel des délais à l’équipe');
    const after = (await statistics.complaints(closedMonth)).correctiveMeasures;
    expect(after.total).toBe(before.total);
    expect(after.byOutcome).toEqual(before.byOutcome);
  });

  it('takes an exam incident in charge, resolves it with a note, and masks personal information in notes', async () => {
    const incidents = new ExamIncidentRepository(db);
    const intake = new ExamIncidentService(incidents, calendar, ServiceHours.fromDataFile(calendar), clock);
    const { incident } = await intake.report({ examInProgress: false, problemKind: 'timer' }, { submissionId: 'x1' });
    const workflow = new IncidentWorkflow(incidents, clock);
    clock.set(at('2026-10-06', 11));
    expect(await workflow.take(incident.reference, { actor: 'alice', note: 'Rappelé au 418 555-0199' })).toMatchObject({
      status: 'inProgress',
      assignedTo: 'alice',
      takenAt: at('2026-10-06', 11),
    });
    await expect(workflow.take(incident.reference, { actor: 'Bob' })).rejects.toMatchObject({ code: 'invalidTransition' });
    await expect(workflow.resolve(incident.reference, { actor: 'alice' })).rejects.toBeInstanceOf(IncidentWorkflowError);
    clock.set(at('2026-10-06', 14));
    expect(await workflow.resolve(incident.reference, { actor: 'alice', note: 'Temps ajouté' })).toMatchObject({
      status: 'resolved',
      resolvedAt: at('2026-10-06', 14),
    });
    await workflow.addNote(incident.reference, { actor: 'Bob', note: 'Vérifié' });
    const shown = await workflow.show(incident.reference);
    expect(shown!.history.map((e) => [e.type, e.actor, e.fromStatus, e.toStatus, e.note])).toEqual([
      ['taken', 'alice', 'open', 'inProgress', 'Rappelé au [téléphone]'],
      ['resolved', 'alice', 'inProgress', 'resolved', 'Temps ajouté'],
      ['note', 'Bob', undefined, undefined, 'Vérifié'],
    ]);
    expect(await incidents.list({ statuses: ['resolved'], assignedTo: 'alice' })).toHaveLength(1);
    await expect(workflow.take('EX-2026-999999', { actor: 'alice' })).rejects.toMatchObject({ code: 'notFound' });
    // Resolving an open incident takes it in charge too.
    const second = (await intake.report({ examInProgress: false, problemKind: 'access' }, { submissionId: 'x2' })).incident;
    expect(await workflow.resolve(second.reference, { actor: 'Bob', note: 'Réglé' })).toMatchObject({ status: 'resolved', assignedTo: 'Bob' });
  });

  it('gives complaints stored before migration 009 their search text', async () => {
    const url = await databases.url();
    const old = await openDatabase(url);
    try {
      const source = new ListMigrationSource(migrations);
      // Back to 008 (a new PostgreSQL database may come migrated from its template), through each down().
      for (let applied = migrations.length; applied > 8; applied -= 1) await old.migrate.down({ migrationSource: source });
      // Today's service writes search_text, which does not exist yet: a row as the older code stored it.
      await old('complaints').insert({
        reference: 'PL-2026-000042',
        submission_id: 'old-1',
        status: 'received',
        received_at: at('2026-10-06', 10).toISOString(),
        received_date: '2026-10-06',
        calendar_version: calendar.version,
        first_contact_due_date: '2026-10-14',
        first_contact_due_at: at('2026-10-15', 0).toISOString(),
        answer_due_date: '2026-11-03',
        answer_due_at: at('2026-11-04', 0).toISOString(),
        complainant_name: 'Élise Gagnon',
        contact_method: 'phone',
        contact_value: '+18195550177',
        contact_key: '+18195550177',
        service: 'other',
        description: 'Délai dépassé',
        anonymized: false,
        updated_at: at('2026-10-06', 10).toISOString(),
      });
      await old.migrate.latest({ migrationSource: new ListMigrationSource(migrations) });
      const migrated = new ComplaintDesk(new ComplaintService(new ComplaintRepository(old), calendar, clock), calendar, clock, { firstContact: 1, answer: 3 });
      expect((await migrated.list({ search: 'elise 819 555-0177 delai' })).items.map((i) => i.complaint.reference)).toEqual(['PL-2026-000042']);
    } finally {
      await old.destroy();
    }
  });
});
