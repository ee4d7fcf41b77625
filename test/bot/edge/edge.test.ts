import { createLogger } from '../../../bot/logger';
import { Capture } from '../../helpers/capture';
import { DirectLineTestClient } from '../../helpers/directLineClient';
import { isolatedTmpdir, rawRequest } from '../../helpers/rawHttp';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const deepJson = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('the HTTP edge (hostile input)', () => {
  let running: RunningTestApplication;
  let dl: DirectLineTestClient;
  const log = new Capture();

  beforeAll(async () => {
    running = await startTestApplication({ REQUEST_BODY_TIMEOUT_MS: '1000' }, { logger: createLogger('trace', log) });
    dl = new DirectLineTestClient(running.botUrl);
  });
  afterAll(async () => {
    await running.close();
  });

  describe('message size', () => {
    it('answers an over-long message on /api/messages that it is too long, and logs a marker instead of the text', async () => {
      const client = running.client();
      const text = `Mon courriel est jean.tremblay@example.com ${'bla '.repeat(50_000)}`;
      const res = await client.say(text);
      expect(res.status).toBe(200);
      const [reply] = await running.receiver.waitForMessages(client.conversationId, 1);
      expect(reply.text).toContain('Votre message est trop long (plus de 4\u00a0000 caractères)');
      expect(reply.text).toContain('carrieres@mcn.gouv.qc.ca');
      expect(reply.text).toContain('418\u00a0528-7157');
      await running.app.transcriptStore.flush();
      const rows = await running.app.db('interactions').where({ conversation_id: client.conversationId, direction: 'in' });
      expect(rows).toHaveLength(1);
      expect(rows[0].text).toBe(`[message trop long de ${text.length} caractères, non lu et non conservé]`);
      expect(JSON.stringify(rows)).not.toContain('bla bla');
      expect(JSON.stringify(rows)).not.toContain('tremblay');
    });

    it('processes a message at the cap normally, counts an emoji as one character, and answers in English', async () => {
      const client = running.client();
      expect((await client.say(`parler à une personne ${'😀'.repeat(3970)}`)).status).toBe(200);
      const [reply] = await running.receiver.waitForMessages(client.conversationId, 1);
      expect(reply.text).not.toContain('trop long');
      const english = running.client({ locale: 'en-CA' });
      await english.say('y'.repeat(4001));
      const [answer] = await running.receiver.waitForMessages(english.conversationId, 1);
      expect(answer.text).toContain('Your message is too long (more than 4,000 characters)');
    });

    it('does the same on the built-in Direct Line, showing the page the beginning of the message', async () => {
      const { conversationId, token } = await dl.conversation();
      const res = await dl.say(conversationId, token, 'z'.repeat(50_000));
      expect(res.status).toBe(200);
      const replies = await dl.waitForBotMessages(conversationId, token, 3);
      expect(replies[2].text).toContain('Votre message est trop long');
      const { activities } = await dl.activities(conversationId, token);
      const echo = activities.find((a) => a.from?.role === 'user' && a.type === 'message');
      expect(echo?.text).toBe(`${'z'.repeat(4000)} […]`);
      // A client cannot set the marker itself.
      expect((await dl.say(conversationId, token, 'parler à une personne', { oversizedText: { chars: 1, max: 1 } })).status).toBe(200);
      const after = await dl.waitForBotMessages(conversationId, token, 4);
      expect(after[3].text).toContain('418\u00a0528-7157');
      expect(after[3].text).not.toContain('trop long');
    });

    it('refuses an oversized value or channelData (413) and an absurd body (413)', async () => {
      const client = running.client();
      const big = { blob: 'v'.repeat(20_000) };
      expect((await client.say('allo', { value: big })).status).toBe(413);
      expect((await client.say('allo', { channelData: big })).status).toBe(413);
      const { conversationId, token } = await dl.conversation();
      expect((await dl.say(conversationId, token, 'allo', { value: big })).status).toBe(413);
      expect((await client.say('a'.repeat(300_000))).status).toBe(413);
    });
  });

  describe('content types', () => {
    it('refuses multipart, url-encoded, non-UTF-8 and compressed bodies with 415 on every route, writing nothing to the temporary folder', async () => {
      const tmp = isolatedTmpdir();
      try {
        const before = tmp.files();
        const { conversationId, token } = await dl.conversation();
        const boundary = '----fuzz';
        const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'A'.repeat(200_000)}\r\n--${boundary}--\r\n`;
        const routes = [
          '/api/messages',
          '/api/directline/token',
          '/v3/directline/conversations',
          `/v3/directline/conversations/${conversationId}/activities`,
          `/v3/directline/conversations/${conversationId}/upload`,
          '/api/admin/complaints/PL-2026-0001/notes',
        ];
        for (const path of routes) {
          for (const [type, body] of [
            [`multipart/form-data; boundary=${boundary}`, multipart],
            ['application/x-www-form-urlencoded', 'type=message&text=allo'],
            ['text/plain', '{"type":"message"}'],
            ['application/json; charset=iso-8859-1', '{"type":"message"}'],
          ]) {
            const res = await rawRequest(running.botUrl, {
              method: 'POST',
              path,
              headers: [
                ['Content-Type', type],
                ['Authorization', `Bearer ${token}`],
              ],
              body,
            });
            expect({ path, type, status: res.status }).toEqual({ path, type, status: 415 });
            expect(JSON.parse(res.body)).toEqual({ error: { code: 'UnsupportedMediaType', message: expect.any(String) } });
          }
        }
        const gzip = await rawRequest(running.botUrl, {
          method: 'POST',
          path: '/api/messages',
          headers: [
            ['Content-Type', 'application/json'],
            ['Content-Encoding', 'gzip'],
          ],
          body: Buffer.from([0x1f, 0x8b, 0, 1, 2, 3]),
        });
        expect(gzip.status).toBe(415);
        expect(tmp.files()).toEqual(before);
      } finally {
        tmp.restore();
      }
    });

    it('accepts JSON with a UTF-8 charset and +json types', async () => {
      const client = running.client();
      const body = JSON.stringify(client.activity({ type: 'message', text: 'bonjour' }));
      for (const type of ['application/json; charset=UTF-8', 'application/json;charset="utf8"', 'application/vnd.activity+json']) {
        const res = await rawRequest(running.botUrl, { method: 'POST', path: '/api/messages', headers: [['Content-Type', type]], body });
        expect(res.status).toBe(200);
      }
    });

    it('refuses invalid UTF-8 with a JSON 400', async () => {
      const res = await rawRequest(running.botUrl, {
        method: 'POST',
        path: '/api/messages',
        headers: [['Content-Type', 'application/json']],
        body: Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
      });
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error.message).toBe('The request body is not valid UTF-8.');
    });
  });

  describe('deep nesting', () => {
    it('refuses 15 000 levels on Direct Line with a JSON 400; the conversation, the in-flight count and the log are unharmed', async () => {
      const { conversationId, token } = await dl.conversation();
      const body = `{"type":"message","text":"allo","value":${deepJson(15_000)}}`;
      const res = await dl.post(conversationId, token, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: { code: 'TooDeep', message: 'The request body nests more than 32 levels.' } });
      expect((await dl.request('GET', `/conversations/${conversationId}/activities`, token)).status).toBe(200);
      expect((await dl.say(conversationId, token, 'parler à une personne')).status).toBe(200);
      await dl.waitForBotMessages(conversationId, token, 3);
      expect(log.text).not.toContain('Bearer');
      expect(log.text).not.toContain(token);
    });

    it("keeps restify's own log lines to the method and path of a request", () => {
      const restifyLog = (running.app.server as unknown as { log: { warn(obj: object, msg: string): void } }).log;
      restifyLog.warn(
        { req: { method: 'POST', url: '/v3/directline/x?watermark=1', headers: { authorization: 'Bearer s3cr3t' } }, value: { text: 'secret' } },
        'formatter failed',
      );
      const line = log.text.split('\n').find((l) => l.includes('formatter failed'));
      expect(JSON.parse(line!)).toMatchObject({ component: 'restify', req: { method: 'POST', path: '/v3/directline/x' }, value: '[omitted]' });
      expect(log.text).not.toContain('s3cr3t');
    });

    it('refuses 15 000 levels on /api/messages with a 400, and at 33 levels, but takes 32', async () => {
      const client = running.client();
      const activity = client.activity({ type: 'message', text: 'allo' });
      for (const [levels, status] of [
        [15_000, 400],
        [32, 400], // the activity object itself is one level
        [31, 200],
      ] as const) {
        const res = await client.post(JSON.stringify(activity).replace(/}$/, `,"value":${deepJson(levels)}}`));
        expect({ levels, status: res.status }).toEqual({ levels, status });
      }
    });
  });

  describe('slow and odd clients', () => {
    it('answers 408 when the body is shorter than its Content-Length, within the body timeout', async () => {
      const res = await rawRequest(running.botUrl, {
        method: 'POST',
        path: '/api/messages',
        headers: [
          ['Content-Type', 'application/json'],
          ['Content-Length', '5000'],
        ],
        body: '{"type":',
      });
      expect(res.status).toBe(408);
      expect(res.ms).toBeLessThan(3000);
      expect(JSON.parse(res.body).error.code).toBe('RequestTimeout');
    });

    it('sends X-Content-Type-Options: nosniff with every answer', async () => {
      for (const [method, path] of [
        ['GET', '/healthz'],
        ['GET', '/'],
        ['GET', '/nowhere'],
        ['POST', '/api/messages'],
      ]) {
        const res = await fetch(`${running.botUrl}${path}`, { method, headers: { 'content-type': 'text/plain' }, body: method === 'POST' ? 'x' : undefined });
        expect({ path, nosniff: res.headers.get('x-content-type-options') }).toEqual({ path, nosniff: 'nosniff' });
      }
    });

    it('fails fast when the local serviceUrl does not answer (IPv6 loopback, closed port)', async () => {
      const port = new URL(running.serviceUrl).port;
      for (const serviceUrl of [`http://[::1]:${port}`, 'http://127.0.0.1:1']) {
        const client = running.client();
        const started = Date.now();
        const res = await client.post(client.activity({ type: 'message', text: 'bonjour', serviceUrl }));
        expect(res.status).toBe(200);
        expect(Date.now() - started).toBeLessThan(2000);
      }
    });

    it("refuses a serviceUrl on the server's own port, or with a query", async () => {
      const client = running.client();
      const own = new URL(running.botUrl).port;
      for (const serviceUrl of [`http://127.0.0.1:${own}/api/directline/token`, `${running.serviceUrl}/x?y=`, 'http://user:pw@127.0.0.1:9/']) {
        const res = await client.post(client.activity({ type: 'message', text: 'allo', serviceUrl }));
        expect({ serviceUrl, status: res.status }).toEqual({ serviceUrl, status: 403 });
      }
    });
  });
});

