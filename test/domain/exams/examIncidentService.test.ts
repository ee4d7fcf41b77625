import { existsSync, readFileSync } from 'node:fs';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { contacts } from '../../../domain/contacts';
import { Database, openDatabase } from '../../../domain/db/database';
import { ExamIncident, ExamProblemReport, EXAM_ROUTES, PROBLEM_KINDS } from '../../../domain/exams/examIncident';
import { ExamIncidentRepository } from '../../../domain/exams/examIncidentRepository';
import { ExamIncidentError, ExamIncidentService } from '../../../domain/exams/examIncidentService';
import { examSupportFacts } from '../../../domain/exams/examSupport';
import { incidentEmail, mailtoUrl } from '../../../domain/exams/incidentEmail';
import { priorityOf, routeOf } from '../../../domain/exams/triage';
import { i18n, translator } from '../../../domain/i18n';
import { projectPath } from '../../../domain/paths';
import { ServiceHours } from '../../../domain/serviceHours';
import { describeEachDatabase } from '../../helpers/databases';

const MONDAY_10H = '2026-11-23T15:00:00Z';
const SATURDAY = '2026-11-28T16:00:00Z';
const frozenNow: ExamProblemReport = { examInProgress: true, problemKind: 'frozen', examName: 'Processus 12345' };

