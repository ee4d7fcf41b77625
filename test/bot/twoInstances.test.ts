import http from 'node:http';
import net from 'node:net';
import type { Activity } from 'botbuilder';
import { openDatabase } from '../../domain/db/database';
import { complaintConfirmValue, DirectLineTestClient } from '../helpers/directLineClient';
import { ServerProcess as Instance } from '../helpers/serverProcess';
import { DirectLineStreamClient } from '../helpers/directLineStreamClient';
import { createTestPostgresDatabase, postgresTestsSkipped } from '../helpers/postgres';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';
import { SmtpTestServer } from '../helpers/smtpTestServer';

jest.setTimeout(180_000);

/**
 * A round-robin load balancer for HTTP and WebSocket upgrades, as in front of a scale-out: each new
 * request or socket goes to the next instance; an instance that refuses the connection is skipped.
 */
class RoundRobinProxy {
  private next = 0;
  readonly served: number[] = [];
  private readonly server = http.createServer((req, res) => void this.forward(req, res));
  port = 0;

  constructor(private readonly instances: Instance[]) {
    this.server.on('upgrade', (req, socket, head) => void this.upgrade(req, socket as net.Socket, head));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return `http://127.0.0.1:${this.port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const first = this.next;
    this.next = (this.next + 1) % this.instances.length;
    for (let attempt = 0; attempt < this.instances.length; attempt += 1) {
      const index = (first + attempt) % this.instances.length;
      const target = this.instances[index];
      const ok = await new Promise<boolean>((resolve) => {
        const upstream = http.request(
          { host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            this.served.push(index);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('end', () => resolve(true));
          },
        );
        upstream.on('error', () => resolve(false));
        upstream.end(body);
      });
      if (ok) return;
    }
    res.writeHead(502).end();
  }

  private async upgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer): Promise<void> {
    socket.on('error', () => undefined);
    const first = this.next;
    this.next = (this.next + 1) % this.instances.length;
    for (let attempt = 0; attempt < this.instances.length; attempt += 1) {
      const index = (first + attempt) % this.instances.length;
      const upstream = net.connect(this.instances[index].port, '127.0.0.1');
      const connected = await new Promise<boolean>((resolve) => {
        upstream.once('connect', () => resolve(true));
        upstream.once('error', () => resolve(false));
      });
      if (!connected) continue;
      upstream.on('error', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
      upstream.on('close', () => socket.destroy());
      const headers = Object.entries(req.headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${name}: ${v}`));
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
      return;
    }
    socket.destroy();
  }
}