describe('shutdown after hostile input', () => {
  it('stops at once after a deeply nested activity (no leaked in-flight turn)', async () => {
    const running = await startTestApplication();
    const dl = new DirectLineTestClient(running.botUrl);
    const { conversationId, token } = await dl.conversation();
    expect((await dl.post(conversationId, token, `{"type":"message","value":${deepJson(15_000)}}`)).status).toBe(400);
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('Emulator mode: /api/messages for this machine only, rate-limited per client address', () => {
  it('refuses callers that are not local (through a trusted proxy) with 403, and limits each address (429)', async () => {
    const running = await startTestApplication({ TRUST_PROXY: 'loopback', MESSAGES_RATE_LIMIT_PER_MINUTE: '3', DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const client = running.client();
      const activity = client.activity({ type: 'message', text: 'allo' });
      const remote = await client.post(activity, { 'x-forwarded-for': '203.0.113.7' });
      expect(remote.status).toBe(403);
      expect(((await remote.json()) as { error: { code: string } }).error.code).toBe('LocalCallersOnly');
      // The built-in Direct Line has its own tokens and stays public.
      const token = await fetch(`${running.botUrl}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.7' } });
      expect(token.status).toBe(200);

      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await client.post({ ...activity, id: `a${i}` }, { 'x-forwarded-for': '127.0.0.1' })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect((await client.post({ ...activity, id: 'y' }, { 'x-forwarded-for': '127.0.0.2' })).status).toBe(200);
      const again = await client.post({ ...activity, id: 'z' }, { 'x-forwarded-for': '127.0.0.1' });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await running.close();
    }
  });

  it('counts the token route per forwarded address behind a trusted proxy', async () => {
    const running = await startTestApplication({ TRUST_PROXY: '1', DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const token = (address: string) => fetch(`${running.botUrl}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': address } });
      expect([(await token('198.51.100.1')).status, (await token('198.51.100.1')).status, (await token('198.51.100.1')).status]).toEqual([200, 200, 429]);
      expect((await token('198.51.100.2')).status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('without TRUST_PROXY, treats a relayed request as not local, and ignores X-Forwarded-For for limits', async () => {
    const running = await startTestApplication({ DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const client = running.client();
      expect((await client.post(client.activity({ type: 'message', text: 'allo' }), { 'x-forwarded-for': '127.0.0.1' })).status).toBe(403);
      const token = (address: string) => fetch(`${running.botUrl}/api/directline/token`, { method: 'POST', headers: { 'x-forwarded-for': address } });
      expect([(await token('198.51.100.1')).status, (await token('198.51.100.2')).status, (await token('198.51.100.3')).status]).toEqual([200, 200, 429]);
    } finally {
      await running.close();
    }
  });
});
