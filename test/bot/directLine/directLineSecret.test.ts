import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { readJson } from '../../helpers/channelReceiver';
import { startTestApplication, RunningTestApplication } from '../../helpers/testApplication';

const SECRET = 'direct-line-secret-0123456789';

/** Plays Azure Direct Line's token service: records each request and answers what the test says. */
class FakeDirectLine {
  readonly requests: Array<{ method?: string; url?: string; authorization?: string; body: unknown }> = [];
  answer: { status: number; body: unknown } = { status: 200, body: { conversationId: 'azure-conversation-1', token: 'azure-token-abc', expires_in: 1800 } };
  private server: Server | undefined;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readJson(req).then((body) => {
        this.requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
        res.writeHead(this.answer.status, { 'content-type': 'application/json' });
        res.end(typeof this.answer.body === 'string' ? this.answer.body : JSON.stringify(this.answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('DIRECT_LINE_SECRET: the page gets its token from Azure Direct Line (a fake one here)', () => {
  const fake = new FakeDirectLine();
  const logLines: string[] = [];
  let running: RunningTestApplication;
  let endpoint: string;

  beforeAll(async () => {
    endpoint = `${await fake.start()}/v3/directline`;
    const logs = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(chunk.toString('utf8'));
        callback();
      },
    });
    running = await startTestApplication({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: endpoint }, { logger: createLogger('debug', logs) });
  });
  afterAll(async () => {
    await running.close();
    await fake.stop();
  });

  it('exchanges the secret for a token with the user id embedded, and gives the page only the token', async () => {
    const res = await fetch(`${running.botUrl}/api/directline/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"locale":"fr-CA"}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const grant = (await res.json()) as { userId: string };
    expect(grant).toEqual({
      conversationId: 'azure-conversation-1',
      token: 'azure-token-abc',
      expires_in: 1800,
      userId: expect.stringMatching(/^dl_/),
      domain: endpoint,
    });

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toEqual({
      method: 'POST',
      url: '/v3/directline/tokens/generate',
      authorization: `Bearer ${SECRET}`,
      body: { user: { id: grant.userId } },
    });
  });

  it('turns the built-in endpoint off and lets the page connect to Azure only', async () => {
    expect((await fetch(`${running.botUrl}/v3/directline/conversations`, { method: 'POST', headers: { authorization: 'Bearer x' } })).status).toBe(404);
    expect((await fetch(`${running.botUrl}/directline/channel/v3/conversations/c/activities`, { method: 'POST' })).status).toBe(404);

    const page = await fetch(`${running.botUrl}/`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`connect-src 'self' ${new URL(endpoint).origin}`);
    const body = await page.text();
    expect(body).not.toContain(SECRET);
    const config = JSON.parse(/<script type="application\/json" id="chat-config">([^<]*)<\/script>/.exec(body)![1]) as { mode: string; tokenUrl: string };
    expect(config).toMatchObject({ mode: 'azure', tokenUrl: '/api/directline/token' });
  });

  it.each([
    ['refuses the secret', { status: 403, body: { error: { code: 'Forbidden' } } }],
    ['answers garbage', { status: 200, body: '<html>oops</html>' }],
    ['answers without a token', { status: 200, body: { conversationId: 'c' } }],
  ])('answers 502 when Azure %s, without leaking the secret', async (_label, answer) => {
    fake.answer = answer;
    try {
      const res = await fetch(`${running.botUrl}/api/directline/token`, { method: 'POST' });
      expect(res.status).toBe(502);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'DirectLineUnavailable', message: expect.any(String) } });
      expect(text).not.toContain(SECRET);
    } finally {
      fake.answer = { status: 200, body: { conversationId: 'azure-conversation-1', token: 'azure-token-abc', expires_in: 1800 } };
    }
  });

  it('never writes the secret or a token to the application log', () => {
    const log = logLines.join('');
    expect(log).toContain('direct line token exchange failed');
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain('azure-token-abc');
  });
});

describe('DIRECT_LINE_ENDPOINT', () => {
  it('must be https, except on this machine', () => {
    expect(() => loadConfig({ DIRECT_LINE_ENDPOINT: 'http://directline.example.org/v3/directline' })).toThrow(/DIRECT_LINE_ENDPOINT/);
    expect(loadConfig({ DIRECT_LINE_ENDPOINT: 'http://127.0.0.1:8080/v3/directline' }).DIRECT_LINE_ENDPOINT).toBe('http://127.0.0.1:8080/v3/directline');
    expect(loadConfig({}).DIRECT_LINE_ENDPOINT).toBe('https://directline.botframework.com/v3/directline');
  });
});
