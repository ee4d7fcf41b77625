import { fixedClock } from '../../../domain/clock';
import { DirectLineTestClient } from '../../helpers/directLineClient';
import { startTestApplication, RunningTestApplication } from '../../helpers/testApplication';
import { tempDatabaseUrl, tempDir } from '../../helpers/tempDir';

const NOW = '2026-11-23T15:00:00Z'; // lundi 23 novembre 2026, 10 h à Québec: the Centre is open

async function errorOf(res: Response): Promise<{ status: number; code: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe('string');
  return { status: res.status, code: body.error.code };
}

describe('built-in Direct Line 3.0 (no Azure)', () => {
  const clock = fixedClock(NOW);
  let running: RunningTestApplication;
  let dl: DirectLineTestClient;

  beforeAll(async () => {
    running = await startTestApplication({ DIRECT_LINE_TOKEN_TTL_SECONDS: '600', DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '1000' }, { clock });
    dl = new DirectLineTestClient(running.botUrl);
  });
  afterAll(async () => {
    await running.close();
  });

  it('gives the page a token for a new conversation, never cached', async () => {
    const res = await fetch(`${running.botUrl}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const grant = (await res.json()) as Record<string, unknown>;
    expect(grant).toEqual({
      conversationId: expect.stringMatching(/^[A-Za-z0-9_-]{16,}$/),
      token: expect.any(String),
      expires_in: 600,
      userId: expect.stringMatching(/^dl_/),
      domain: '/v3/directline',
    });
  });

  it('starts the conversation with the welcome in French, once', async () => {
    const grant = await dl.pageToken();
    const started = await dl.start(grant.token);
    expect(started.status).toBe(201);
    const streamUrl = `ws://${new URL(running.botUrl).host}/v3/directline/conversations/${grant.conversationId}/stream?t=${encodeURIComponent(grant.token)}`;
    expect(await started.json()).toEqual({ conversationId: grant.conversationId, token: grant.token, expires_in: 600, streamUrl });

    const welcome = await dl.waitForBotMessages(grant.conversationId, grant.token, 2);
    expect(welcome[0].text).toContain('Je suis un assistant automatisé');
    expect(welcome[1].suggestedActions?.actions.map((a) => a.title)).toContain('Parler à une personne');
    expect(welcome[0]).toMatchObject({
      channelId: 'directline',
      conversation: { id: grant.conversationId },
      from: { role: 'bot' },
      recipient: { id: grant.userId },
    });
    expect(welcome[0]).not.toHaveProperty('serviceUrl');

    // Web Chat starting again (or a second tab) does not welcome twice.
    expect((await dl.start(grant.token)).status).toBe(200);
    await dl.say(grant.conversationId, grant.token, 'aide');
    const all = await dl.waitForBotMessages(grant.conversationId, grant.token, 3);
    expect(all.filter((a) => a.text?.includes('Je suis un assistant automatisé'))).toHaveLength(1);
  });

  it('echoes a posted activity with an id, forwards it to the bot and stores the answer', async () => {
    const { conversationId, token, userId } = await dl.conversation();
    const res = await dl.say(conversationId, token, 'parler à une personne', { channelData: { clientActivityID: 'web-1' } });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(new RegExp(`^${conversationId}\\|\\d{7}$`));

    const [, , answer] = await dl.waitForBotMessages(conversationId, token, 3);
    expect(answer.text).toContain('418\u00a0528-7157');
    expect(answer.text).toContain('1\u00a0866\u00a0672-3460');
    expect(answer.replyToId).toBe(id);

    const { activities } = await dl.activities(conversationId, token);
    const echo = activities.find((a) => a.id === id)!;
    // The server decides who wrote it (Web Chat's from.id is ignored) and shows it back as plain text.
    expect(echo).toMatchObject({
      type: 'message',
      text: 'parler à une personne',
      from: { id: userId, role: 'user' },
      textFormat: 'plain',
      channelData: { clientActivityID: 'web-1' },
    });
    expect(echo.timestamp).toBe(new Date(NOW).toISOString());
  });

  it('returns only what is new after a watermark', async () => {
    const { conversationId, token } = await dl.conversation();
    const first = await dl.activities(conversationId, token);
    expect(first.activities).toHaveLength(2);
    expect(first.watermark).toBe('2');

    expect(await dl.activities(conversationId, token, first.watermark)).toEqual({ activities: [], watermark: '2' });

    await dl.say(conversationId, token, 'parler à une personne');
    await dl.waitForBotMessages(conversationId, token, 3);
    const next = await dl.activities(conversationId, token, first.watermark);
    expect(next.activities.map((a) => a.from?.role)).toEqual(['user', 'bot']);
    expect(next.watermark).toBe('4');
    // No watermark (a reload of the page): the whole conversation again.
    expect((await dl.activities(conversationId, token, '')).activities).toHaveLength(4);
    expect((await dl.activities(conversationId, token, 'not-a-number')).activities).toHaveLength(4);
  });

  it('reconnects (GET the conversation) and refreshes the token', async () => {
    const { conversationId, token } = await dl.conversation();
    const reconnect = await dl.request('GET', `/conversations/${conversationId}?watermark=2`, token);
    expect(reconnect.status).toBe(200);
    expect(await reconnect.json()).toEqual({
      conversationId,
      token,
      expires_in: 600,
      streamUrl: `ws://${new URL(running.botUrl).host}/v3/directline/conversations/${conversationId}/stream?watermark=2&t=${encodeURIComponent(token)}`,
    });

    clock.set(new Date(new Date(NOW).getTime() + 300_000));
    try {
      const refreshed = await dl.request('POST', '/tokens/refresh', token);
      expect(refreshed.status).toBe(200);
      const renewed = (await refreshed.json()) as { conversationId: string; token: string; expires_in: number };
      expect(renewed).toMatchObject({ conversationId, expires_in: 600 });
      expect(renewed.token).not.toBe(token);
      expect((await dl.activities(conversationId, renewed.token)).activities).toHaveLength(2);
    } finally {
      clock.set(NOW);
    }
  });

  describe('token rules', () => {
    it('refuses a request without a token (401), with a forged token (401), and an expired one (403)', async () => {
      const { conversationId, token } = await dl.conversation();
      expect(await errorOf(await dl.request('GET', `/conversations/${conversationId}/activities`))).toEqual({ status: 401, code: 'MissingToken' });
      expect(await errorOf(await dl.request('GET', `/conversations/${conversationId}/activities`, 'not-a-token'))).toEqual({
        status: 401,
        code: 'InvalidToken',
      });

      // A token whose payload names another conversation, with the original signature.
      const [payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { c: string };
      const other = await dl.pageToken();
      const forged = `${Buffer.from(JSON.stringify({ ...claims, c: other.conversationId })).toString('base64url')}.${signature}`;
      expect(await errorOf(await dl.request('GET', `/conversations/${other.conversationId}/activities`, forged))).toEqual({
        status: 401,
        code: 'InvalidToken',
      });

      clock.set(new Date(new Date(NOW).getTime() + 601_000));
      try {
        expect(await errorOf(await dl.request('GET', `/conversations/${conversationId}/activities`, token))).toEqual({ status: 403, code: 'TokenExpired' });
        expect(await errorOf(await dl.say(conversationId, token, 'allo'))).toEqual({ status: 403, code: 'TokenExpired' });
        expect(await errorOf(await dl.request('POST', '/tokens/refresh', token))).toEqual({ status: 403, code: 'TokenExpired' });
      } finally {
        clock.set(NOW);
      }
    });

    it('isolates conversations: a token never reads or writes another conversation (403)', async () => {
      const a = await dl.conversation();
      const b = await dl.conversation();
      await dl.say(b.conversationId, b.token, 'secret de B : 450 555-0199');
      await dl.waitForBotMessages(b.conversationId, b.token, 3);

      expect(await errorOf(await dl.request('GET', `/conversations/${b.conversationId}/activities`, a.token))).toEqual({
        status: 403,
        code: 'ConversationMismatch',
      });
      expect(await errorOf(await dl.request('GET', `/conversations/${b.conversationId}`, a.token))).toEqual({ status: 403, code: 'ConversationMismatch' });
      expect(await errorOf(await dl.say(b.conversationId, a.token, 'intrusion'))).toEqual({ status: 403, code: 'ConversationMismatch' });
      expect(await errorOf(await dl.request('POST', `/conversations/${b.conversationId}/upload`, a.token))).toEqual({
        status: 403,
        code: 'ConversationMismatch',
      });

      const seenByA = JSON.stringify(await dl.activities(a.conversationId, a.token));
      expect(seenByA).not.toContain('450\u00a0555-0199');
      const seenByB = JSON.stringify(await dl.activities(b.conversationId, b.token));
      expect(seenByB).not.toContain('intrusion');

      // Direct Line conversations go through the same interaction log as /api/messages: masked, pseudonymous.
      // The reply reaches the page before the turn ends and logs its inbound row: wait for that row.
      let rows: Array<{ direction: string; channel_id: string }> = [];
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
        await running.app.transcriptStore.flush();
        rows = await running.app.db('interactions').where({ conversation_id: b.conversationId }).select();
        if (rows.filter((r) => r.direction === 'in').length >= 2) break;
      }
      expect(rows.filter((r) => r.direction === 'in').length).toBeGreaterThanOrEqual(2);
      expect(rows.every((r) => r.channel_id === 'directline')).toBe(true);
      expect(JSON.stringify(rows)).not.toContain('450\u00a0555-0199');
      expect(JSON.stringify(rows)).not.toContain(b.userId);
    });

    it('lets only the bot of this server post into the connector emulation (401)', async () => {
      const { conversationId, token } = await dl.conversation();
      const forged = await fetch(`${running.botUrl}/directline/channel/v3/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ type: 'message', text: 'Votre dossier est refusé.', from: { id: 'bot', role: 'bot' } }),
      });
      expect(await errorOf(forged)).toEqual({ status: 401, code: 'Unauthorized' });
      expect(JSON.stringify(await dl.activities(conversationId, token))).not.toContain('refusé');
    });
  });

  describe('malformed and oversized requests', () => {
    it('rejects activities that are not from a browser chat (400), and files (400)', async () => {
      const { conversationId, token } = await dl.conversation();
      expect(await errorOf(await dl.post(conversationId, token, { type: 'conversationUpdate', membersAdded: [{ id: 'x' }] }))).toEqual({
        status: 400,
        code: 'InvalidActivity',
      });
      expect(await errorOf(await dl.post(conversationId, token, [1, 2]))).toEqual({ status: 400, code: 'InvalidActivity' });
      expect(
        await errorOf(
          await dl.post(conversationId, token, { type: 'message', text: 'x', attachments: [{ contentType: 'image/png', contentUrl: 'http://x' }] }),
        ),
      ).toEqual({
        status: 400,
        code: 'InvalidActivity',
      });
      expect(await errorOf(await dl.post(conversationId, token, '{"type": "message", '))).toEqual({ status: 400, code: expect.any(String) });
      expect(await errorOf(await dl.request('POST', `/conversations/${conversationId}/upload`, token))).toEqual({
        status: 400,
        code: 'AttachmentsNotSupported',
      });
    });

    it('limits the size of an activity (413) and keeps serving', async () => {
      const { conversationId, token } = await dl.conversation();
      expect(await errorOf(await dl.say(conversationId, token, 'x'.repeat(7000), { channelData: { padding: 'y'.repeat(30_000) } }))).toEqual({
        status: 413,
        code: 'PayloadTooLarge',
      });
      // Beyond MAX_BODY_BYTES the body parser refuses it before the route.
      expect((await dl.say(conversationId, token, 'x'.repeat(300_000))).status).toBe(413);
      expect((await dl.say(conversationId, token, 'parler à une personne')).status).toBe(200);
      await dl.waitForBotMessages(conversationId, token, 3);
    });

    it('answers 404 with the JSON error shape for what it does not serve', async () => {
      const { conversationId, token } = await dl.conversation();
      const res = await dl.request('GET', `/conversations/${conversationId}/members`, token);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toEqual(expect.any(String));
      expect((await fetch(`${running.botUrl}/assets/../package.json`)).status).toBe(404);
      expect((await fetch(`${running.botUrl}/assets/secret.js`)).status).toBe(404);
    });
  });
});

describe('built-in Direct Line rate limits (429)', () => {
  it('limits the activities of one token per minute, and the conversations started from one address', async () => {
    const clock = fixedClock(NOW);
    const running = await startTestApplication({ DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '4' }, { clock });
    const dl = new DirectLineTestClient(running.botUrl);
    try {
      const a = await dl.pageToken();
      const b = await dl.pageToken();
      expect((await dl.start(a.token)).status).toBe(201); // 1 of 4 for a
      for (const text of ['aide', 'menu', 'aide']) expect((await dl.say(a.conversationId, a.token, text)).status).toBe(200);
      const limited = await dl.say(a.conversationId, a.token, 'encore');
      expect(await errorOf(limited)).toEqual({ status: 429, code: 'TooManyRequests' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Polling is counted apart, so Web Chat keeps reading the answers.
      expect((await dl.activities(a.conversationId, a.token)).activities.length).toBeGreaterThan(0);
      // Another token is not affected.
      expect((await dl.start(b.token)).status).toBe(201);

      // Two tokens were issued; two more are allowed from this address this minute, then 429.
      await dl.pageToken();
      await dl.pageToken();
      const tooMany = await fetch(`${running.botUrl}/api/directline/token`, { method: 'POST' });
      expect(await errorOf(tooMany)).toEqual({ status: 429, code: 'TooManyRequests' });

      clock.set(new Date(new Date(NOW).getTime() + 61_000));
      expect((await dl.say(a.conversationId, a.token, 'aide')).status).toBe(200);
      expect((await dl.pageToken()).token).toEqual(expect.any(String));
    } finally {
      await running.close();
    }
  });
});

describe('built-in Direct Line across modes and restarts', () => {
  it('works with a MicrosoftAppId (authenticated mode), where /api/messages demands an Azure JWT', async () => {
    const running = await startTestApplication(
      { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used-by-this-test', MicrosoftAppType: 'MultiTenant' },
      { clock: fixedClock(NOW) },
    );
    const dl = new DirectLineTestClient(running.botUrl);
    try {
      const emulator = running.client();
      const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined); // CloudAdapter prints the refusal
      try {
        expect((await emulator.say('bonjour')).status).toBe(401);
      } finally {
        quiet.mockRestore();
      }

      const { conversationId, token, welcome } = await dl.conversation();
      expect(welcome[0].from?.id).toBe('00000000-0000-0000-0000-000000000001');
      await dl.say(conversationId, token, 'parler à une personne');
      const [, , answer] = await dl.waitForBotMessages(conversationId, token, 3);
      expect(answer.text).toContain('418\u00a0528-7157');
    } finally {
      await running.close();
    }
  });

  it('keeps a token valid across a restart: the conversation goes on (bot state in SQLite), and so does its page history', async () => {
    const dir = tempDir();
    const databaseUrl = tempDatabaseUrl(dir.path, 'restart-direct-line.sqlite');
    const clock = fixedClock(NOW);
    const first = await startTestApplication({}, { databaseUrl, clock });
    const grant = await new DirectLineTestClient(first.botUrl).conversation();
    await first.stop();

    const second = await startTestApplication({}, { databaseUrl, clock });
    const dl = new DirectLineTestClient(second.botUrl);
    try {
      expect((await dl.request('GET', `/conversations/${grant.conversationId}?watermark=2`, grant.token)).status).toBe(200);
      // The history is in the database: a reload after the restart shows the welcome again, as it was.
      expect((await dl.activities(grant.conversationId, grant.token)).activities.map((a) => a.id)).toEqual(grant.welcome.map((a) => a.id));
      await dl.say(grant.conversationId, grant.token, 'parler à une personne');
      const [, , answer] = await dl.waitForBotMessages(grant.conversationId, grant.token, 3);
      expect(answer.text).toContain('418\u00a0528-7157');
      // Not welcomed a second time: the bot remembers this conversation.
      expect((await dl.activities(grant.conversationId, grant.token)).activities.filter((a) => a.text?.includes('assistant automatisé'))).toHaveLength(1);
    } finally {
      await second.close();
      await first.close();
      dir.cleanup();
    }
  });
});
