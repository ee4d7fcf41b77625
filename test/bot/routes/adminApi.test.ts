import { Writable } from 'node:stream';
import { createLogger } from '../../../bot/logger';
import { AdminAuthenticator } from '../../../bot/routes/adminAuth';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { describeEachDatabase } from '../../helpers/databases';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const calendar = BusinessCalendar.fromDataFile();

const input: ComplaintInput = {
  name: 'Marie <img src=x onerror=alert(1)> Tremblay',
  contactMethod: 'email',
  contactValue: 'marie.tremblay@exemple.ca',
  service: 'ca-dotation-phone',
  description: '=HYPERLINK("http://evil") et </script>',
};

describeEachDatabase('admin API', (databases) => {
  let running: RunningTestApplication;
  const logLines: string[] = [];
  const clock = fixedClock(calendar.instantAt('2026-10-06', 10, 0));
  const refs: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _e, cb) {
        logLines.push(chunk.toString());
        cb();
      },
    });
    running = await startTestApplication(
      { ADMIN_TOKENS: `staff:alice:${STAFF},manager:bob:${MANAGER}`, LOG_LEVEL: 'debug' },
      { clock, logger: createLogger('debug', destination), databaseUrl: await databases.url() },
    );
    const complaints = running.app.services.complaints;
    for (let i = 0; i < 3; i += 1)
      refs.push((await complaints.create({ ...input, service: i === 2 ? 'online-exams' : input.service }, { submissionId: `api-${i}` })).complaint.reference);
    clock.set(calendar.instantAt('2026-10-13', 15, 0)); // 4th business day: the first-contact clock is at risk (1 day left)
  });
  afterAll(async () => {
    await running.close();
  });

  const call = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${running.botUrl}${path}`, {
      ...init,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(init.headers ?? {}),
      },
    });
  const json = async (res: Response) => (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } };

  describe('authentication and roles', () => {
    const staffRoutes = ['/api/admin/me', '/api/admin/complaints', '/api/admin/complaints/PL-2026-000001', '/api/admin/reminders/outbox'];
    const managerRoutes = ['/api/admin/stats', '/api/admin/exports/complaints', '/api/admin/exports/statistics', '/api/admin/exports/incidents'];

    it.each([...staffRoutes, ...managerRoutes])('answers 401 without a token on %s', async (path) => {
      const res = await call(path);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="admin"');
      expect((await json(res)).error).toEqual({ code: 'Unauthorized', message: 'A valid bearer token is required.' });
    });

    it.each([
      ['a wrong token', { Authorization: `Bearer ${STAFF.slice(0, -1)}x` }],
      ['a prefix of a token', { Authorization: `Bearer ${STAFF.slice(0, 10)}` }],
      ['a token with more after it', { Authorization: `Bearer ${STAFF}x` }],
      ['another scheme', { Authorization: `Basic ${Buffer.from(`alice:${STAFF}`).toString('base64')}` }],
      ['an empty bearer', { Authorization: 'Bearer ' }],
    ])('answers 401 to %s', async (_name, headers) => {
      const res = await call('/api/admin/complaints', undefined, { headers });
      expect(res.status).toBe(401);
      expect((await json(res)).error?.code).toBe('Unauthorized');
    });

    it.each(managerRoutes)('answers 403 to staff on the manager route %s', async (path) => {
      const res = await call(path, STAFF);
      expect(res.status).toBe(403);
      expect((await json(res)).error).toEqual({ code: 'Forbidden', message: 'This requires the manager role.' });
    });

    it.each(managerRoutes)('lets a manager use %s', async (path) => {
      const res = await call(path, MANAGER);
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    });

    it.each(staffRoutes)('lets staff and managers use %s', async (path) => {
      for (const token of [STAFF, MANAGER]) {
        const res = await call(path, token);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        await res.arrayBuffer();
      }
    });

    it('says who the token is', async () => {
      expect(await json(await call('/api/admin/me', MANAGER))).toEqual({ name: 'bob', role: 'manager' });
      expect(await json(await call('/api/admin/me', STAFF))).toEqual({ name: 'alice', role: 'staff' });
    });

    it('compares tokens only through their digests, whatever their length', () => {
      const auth = new AdminAuthenticator([
        { role: 'staff', name: 'alice', token: STAFF },
        { role: 'manager', name: 'bob', token: MANAGER },
      ]);
      expect(auth.authenticate(`Bearer ${MANAGER}`)).toEqual({ role: 'manager', name: 'bob' });
      expect(auth.authenticate(`bearer ${STAFF}`)).toEqual({ role: 'staff', name: 'alice' });
      for (const header of [undefined, '', 'Bearer', `Bearer ${STAFF} ${STAFF}`, `Bearer ${'x'.repeat(600)}`, `Token ${STAFF}`])
        expect(auth.authenticate(header)).toBeUndefined();
      expect(new AdminAuthenticator([]).authenticate(`Bearer ${STAFF}`)).toBeUndefined();
    });
  });

  describe('complaints', () => {
    it('lists complaints with their clocks, and filters them', async () => {
      const body = (await json(await call('/api/admin/complaints?status=received', STAFF))) as { items: Array<Record<string, unknown>>; more: boolean };
      expect(body.items.map((c) => c.reference)).toEqual(refs);
      expect(body.items[0]).toMatchObject({
        status: 'received',
        receivedAt: '2026-10-06T10:00:00-04:00',
        firstContactDueDate: '2026-10-14',
        clocks: { firstContact: { state: 'atRisk', dueDate: '2026-10-14', businessDaysLeft: 1 }, answer: { state: 'onTime' } },
      });
      const risky = (await json(await call('/api/admin/complaints?atRisk=true', STAFF))) as { items: unknown[] };
      expect(risky.items).toHaveLength(3);
      const overdue = (await json(await call('/api/admin/complaints?overdue=true', STAFF))) as { items: unknown[] };
      expect(overdue.items).toHaveLength(0);
      const exams = (await json(await call('/api/admin/complaints?service=online-exams&from=2026-10-06&to=2026-10-06', STAFF))) as {
        items: Array<{ reference: string }>;
      };
      expect(exams.items.map((c) => c.reference)).toEqual([refs[2]]);
      const paged = (await json(await call('/api/admin/complaints?limit=2', STAFF))) as { items: unknown[]; more: boolean };
      expect(paged).toMatchObject({ more: true });
      expect(paged.items).toHaveLength(2);
    });

    it.each([
      ['?status=ouverte', 'InvalidRequest'],
      ['?service=nope', 'InvalidRequest'],
      ['?from=2026-13-01', 'InvalidPeriod'],
      ['?from=2026-02-30', 'InvalidPeriod'],
      ['?from=2026-10-10&to=2026-10-01', 'InvalidPeriod'],
      ['?limit=0', 'InvalidRequest'],
      ['?atRisk=maybe', 'InvalidRequest'],
      ['?unknown=1', 'InvalidRequest'],
    ])('refuses the list query %s with 400', async (query, code) => {
      const res = await call(`/api/admin/complaints${query}`, STAFF);
      expect(res.status).toBe(400);
      expect((await json(res)).error?.code).toBe(code);
    });

    it('shows a complaint with its history, the citizen text as stored', async () => {
      const body = await json(await call(`/api/admin/complaints/${refs[0].toLowerCase().replace(/-/g, ' ')}`, STAFF));
      expect(body).toMatchObject({ reference: refs[0], name: input.name, description: input.description, contactValue: input.contactValue });
      expect(body.history).toEqual([
        {
          occurredAt: '2026-10-06T10:00:00-04:00',
          type: 'received',
          fromStatus: null,
          toStatus: 'received',
          actor: 'citoyen',
          note: null,
          contactChannel: null,
          contactResult: null,
          assignee: null,
          previousAssignee: null,
        },
      ]);
    });

    it('answers 404 for an unknown reference and 400 for a malformed one', async () => {
      const missing = await call('/api/admin/complaints/PL-2026-999999', STAFF);
      expect(missing.status).toBe(404);
      expect((await json(missing)).error?.code).toBe('ComplaintNotFound');
      const malformed = await call('/api/admin/complaints/abc', STAFF);
      expect(malformed.status).toBe(400);
      expect((await json(malformed)).error?.code).toBe('InvalidReference');
      const post = await call('/api/admin/complaints/PL-2026-999999/first-contact', STAFF, { method: 'POST', body: '{}' });
      expect(post.status).toBe(404);
    });

    it("records a first contact, an answer and a close with the token's name as the actor", async () => {
      const contact = await call(`/api/admin/complaints/${refs[0]}/first-contact`, STAFF, { method: 'POST', body: JSON.stringify({ note: 'Appel fait <b>' }) });
      expect(contact.status).toBe(200);
      expect(await json(contact)).toMatchObject({ status: 'contacted', firstContactAt: '2026-10-13T15:00:00-04:00', firstContactBusinessDays: 4 });
      const answer = await call(`/api/admin/complaints/${refs[0]}/answer`, MANAGER, { method: 'POST', body: JSON.stringify({ note: 'Réponse écrite' }) });
      expect(await json(answer)).toMatchObject({ status: 'answered', answeredAt: '2026-10-13T15:00:00-04:00', answerBusinessDays: 4 });
      const close = await call(`/api/admin/complaints/${refs[0]}/close`, STAFF, { method: 'POST', body: JSON.stringify({ outcome: 'unfounded' }) });
      expect(close.status).toBe(200);
      const note = await call(`/api/admin/complaints/${refs[0]}/notes`, STAFF, { method: 'POST', body: JSON.stringify({ note: 'Dossier classé' }) });
      expect(note.status).toBe(201);
      const history = (await json(note)).history as Array<{ type: string; actor: string; note: string | null }>;
      expect(history.map((e) => `${e.type}:${e.actor}:${e.note ?? ''}`)).toEqual([
        'received:citoyen:',
        'first_contact:alice:Appel fait <b>',
        'answered:bob:Réponse écrite',
        'closed:alice:',
        'note:alice:Dossier classé',
      ]);
    });

    it('records a step that happened earlier (a call made on Friday, recorded on Tuesday)', async () => {
      const res = await call(`/api/admin/complaints/${refs[2]}/first-contact`, STAFF, {
        method: 'POST',
        body: JSON.stringify({ at: '2026-10-09T11:00:00-04:00' }),
      });
      expect(await json(res)).toMatchObject({ status: 'contacted', firstContactAt: '2026-10-09T11:00:00-04:00', firstContactBusinessDays: 3 });
    });

    it('refuses a step the status does not allow with 409, and malformed bodies with 400', async () => {
      const close = await call(`/api/admin/complaints/${refs[1]}/close`, STAFF, { method: 'POST', body: '{"outcome":"unfounded"}' });
      expect(close.status).toBe(409);
      expect((await json(close)).error?.code).toBe('InvalidTransition');
      for (const body of [
        '{"unknown":1}',
        JSON.stringify({ note: 'x'.repeat(2001) }),
        JSON.stringify({ at: 'hier' }),
        JSON.stringify({ at: '2026-10-13T10:00:00' }),
        JSON.stringify({ at: '2027-01-01T10:00:00-05:00' }),
        JSON.stringify({ note: 42 }),
      ]) {
        const res = await call(`/api/admin/complaints/${refs[1]}/first-contact`, STAFF, { method: 'POST', body });
        expect(res.status).toBe(400);
        expect(Object.keys(((await json(res)).error ?? {}) as object)).toEqual(['code', 'message']);
      }
      const early = await call(`/api/admin/complaints/${refs[1]}/first-contact`, STAFF, {
        method: 'POST',
        body: JSON.stringify({ at: '2026-10-01T10:00:00-04:00' }),
      });
      expect(early.status).toBe(400);
      const notJson = await call(`/api/admin/complaints/${refs[1]}/first-contact`, STAFF, {
        method: 'POST',
        body: '{not json',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(notJson.status).toBe(400);
      const abandon = await call(`/api/admin/complaints/${refs[1]}/abandon`, STAFF, { method: 'POST', body: '{}' });
      expect(abandon.status).toBe(400);
      const emptyNote = await call(`/api/admin/complaints/${refs[1]}/notes`, STAFF, { method: 'POST', body: JSON.stringify({ note: '   ' }) });
      expect(emptyNote.status).toBe(400);
      expect((await json(await call(`/api/admin/complaints/${refs[1]}`, STAFF))).status).toBe('received');
    });
  });

  describe('statistics and exports', () => {
    it('gives the statistics of a month, a fiscal year or a range, and refuses bad periods', async () => {
      const month = (await json(await call('/api/admin/stats?period=2026-10', MANAGER))) as { period: unknown; complaints: { totals: { received: number } } };
      expect(month.period).toEqual({ kind: 'month', label: '2026-10', from: '2026-10-01', to: '2026-10-31' });
      expect(month.complaints.totals.received).toBe(3);
      expect(((await json(await call('/api/admin/stats', MANAGER))) as { period: { label: string } }).period.label).toBe('2026-2027');
      for (const query of [
        'period=2026-13',
        'fiscalYear=2026-2028',
        'from=2026-10-01',
        'period=2026-10&fiscalYear=2026-2027',
        'from=2026-10-31&to=2026-10-01',
        'bogus=1',
      ]) {
        const res = await call(`/api/admin/stats?${query}`, MANAGER);
        expect(res.status).toBe(400);
        expect(['InvalidPeriod', 'InvalidRequest']).toContain((await json(res)).error?.code);
      }
    });

    it('exports complaints as CSV with a BOM, a download name and neutralized formulas', async () => {
      const res = await call('/api/admin/exports/complaints?from=2026-10-01&to=2026-10-31&delimiter=semicolon&includePersonal=true', MANAGER);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="plaintes_2026-10-01_2026-10-31.csv"');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0].startsWith('Référence;Code du statut;Statut;')).toBe(true);
      expect(lines).toHaveLength(3 + 2);
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"") et </script>"`);
    });

    it('leaves personal information out unless asked, and exports JSON with the same fields', async () => {
      const csv = await (await call('/api/admin/exports/complaints', MANAGER)).text();
      expect(csv).not.toContain('Tremblay');
      expect(csv).not.toContain('HYPERLINK');
      const res = await call('/api/admin/exports/complaints?format=json&includePersonal=true', MANAGER);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="plaintes_debut_2026-10-13\.json"$/);
      const rows = (await res.json()) as Array<Record<string, unknown>>;
      expect(rows).toHaveLength(3);
      expect(rows[0]).toMatchObject({ reference: refs[0], status: 'closed', statusLabel: 'fermée', name: input.name, description: input.description });
    });

    it('exports statistics and incidents, and refuses a bad export query', async () => {
      const stats = await call('/api/admin/exports/statistics?period=2026-10&section=complaints&lang=en', MANAGER);
      expect(stats.headers.get('content-disposition')).toBe('attachment; filename="statistiques-complaints_2026-10-01_2026-10-31.csv"');
      expect((await stats.text()).split('\r\n')[0]).toContain('Scope,Period or service,From,To,Received');
      const incidents = await call('/api/admin/exports/incidents?format=json', MANAGER);
      expect(await incidents.json()).toEqual([]);
      for (const query of ['format=xml', 'delimiter=pipe', 'section=all', 'includePersonal=oui']) {
        const res = await call(`/api/admin/exports/complaints?${query}`, MANAGER);
        expect(res.status).toBe(400);
      }
    });
  });

  it('never writes a token, a name or complaint text to the application log', async () => {
    await call('/api/admin/complaints', `${STAFF}-wrong`);
    await call('/api/admin/stats', STAFF);
    const log = logLines.join('');
    expect(log).toContain('complaint updated from the admin API');
    for (const secret of [STAFF, MANAGER, 'alice', 'bob', 'Tremblay', 'HYPERLINK', 'Appel fait', 'Bearer']) expect(log).not.toContain(secret);
  });
});

describe('admin API without ADMIN_TOKENS', () => {
  it('is closed, and says why', async () => {
    const running = await startTestApplication();
    try {
      const res = await fetch(`${running.botUrl}/api/admin/complaints`, { headers: { Authorization: `Bearer ${STAFF}` } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/ADMIN_TOKENS/);
    } finally {
      await running.close();
    }
  });
});
