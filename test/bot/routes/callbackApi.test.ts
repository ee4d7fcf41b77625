import { Writable } from 'node:stream';
import { createLogger } from '../../../bot/logger';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { describeEachDatabase } from '../../helpers/databases';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const OTHER = 'staff-token-cccccccccccccccccccccccc';
const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const calendar = BusinessCalendar.fromDataFile();

describeEachDatabase('callback admin API', (databases) => {
  let running: RunningTestApplication;
  const logLines: string[] = [];
  // Tuesday, October 6, 2026, 10 h in Québec.
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
      { ADMIN_TOKENS: `staff:alice:${STAFF},staff:carole:${OTHER},manager:bob:${MANAGER}`, LOG_LEVEL: 'debug' },
      { clock, logger: createLogger('debug', destination), databaseUrl: await databases.url() },
    );
    const callbacks = running.app.services.callbacks;
    const slots = callbacks.slots.upcoming(clock.now(), 3);
    for (const [i, slot] of slots.entries())
      refs.push(
        (
          await callbacks.create(
            { name: 'Julie <b>', phone: '418 555-0199', subject: '=HYPERLINK("http://evil") et </script>', slot: { date: slot.date, period: slot.period } },
            { submissionId: `api-${i}` },
          )
        ).callback.reference,
      );
  });
  afterAll(async () => running.close());

  const call = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${running.botUrl}${path}`, {
      ...init,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    });
  const post = (path: string, body: unknown, token = STAFF) => call(path, token, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  const json = async (res: Response) => (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } };

  it('needs a valid token', async () => {
    expect((await call('/api/admin/callbacks')).status).toBe(401);
    expect((await call('/api/admin/callbacks', 'not-a-token')).status).toBe(401);
    expect((await call(`/api/admin/callbacks/${refs[0]}`, MANAGER)).status).toBe(200);
  });

  it('lists the open requests, soonest slot first, with filters', async () => {
    const res = await call('/api/admin/callbacks', STAFF);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await json(res)) as { items: Array<{ reference: string; phone: string; status: string }> };
    expect(body.items.map((i) => i.reference)).toEqual(refs);
    expect(body.items[0]).toMatchObject({ phone: '418\u00a0555-0199', status: 'pending' });
    const first = (await call(`/api/admin/callbacks?limit=1`, STAFF).then(json)) as { items: unknown[]; more: boolean };
    expect(first).toMatchObject({ more: true });
  });

  it('assigns, records a no-answer then the call, with the named staff in the history', async () => {
    const ref = refs[0];
    let res = await post(`/api/admin/callbacks/${ref}/assign`, { officer: 'me', note: 'Je m’en occupe' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ assignedTo: 'alice' });
    expect(((await call('/api/admin/callbacks?mine=true', STAFF).then(json)) as { items: Array<{ reference: string }> }).items.map((i) => i.reference)).toEqual([ref]);
    expect(((await call('/api/admin/callbacks?mine=true', OTHER).then(json)) as { items: unknown[] }).items).toEqual([]);
    expect(((await call('/api/admin/callbacks?unassigned=true', STAFF).then(json)) as { items: Array<{ reference: string }> }).items.map((i) => i.reference)).toEqual(refs.slice(1));
    res = await post(`/api/admin/callbacks/${ref}/attempts`, { result: 'noAnswer' });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ status: 'attempted', attempts: 1 });
    res = await post(`/api/admin/callbacks/${ref}/attempts`, { result: 'reached', note: 'Question réglée' }, OTHER);
    const detail = (await json(res)) as { status: string; history: Array<{ type: string; actor: string; result: string | null }> };
    expect(detail.status).toBe('done');
    expect(detail.history.map((e) => [e.type, e.actor, e.result])).toEqual([
      ['created', 'citizen', null],
      ['assigned', 'alice', null],
      ['attempt', 'alice', 'noAnswer'],
      ['done', 'carole', 'reached'],
    ]);
    // Already done: a conflict, not a second call.
    res = await post(`/api/admin/callbacks/${ref}/attempts`, { result: 'reached' });
    expect(res.status).toBe(409);
    expect((await call('/api/admin/callbacks?status=done', STAFF).then(json)).items).toHaveLength(1);
  });

  it('cancels with a reason', async () => {
    expect((await post(`/api/admin/callbacks/${refs[2]}/cancel`, {})).status).toBe(400);
    const res = await post(`/api/admin/callbacks/${refs[2]}/cancel`, { note: 'La personne a rappelé elle-même' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ status: 'cancelled' });
  });

  it.each([
    ['GET', '/api/admin/callbacks/RA-2026-999999', undefined, 404],
    ['GET', '/api/admin/callbacks/PL-2026-000001', undefined, 400],
    ['GET', `/api/admin/callbacks/RA-2026-${'9'.repeat(60)}`, undefined, 400],
    ['GET', '/api/admin/callbacks?status=bogus', undefined, 400],
    ['GET', '/api/admin/callbacks?status=pending&status=done', undefined, 400],
    ['GET', '/api/admin/callbacks?from=2026-02-30', undefined, 400],
    ['GET', '/api/admin/callbacks?from=2026-10-10&to=2026-10-01', undefined, 400],
    ['GET', '/api/admin/callbacks?mine=true&unassigned=true', undefined, 400],
    ['GET', '/api/admin/callbacks?limit=100000', undefined, 400],
    ['GET', '/api/admin/callbacks?unknown=1', undefined, 400],
    ['POST', '/api/admin/callbacks/RA-2026-000002/attempts', { result: 'maybe' }, 400],
    ['POST', '/api/admin/callbacks/RA-2026-000002/attempts', { result: 'reached', extra: 1 }, 400],
    ['POST', '/api/admin/callbacks/RA-2026-000002/attempts', [1, 2], 400],
    ['POST', '/api/admin/callbacks/RA-2026-000002/attempts', '"reached"', 400],
    ['POST', '/api/admin/callbacks/RA-2026-000002/attempts', '{"result": ', 400],
    ['POST', '/api/admin/callbacks/RA-2026-000002/attempts', { result: 'reached', note: 'x'.repeat(2001) }, 400],
    ['POST', '/api/admin/callbacks/RA-2026-000002/assign', { officer: 'zoé' }, 400],
    ['POST', '/api/admin/callbacks/RA-2026-000002/assign', { officer: { $ne: null } }, 400],
    ['POST', '/api/admin/callbacks/RA-2026-999999/cancel', { note: 'x' }, 404],
  ] as const)('%s %s → %s', async (method, path, body, status) => {
    const res = method === 'GET' ? await call(path, STAFF) : await post(path, body);
    expect(res.status).toBe(status);
    const error = (await json(res)).error;
    expect(error?.code).toEqual(expect.any(String));
    expect(error?.message.length).toBeLessThan(400);
  });

  it('logs no token, no phone and no citizen text', () => {
    const all = logLines.join('');
    expect(all).toContain('callbacks.assign');
    for (const secret of [STAFF, OTHER, '555-0199', 'HYPERLINK', 'Julie']) expect(all).not.toContain(secret);
  });
});