describe('two instances on one database, behind a round-robin proxy', () => {
  const smtp = new SmtpTestServer();
  const dir = tempDir();
  let databaseUrl: string;
  let dropDatabase: () => Promise<void> = async () => undefined;
  let instances: Instance[];
  let proxy: RoundRobinProxy;
  let proxyUrl: string;

  beforeAll(async () => {
    if (postgresTestsSkipped()) {
      // Two processes on one SQLite file: the same guarantees on one machine.
      databaseUrl = tempDatabaseUrl(dir.path, 'two-instances.sqlite');
    } else {
      const created = await createTestPostgresDatabase();
      databaseUrl = created.url;
      dropDatabase = created.drop;
    }
    // Migrations first, once, so that the two instances start on a ready schema.
    await (await openDatabase(databaseUrl)).destroy();
    const smtpPort = await smtp.start();
    const env = {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '1000',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      REMINDER_FROM: 'assistant@exemple.ca',
      STAFF_EMAILS: 'equipe@exemple.ca',
      // Every 2 seconds on both instances: the same ticks, run by one of them.
      REMINDER_CRON: '*/2 * * * * *',
      INTERACTION_PURGE_CRON: '0 0 1 1 *',
      COMPLAINT_PURGE_CRON: '0 0 1 1 *',
      STATE_PURGE_CRON: '0 0 1 1 *',
    };
    instances = [new Instance(env), new Instance(env)];
    await Promise.all(instances.map((i) => i.start()));
    proxy = new RoundRobinProxy(instances);
    proxyUrl = await proxy.start();
  });

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all((instances ?? []).map((i) => i.stop()));
    await smtp.stop();
    await dropDatabase();
    dir.cleanup();
  });

  it('serves one conversation from both, survives a crash mid-complaint, stores it once and mails its reminder once', async () => {
    const dl = new DirectLineTestClient(proxyUrl);
    const grant = await dl.pageToken();
    const started = await dl.start(grant.token);
    expect(started.status).toBe(201);
    const { conversationId, token } = grant;

    // The page's stream, reopened through the proxy (so on either instance) whenever it closes.
    let stream = await DirectLineStreamClient.open(((await started.json()) as { streamUrl: string }).streamUrl);
    const seen: Activity[] = [];
    const collect = () => {
      for (const a of stream.activities) if (!seen.some((s) => s.id === a.id)) seen.push(a);
    };
    const liveStream = async () => {
      collect();
      if (!stream.closed) return;
      const watermark = stream.watermark ?? '';
      const reconnect = await dl.request('GET', `/conversations/${conversationId}?watermark=${watermark}`, token);
      expect(reconnect.status).toBe(200);
      stream = await DirectLineStreamClient.open(((await reconnect.json()) as { streamUrl: string }).streamUrl);
    };
    const botMessages = () => seen.filter((a) => a.type === 'message' && a.from?.role === 'bot');
    /** Posts through the proxy (the next instance) and waits for the answer to arrive on the stream. */
    const say = async (text: string, extra: Record<string, unknown> = {}): Promise<Activity[]> => {
      await liveStream();
      const res = await dl.say(conversationId, token, text, extra);
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      const deadline = Date.now() + 20_000;
      for (;;) {
        collect();
        const answers = botMessages().filter((a) => a.replyToId === id);
        if (answers.length) {
          // A multi-part answer: done once no further part has come for half a second.
          for (let count = answers.length; ; ) {
            await new Promise((r) => setTimeout(r, 500));
            if (stream.closed) await liveStream();
            collect();
            const now = botMessages().filter((a) => a.replyToId === id);
            if (now.length === count) return now;
            count = now.length;
          }
        }
        if (Date.now() > deadline) throw new Error(`no answer to "${text}"`);
        if (stream.closed) await liveStream();
        await stream.until(() => stream.activities.length > seen.length || !!stream.closed, 1000).catch(() => undefined);
      }
    };
    const joined = (replies: Activity[]) => replies.map((a) => a.text ?? '').join('\n');

    await stream.waitForBotMessages(2);
    expect(joined(await say('Déposer une plainte'))).toContain('Acceptez-vous');
    expect(joined(await say("Oui, j'accepte"))).toContain('Quel est votre nom?');
    await say('Hélène Gagnon');
    await say('Téléphone');
    // Both instances have answered by now (round robin).
    expect(new Set(proxy.served)).toEqual(new Set([0, 1]));

    // Instance 0 crashes mid-complaint; the proxy sends everything to instance 1 from now on.
    await instances[0].kill();
    expect(joined(await say('581 555-0142'))).toContain('Quel service');
    await say('Service téléphonique du CA-dotation');
    await say('hier');
    await say('On m’a transféré trois fois sans jamais répondre à ma question.');
    const summary = await say('Passer cette question');
    const confirm = complaintConfirmValue(summary);
    const confirmation = joined(await say('', { text: undefined, value: confirm }));
    expect(confirmation).toMatch(/PL-\d{4}-000001/);

    // Instance 0 comes back (same database): the page's whole history, confirmation included, is there.
    await instances[0].start();
    const history = (await dl.activities(conversationId, token)).activities;
    expect(history.filter((a) => a.from?.role === 'user').map((a) => a.text)).toContain('Hélène Gagnon');
    expect(history.some((a) => /PL-\d{4}-000001/.test(a.text ?? ''))).toBe(true);
    const ids = history.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);

    const db = await openDatabase(databaseUrl, { migrate: false });
    try {
      const rows = await db('complaints').select('reference', 'complainant_name');
      expect(rows).toEqual([{ reference: expect.stringMatching(/^PL-\d{4}-000001$/), complainant_name: 'Hélène Gagnon' }]);

      // The complaint's first contact is overdue: both instances' reminder passes (every 2 s) mail it once.
      await db('complaints').update({ first_contact_due_date: '2026-01-05', first_contact_due_at: '2026-01-05T22:00:00.000Z' });
      const deadline = Date.now() + 30_000;
      while (smtp.messages.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect(smtp.messages.length).toBe(1);
      await new Promise((r) => setTimeout(r, 6000)); // three more ticks on both instances
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0].raw).toMatch(/PL-\d{4}-000001/);
    } finally {
      await db.destroy();
    }
    await stream.close();
  });
});
