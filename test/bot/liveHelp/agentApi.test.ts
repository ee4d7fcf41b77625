import type { Activity } from 'botbuilder';
import type { Clock } from '../../../domain/clock';
import { describeEachDatabase } from '../../helpers/databases';
import { DirectLineTestClient } from '../../helpers/directLineClient';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';
import { AgentStream } from '../../helpers/agentStream';
import { calendar, openInstant } from '../../helpers/liveHelpFixtures';

const ALICE = 'alice-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const BOB = 'bob-token-bbbbbbbbbbbbbbbbbbbbbbbbbb';

/** Real time, shifted to half an hour after the Centre next opens (the tests pass on any date). */
function openClock(): Clock {
  const offset = openInstant().getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

describeEachDatabase('live help over HTTP: citizen on Direct Line, agents on the API and stream', (databases) => {
  let running: RunningTestApplication;
  let dl: DirectLineTestClient;
  const clock = openClock();
  beforeAll(async () => {
    running = await startTestApplication(
      { ADMIN_TOKENS: `staff:alice:${ALICE},manager:bob:${BOB}`, LIVE_HELP_ENABLED: 'true' },
      { clock, databaseUrl: await databases.url() },
    );
    dl = new DirectLineTestClient(running.botUrl);
  });
  afterAll(() => running.close());

  const api = async (path: string, token: string | undefined, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const res = await fetch(`${running.botUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as Record<string, unknown> & { error?: { code: string } } };
  };
  const botTexts = async (conversationId: string, token: string): Promise<string[]> =>
    (await dl.activities(conversationId, token)).activities.filter((a: Activity) => a.type === 'message' && a.from?.role === 'bot').map((a: Activity) => a.text ?? '');
  const waitForText = async (conversationId: string, token: string, fragment: string): Promise<string[]> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const texts = await botTexts(conversationId, token);
      if (texts.some((t) => t.includes(fragment))) return texts;
      if (Date.now() > deadline) throw new Error(`no bot message with "${fragment}"; got ${JSON.stringify(texts.slice(-3))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('queues the citizen, streams the queue, lets exactly one agent accept, relays both ways only within the session, and ends', async () => {
    expect((await api('/api/agent/status', ALICE, { status: 'available' })).status).toBe(200);
    expect((await api('/api/agent/status', BOB, { status: 'available' })).status).toBe(200);
    const alice = new AgentStream(running.botUrl, ALICE);
    await alice.ready;

    const citizen = await dl.conversation();
    await dl.say(citizen.conversationId, citizen.token, 'parler à une personne');
    await waitForText(citizen.conversationId, citizen.token, 'au rang 1');
    const { queue } = await alice.until((s) => s.queue.length === 1);
    const id = queue[0].id;

    const [a, b] = await Promise.all([api(`/api/agent/sessions/${id}/accept`, ALICE, {}), api(`/api/agent/sessions/${id}/accept`, BOB, {})]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [ALICE, BOB] : [BOB, ALICE];
    const winnerName = winner === ALICE ? 'Alice' : 'Bob';
    await waitForText(citizen.conversationId, citizen.token, `${winnerName}, du Centre`);

    // The other agent can neither write, note nor end this conversation.
    const intrusion = await api(`/api/agent/sessions/${id}/messages`, loser, { text: 'Message égaré' });
    expect(intrusion).toMatchObject({ status: 403, body: { error: { code: 'NotYourSession' } } });
    expect((await api(`/api/agent/sessions/${id}/notes`, loser, { text: 'x' })).status).toBe(403);
    expect((await api(`/api/agent/sessions/${id}/end`, loser, {})).status).toBe(403);

    expect((await api(`/api/agent/sessions/${id}/messages`, winner, { text: 'Bonjour, comment puis-je vous aider?' })).status).toBe(201);
    await waitForText(citizen.conversationId, citizen.token, `**${winnerName}**\u00a0: Bonjour, comment puis-je vous aider?`);

    await dl.say(citizen.conversationId, citizen.token, 'Je cherche mon résultat de concours');
    const stream = winner === ALICE ? alice : new AgentStream(running.botUrl, BOB);
    const held = await stream.until((s) => s.sessions[0]?.messages.some((m) => m.author === 'citizen' && m.text === 'Je cherche mon résultat de concours'));
    expect(held.sessions[0].transcript.some((l) => l.from === 'citizen' && l.text === 'parler à une personne')).toBe(true);

    expect((await api(`/api/agent/sessions/${id}/notes`, winner, { text: 'Résultat à vérifier' })).status).toBe(201);
    expect((await api(`/api/agent/sessions/${id}/end`, winner, {})).status).toBe(200);
    await waitForText(citizen.conversationId, citizen.token, 'a terminé la conversation');
    expect((await botTexts(citizen.conversationId, citizen.token)).join('\n')).not.toContain('Message égaré');

    // Back with the assistant.
    await dl.say(citizen.conversationId, citizen.token, 'Quelles sont vos heures?');
    await waitForText(citizen.conversationId, citizen.token, '8\u00a0h\u00a030');
    alice.close();
    stream.close();

    // The managers' figures: one request, taken, none abandoned.
    const month = calendar.localDateOf(clock.now()).slice(0, 7);
    expect((await api(`/api/admin/stats/live-help?period=${month}`, ALICE)).status).toBe(403);
    const stats = await api(`/api/admin/stats/live-help?period=${month}`, BOB);
    expect(stats).toMatchObject({ status: 200, body: { enabled: true, requested: 1, accepted: 1, abandoned: 0, perAgent: [{ agent: winner === ALICE ? 'alice' : 'bob', handled: 1 }] } });
    expect((await api('/api/admin/stats/live-help?period=2026-13', BOB)).status).toBe(400);
  });

  it('refuses what is not a valid request with a 4xx', async () => {
    expect((await api('/api/agent/state', undefined)).status).toBe(401);
    expect((await api('/api/agent/state', 'not-a-token')).status).toBe(401);
    expect((await api('/api/agent/sessions/abc/accept', ALICE, {})).status).toBe(400);
    expect((await api('/api/agent/sessions/999999/accept', ALICE, {})).status).toBe(404);
    expect((await api('/api/agent/sessions/1/messages', ALICE, { text: 'x', extra: 1 })).status).toBe(400);
    expect((await api('/api/agent/sessions/1/messages', ALICE, { text: 'x'.repeat(5000) })).status).toBe(400);
    expect((await api('/api/agent/status', ALICE, { status: 'partout' })).status).toBe(400);
    expect((await api('/api/agent/status', ALICE, '{"status":')).status).toBe(400);
  });
});