describeEachDatabase('ExamIncidentService', (databases) => {
  let db: Database;
  let clock: ReturnType<typeof fixedClock>;
  let service: ExamIncidentService;
  let repository: ExamIncidentRepository;

  beforeEach(async () => {
    db = await openDatabase(await databases.url());
    clock = fixedClock(MONDAY_10H);
    const calendar = BusinessCalendar.fromDataFile();
    repository = new ExamIncidentRepository(db);
    service = new ExamIncidentService(repository, calendar, ServiceHours.fromDataFile(calendar), clock);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('stores an incident with a confirmation number, the priority, the route and the Centre status', async () => {
    const { incident, created, centreStatus } = await service.report(frozenNow, {
      submissionId: 's1',
      channelId: 'webchat',
      conversationId: 'c1',
      locale: 'fr-CA',
    });
    expect(created).toBe(true);
    expect(centreStatus.open).toBe(true);
    expect(incident).toMatchObject({
      reference: 'EX-2026-000001',
      submissionId: 's1',
      createdAt: new Date(MONDAY_10H),
      problemAt: new Date(MONDAY_10H), // in progress and no time given: now
      examInProgress: true,
      problemKind: 'frozen',
      examName: 'Processus 12345',
      priority: 'urgent',
      route: 'phone-now',
      centreOpen: true,
      status: 'open',
      channelId: 'webchat',
      conversationId: 'c1',
      locale: 'fr-CA',
    });
    expect((await service.report(frozenNow, { submissionId: 's2' })).incident.reference).toBe('EX-2026-000002');
    expect(await service.get('ex 2026 1')).toMatchObject({ reference: 'EX-2026-000001' });
    expect(await service.get('EX-2026-000999')).toBeUndefined();
  });

  it('is idempotent: the same submission twice gives one incident', async () => {
    const first = await service.report(frozenNow, { submissionId: 'same' });
    const second = await service.report({ ...frozenNow, examName: 'autre' }, { submissionId: 'same' });
    expect(second.created).toBe(false);
    expect(second.incident).toEqual(first.incident);
    const [both1, both2] = await Promise.all([service.report(frozenNow, { submissionId: 'race' }), service.report(frozenNow, { submissionId: 'race' })]);
    expect(both1.incident.reference).toBe(both2.incident.reference);
    expect(await db('exam_incidents').count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it.each([
    [true, MONDAY_10H, 'urgent', 'phone-now', true],
    [true, SATURDAY, 'urgent', 'email-after-hours', false],
    [true, '2026-12-24T15:00:00Z', 'urgent', 'email-after-hours', false], // Veille de Noël
    [true, '2026-11-25T14:00:00Z', 'urgent', 'email-after-hours', false], // mercredi 9 h
    [true, '2026-11-23T17:30:00Z', 'urgent', 'email-after-hours', false], // dîner
    [false, MONDAY_10H, 'normal', 'email', true],
    [false, SATURDAY, 'normal', 'email', false],
  ])('in progress %s at %s → %s, %s (open: %s)', async (inProgress, now, priority, route, open) => {
    clock.set(now);
    const { incident } = await service.report({ examInProgress: inProgress, problemKind: 'timer' }, { submissionId: `x-${now}` });
    expect([incident.priority, incident.route, incident.centreOpen]).toEqual([priority, route, open]);
    if (!inProgress) expect(incident.problemAt).toBeUndefined();
  });

  it('numbers by the year in Québec, not in UTC', async () => {
    clock.set('2027-01-01T03:00:00Z'); // 31 décembre 2026, 22 h à Québec
    expect((await service.report(frozenNow, { submissionId: 'nye' })).incident.reference).toBe('EX-2026-000001');
    clock.set('2027-01-05T15:00:00Z');
    expect((await service.report(frozenNow, { submissionId: 'jan' })).incident.reference).toBe('EX-2027-000001');
  });

  it('refuses bad input and trims free text', async () => {
    await expect(service.report({ examInProgress: true, problemKind: 'nope' as never }, { submissionId: 'a' })).rejects.toThrow(ExamIncidentError);
    await expect(service.report({ ...frozenNow, problemAt: new Date('2026-11-23T18:00:00Z') }, { submissionId: 'b' })).rejects.toThrow('future');
    await expect(service.report(frozenNow, { submissionId: '' })).rejects.toThrow('submissionId');
    const { incident } = await service.report(
      { ...frozenNow, examName: `  ${'x'.repeat(300)}\n\t`, device: '  ', browser: 'Chrome\u0000' },
      { submissionId: 'c' },
    );
    expect(incident.examName).toHaveLength(200);
    expect(incident.device).toBeUndefined();
    expect(incident.browser).toBe('Chrome');
    const typo = await service.report({ ...frozenNow, examName: 'processus 12345, jean@example.com, 418 555-0199' }, { submissionId: 'd' });
    expect(typo.incident.examName).toBe('processus 12345, [courriel], [téléphone]');
    expect(await db('exam_incidents').count({ n: '*' })).toEqual([{ n: 2 }]);
  });

  it('never stores a name, a date of birth or an identifier typed in the free text', async () => {
    const { incident } = await service.report(
      {
        ...frozenNow,
        examName: "Processus 12345, je m'appelle Hélène Gagnon, née le 12 mars 1985, NAM TREJ 8512 2514",
        device: 'portable de Jean, 123 rue Saint-Jean',
        browser: `Chrome ${'x'.repeat(88)} 046 454 286`,
      },
      { submissionId: 'pi' },
    );
    expect(incident.examName).toBe("Processus 12345, je m'appelle [nom], née le [date de naissance], NAM [assurance maladie]");
    expect(incident.device).toBe('portable de Jean, [adresse]');
    // Masked before being cut to 100 characters: no piece of the number is left.
    expect(incident.browser).toMatch(/^Chrome x+ \[NAS/);
    const stored = JSON.stringify(await db('exam_incidents').where({ submission_id: 'pi' }));
    expect(stored).not.toMatch(/Gagnon|1985|8512|Saint-Jean|046|454 286/);
  });

  it('lists, streams, filters and counts by kind, route and priority', async () => {
    const report = async (now: string, r: ExamProblemReport, id: string) => {
      clock.set(now);
      await service.report(r, { submissionId: id });
    };
    await report(MONDAY_10H, { examInProgress: true, problemKind: 'frozen' }, '1');
    await report(MONDAY_10H, { examInProgress: true, problemKind: 'timer' }, '2');
    await report(SATURDAY, { examInProgress: true, problemKind: 'frozen' }, '3');
    await report(SATURDAY, { examInProgress: false, problemKind: 'access' }, '4');

    expect((await service.list()).map((i) => i.reference)).toEqual(['EX-2026-000001', 'EX-2026-000002', 'EX-2026-000003', 'EX-2026-000004']);
    expect((await service.list({ kinds: ['frozen'] })).map((i) => i.reference)).toEqual(['EX-2026-000001', 'EX-2026-000003']);
    expect((await service.list({ routes: ['email-after-hours'] })).map((i) => i.reference)).toEqual(['EX-2026-000003']);
    expect((await service.list({ createdFrom: new Date('2026-11-24T00:00:00Z') })).length).toBe(2);
    expect((await service.list({ limit: 1, offset: 1 })).map((i) => i.reference)).toEqual(['EX-2026-000002']);
    const streamed: ExamIncident[] = [];
    for await (const i of service.stream({ priorities: ['urgent'] })) streamed.push(i);
    expect(streamed.map((i) => i.reference)).toEqual(['EX-2026-000001', 'EX-2026-000002', 'EX-2026-000003']);

    const counts = await service.counts();
    expect(counts).toEqual({
      total: 4,
      byKind: { access: 1, frozen: 2, timer: 1, submission: 0, display: 0, other: 0 },
      byRoute: { 'phone-now': 2, 'email-after-hours': 1, email: 1 },
      byPriority: { urgent: 3, normal: 1 },
    });
    expect(Object.keys(counts.byKind)).toEqual([...PROBLEM_KINDS]);
    expect(Object.keys(counts.byRoute)).toEqual([...EXAM_ROUTES]);
    expect(await service.countsByRoute({ createdBefore: new Date('2026-11-24T00:00:00Z') })).toEqual({ 'phone-now': 2, 'email-after-hours': 0, email: 0 });
    expect(await service.countsByKind({ limit: 1 })).toMatchObject({ frozen: 2 }); // limit does not apply to counts
    expect(await repository.countBy('route', { kinds: ['frozen'] })).toEqual(
      new Map([
        ['phone-now', 1],
        ['email-after-hours', 1],
      ]),
    );
  });
});

describe('priority and route', () => {
  it('urgent only while the exam is in progress; phone only when urgent and open', () => {
    expect(priorityOf(true)).toBe('urgent');
    expect(priorityOf(false)).toBe('normal');
    expect(routeOf('urgent', true)).toBe('phone-now');
    expect(routeOf('urgent', false)).toBe('email-after-hours');
    expect(routeOf('normal', true)).toBe('email');
    expect(routeOf('normal', false)).toBe('email');
  });
});

describe('incident e-mail', () => {
  const incident: ExamIncident = {
    id: 1,
    reference: 'EX-2026-000045',
    submissionId: 's',
    createdAt: new Date('2026-11-23T15:07:00Z'),
    problemAt: new Date('2026-11-23T15:05:00Z'),
    examInProgress: true,
    problemKind: 'submission',
    examName: "Agent(e) d'information & co",
    browser: 'Edge',
    priority: 'urgent',
    route: 'phone-now',
    centreOpen: true,
    status: 'open',
    calendarVersion: 'v',
  };

  it('goes to the exam-support address of seed 000 with everything the Centre needs, percent-encoded', () => {
    const mail = incidentEmail(incident, translator('fr'), 'fr');
    expect(mail.to).toBe(contacts().caDotation.emailExam.display);
    expect(mail.subject).toBe("EX-2026-000045 – Problème technique, examen en ligne\u00a0: Agent(e) d'information & co");
    expect(mail.body).toContain('Numéro de confirmation\u00a0: EX-2026-000045\r\n');
    expect(mail.body).toContain('Problème\u00a0: Soumission des réponses\r\n');
    expect(mail.body).toContain('Heure du problème\u00a0: lundi 23 novembre 2026 à 10\u00a0h\u00a005 (heure du Québec)\r\n');
    expect(mail.body).toContain('Appareil\u00a0: (à préciser)\r\n');
    expect(mail.body).not.toMatch(/nom|NAS|assurance sociale/i);
    expect(mail.mailto).toBe(
      `mailto:assistance.examensenligne@mcn.gouv.qc.ca?subject=${encodeURIComponent(mail.subject).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}&body=${encodeURIComponent(mail.body).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    expect(mail.mailto).toContain('%0D%0A');
    expect(mail.mailto).toContain('%26%20co'); // « & » does not start a new parameter
    expect(mail.mailto).not.toMatch(/[\s()'!*]/);
  });

  it('encodes strictly', () => {
    expect(mailtoUrl('a@b.ca', "l'examen (1)!", 'x\r\ny')).toBe('mailto:a@b.ca?subject=l%27examen%20%281%29%21&body=x%0D%0Ay');
  });

  it('is written in English for an English conversation', () => {
    const mail = incidentEmail(incident, translator('en'), 'en');
    expect(mail.subject).toBe("EX-2026-000045 – Technical problem, online exam: Agent(e) d'information & co");
    expect(mail.body).toContain('Time of the problem: Monday, November 23, 2026 at 10:05 a.m. (Québec time)');
  });
});

describe('exam support facts (data/exam-support.json)', () => {
  it('cites an existing seed and section for every sentence, and every sentence exists in both languages', () => {
    const facts = examSupportFacts();
    const seeds = projectPath('..', 'shared', 'seeds');
    for (const [name, fact] of Object.entries(facts.facts)) {
      if (existsSync(seeds)) {
        const seed = readFileSync(`${seeds}/${fact.source.seed}`, 'utf8').toLowerCase();
        const heading = fact.source.section
          .split(' > ')[0]
          .replace(/(?<=\S)\s*\([^)]*\)$/, '')
          .toLowerCase();
        expect([name, heading, seed.includes(heading)]).toEqual([name, heading, true]);
      }
      for (const key of fact.sentences) {
        for (const lang of ['fr', 'en'] as const) expect([lang, key, i18n().exists(key, { lng: lang, fallbackLng: false })]).toEqual([lang, key, true]);
      }
    }
  });

  it('gives the phone numbers, the exam and general addresses and the 5-minute target from seed 000', () => {
    const c = contacts().caDotation;
    expect([c.phoneLocal.display, c.phoneTollFree.display, c.emailExam.display, c.emailGeneral.display, c.phoneAnswerTarget.minutes]).toEqual([
      '418\u00a0528-7157',
      '1\u00a0866\u00a0672-3460',
      'assistance.examensenligne@mcn.gouv.qc.ca',
      'carrieres@mcn.gouv.qc.ca',
      5,
    ]);
    for (const f of [c.phoneLocal, c.phoneTollFree, c.emailExam, c.emailGeneral]) expect(f.source.seed).toBe('000_0d5508280b13b41e.txt');
  });
});
