import type { Activity } from 'botbuilder';
import { referenceOf } from '../../../bot/liveHelp/liveHelpRelay';
import type { Clock } from '../../../domain/clock';
import type { LiveHelpSession } from '../../../domain/liveHelp/liveHelp';
import { DirectLineTestClient } from '../../helpers/directLineClient';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';
import { tempDatabaseUrl, tempDir } from '../../helpers/tempDir';
import { openInstant } from '../../helpers/liveHelpFixtures';

const ALICE = 'alice-token-aaaaaaaaaaaaaaaaaaaaaaaa';

describe('live help survives a restart, and tells the next citizen when the queue moves', () => {
  const dir = tempDir();
  const databaseUrl = tempDatabaseUrl(dir.path);
  const offset = openInstant().getTime() - Date.now();
  const clock: Clock = { now: () => new Date(Date.now() + offset) };
  const env = { ADMIN_TOKENS: `staff:alice:${ALICE}`, LIVE_HELP_ENABLED: 'true', LIVE_HELP_HANDLING_MINUTES: '5' };
  let running: RunningTestApplication | undefined;
  afterAll(async () => {
    await running?.close();
    dir.cleanup();
  });

  const api = async (path: string, body?: unknown) => {
    const res = await fetch(`${running!.botUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${ALICE}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { queue: Array<{ id: number }> } };
  };
  const waitForText = async (dl: DirectLineTestClient, conversationId: string, token: string, fragment: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { activities } = await dl.activities(conversationId, token);
      if (activities.some((a: Activity) => a.from?.role === 'bot' && a.text?.includes(fragment))) return;
      if (Date.now() > deadline) throw new Error(`no bot message with "${fragment}"`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('two citizens queued before a restart are still queued after it; accepting the first moves the second to place 1', async () => {
    running = await startTestApplication(env, { clock, databaseUrl });
    let dl = new DirectLineTestClient(running.botUrl);
    expect((await api('/api/agent/status', { status: 'available' })).status).toBe(200);
    const first = await dl.conversation();
    const second = await dl.conversation();
    await dl.say(first.conversationId, first.token, 'parler à une personne');
    await waitForText(dl, first.conversationId, first.token, 'au rang 1');
    await dl.say(second.conversationId, second.token, 'parler à une personne');
    await waitForText(dl, second.conversationId, second.token, 'au rang 2');

    await running.close();
    running = await startTestApplication(env, { clock, databaseUrl });
    dl = new DirectLineTestClient(running.botUrl);
    await api('/api/agent/status', { status: 'available' });
    const { queue } = (await api('/api/agent/state')).body;
    expect(queue).toHaveLength(2);
    expect((await api(`/api/agent/sessions/${queue[0].id}/accept`, {})).status).toBe(200);
    await waitForText(dl, first.conversationId, first.token, 'Alice, du Centre');
    await waitForText(dl, second.conversationId, second.token, 'vous êtes maintenant au rang 1');
    expect((await api(`/api/agent/sessions/${queue[0].id}/messages`, { text: 'Bonjour après le redémarrage' })).status).toBe(201);
    await waitForText(dl, first.conversationId, first.token, 'Bonjour après le redémarrage');
  });
});

describe('the stored conversation reference', () => {
  const session = {
    id: 1,
    channelId: 'directline',
    conversationId: 'abc',
    lang: 'fr',
    status: 'active',
    requestedAt: new Date(),
    requeued: 0,
  } as LiveHelpSession;
  it('is used only when it points at the session’s own conversation', () => {
    const good = JSON.stringify({ channelId: 'directline', conversation: { id: 'abc' }, serviceUrl: 'http://x' });
    expect(referenceOf({ ...session, conversationReference: good })?.conversation?.id).toBe('abc');
    expect(referenceOf({ ...session, conversationReference: JSON.stringify({ channelId: 'directline', conversation: { id: 'other' } }) })).toBeUndefined();
    expect(referenceOf({ ...session, conversationReference: JSON.stringify({ channelId: 'msteams', conversation: { id: 'abc' } }) })).toBeUndefined();
    expect(referenceOf({ ...session, conversationReference: '{' })).toBeUndefined();
    expect(referenceOf({ ...session, conversationReference: undefined })).toBeUndefined();
  });
});
