import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { WebSocket } from 'ws';
import { projectPath } from '../../domain/paths';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';
import { argValue, ASSISTANT_SCRIPT, freePort, processCpuSeconds, startProcess, stopProcess, summarize } from './benchSupport';

/**
 * `npm run bench:directline`: the built-in Direct Line as Web Chat uses it. The server runs in its own
 * process (SQLite file, or BENCH_DATABASE_URL=postgres://…); each simulated page gets a token, starts
 * its conversation, opens the WebSocket stream (streamUrl) and waits for the welcome; then it posts
 * messages over HTTP and times each one from the POST to the bot's answer (replyToId) pushed on the
 * stream. Two loads:
 * - idle: one conversation, one message at a time (goal p95 < 100 ms);
 * - busy: N concurrent conversations (default 200), each sending a message every `interval` ms with a
 *   random phase (default 2000 ms: 100 messages/s in all), goal p95 < 300 ms.
 */
const MESSAGES = ['bonjour', 'parler à un agent', 'heures d’ouverture mercredi', 'merci', 'aide', 'quels sont les délais pour une plainte', 'menu', 'mon examen plante'];
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function request(method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : undefined });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

interface Page {
  conversationId: string;
  token: string;
  socket: WebSocket;
  /** Resolvers waiting for the answer to a posted activity id. */
  waiting: Map<string, () => void>;
  answered: Set<string>;
  botMessages: number;
}

async function openPage(url: string): Promise<Page> {
  const grant = (await request('POST', `${url}/api/directline/token`, undefined, { locale: 'fr-CA' })).body as { conversationId: string; token: string };
  const started = await request('POST', `${url}/v3/directline/conversations`, grant.token, { user: {} });
  if (started.status !== 201) throw new Error(`start answered ${started.status}`);
  const { streamUrl } = started.body as { streamUrl: string };
  const socket = new WebSocket(streamUrl, { perMessageDeflate: false });
  const page: Page = { conversationId: grant.conversationId, token: grant.token, socket, waiting: new Map(), answered: new Set(), botMessages: 0 };
  let welcomed: () => void = () => undefined;
  const welcome = new Promise<void>((resolve) => (welcomed = resolve));
  socket.on('message', (data) => {
    const text = data.toString();
    if (!text) return;
    for (const activity of (JSON.parse(text) as { activities: Array<{ type: string; from?: { role?: string }; replyToId?: string }> }).activities) {
      if (activity.type !== 'message' || activity.from?.role !== 'bot') continue;
      page.botMessages += 1;
      if (page.botMessages >= 2) welcomed();
      if (activity.replyToId && !page.answered.has(activity.replyToId)) {
        page.answered.add(activity.replyToId);
        page.waiting.get(activity.replyToId)?.();
        page.waiting.delete(activity.replyToId);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  await welcome;
  return page;
}

/** Posts a message and resolves with the time until its answer arrives on the stream (ms). */
async function turn(url: string, page: Page, text: string): Promise<number> {
  const t0 = performance.now();
  let answered: () => void = () => undefined;
  const answer = new Promise<void>((resolve) => (answered = resolve));
  const posted = await request('POST', `${url}/v3/directline/conversations/${page.conversationId}/activities`, page.token, {
    type: 'message',
    text,
    from: { id: 'bench', role: 'user' },
    locale: 'fr-CA',
  });
  if (posted.status !== 200) throw new Error(`post answered ${posted.status}`);
  const { id } = posted.body as { id: string };
  if (!page.answered.has(id)) {
    page.waiting.set(id, answered);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer to ${id} within 30 s`)), 30_000).unref());
    await Promise.race([answer, timeout]);
  }
  return performance.now() - t0;
}

async function idle(url: string, turns: number): Promise<number[]> {
  const page = await openPage(url);
  for (let i = 0; i < 5; i += 1) await turn(url, page, MESSAGES[i % MESSAGES.length]); // warm-up
  const latencies: number[] = [];
  for (let i = 0; i < turns; i += 1) latencies.push(await turn(url, page, MESSAGES[i % MESSAGES.length]));
  page.socket.close();
  return latencies;
}

async function busy(url: string, conversations: number, turns: number, intervalMs: number, serverPid: number) {
  const pages: Page[] = [];
  for (let i = 0; i < conversations; i += 20) pages.push(...(await Promise.all(Array.from({ length: Math.min(20, conversations - i) }, () => openPage(url)))));
  const latencies: number[] = [];
  let failures = 0;
  const cpuBefore = processCpuSeconds(serverPid);
  const started = performance.now();
  await Promise.all(
    pages.map(async (page, p) => {
      const phase = Math.random() * intervalMs;
      for (let i = 0; i < turns; i += 1) {
        const wait = started + phase + i * intervalMs - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try {
          latencies.push(await turn(url, page, MESSAGES[(p + i) % MESSAGES.length]));
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  const serverCpu = processCpuSeconds(serverPid) - cpuBefore;
  for (const page of pages) page.socket.close();
  return { latencies, failures, elapsed, serverCpuMsPerTurn: (serverCpu * 1000) / Math.max(1, latencies.length), serverCpuShare: serverCpu / (elapsed / 1000) };
}

async function main(): Promise<void> {
  const conversations = argValue('conversations', 200);
  const turns = argValue('turns', 10);
  const idleTurns = argValue('idle-turns', 50);
  const intervalMs = argValue('interval', 2000);
  const loadAtStart = loadavg()[0];
  const dir = tempDir('assistant-bench-dl-');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? tempDatabaseUrl(dir.path, 'directline.sqlite');
  const server = await startProcess(
    ASSISTANT_SCRIPT,
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      INTERACTION_PURGE_CRON: '0 0 1 1 *',
      DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '10000',
    },
    async () => (await fetch(`${url}/healthz`)).ok,
  );
  try {
    const idleRun = summarize(await idle(url, idleTurns), 1);
    const busyRun = await busy(url, conversations, turns, intervalMs, server.pid!);
    const busySummary = summarize(busyRun.latencies, busyRun.elapsed);
    const goals = { idleP95UnderMs: 100, idleMet: idleRun.p95 < 100, busyP95UnderMs: 300, busyMet: busySummary.p95 < 300 && busyRun.failures === 0 };
    const engine = databaseUrl.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
    console.log(`Direct Line over WebSocket (${engine}): send (HTTP POST) to the bot's answer pushed on the stream.`);
    console.log(
      `Idle, one conversation: ${idleRun.requests} messages, p50 ${idleRun.p50.toFixed(1)} ms, p95 ${idleRun.p95.toFixed(1)} ms, p99 ${idleRun.p99.toFixed(1)} ms (goal p95 < 100 ms: ${goals.idleMet ? 'met' : 'not met'}).`,
    );
    console.log(
      `${conversations} concurrent conversations, one message every ${intervalMs} ms each (${((conversations / intervalMs) * 1000).toFixed(0)} messages/s offered): ` +
        `${busySummary.requests} messages (${busySummary.perSecond.toFixed(0)}/s), ${busyRun.failures} failed, p50 ${busySummary.p50.toFixed(1)} ms, p95 ${busySummary.p95.toFixed(1)} ms, p99 ${busySummary.p99.toFixed(1)} ms ` +
        `(goal p95 < 300 ms: ${goals.busyMet ? 'met' : 'not met'}); server CPU ${(busyRun.serverCpuShare * 100).toFixed(0)} %, ${busyRun.serverCpuMsPerTurn.toFixed(2)} ms per message.`,
    );
    console.log(`Machine: ${cpus().length} cores, load average ${loadAtStart.toFixed(2)} at the start and ${loadavg()[0].toFixed(2)} at the end.`);
    mkdirSync(projectPath('reports'), { recursive: true });
    writeFileSync(
      projectPath('reports', 'bench-directline.json'),
      JSON.stringify({ date: new Date().toISOString(), engine, loadAverage: { start: loadAtStart, end: loadavg()[0] }, idle: idleRun, busy: { conversations, turns, intervalMs, ...busySummary, failures: busyRun.failures, serverCpuMsPerTurn: busyRun.serverCpuMsPerTurn }, goals }, null, 2),
    );
    console.log('Report written to reports/bench-directline.json');
  } finally {
    await stopProcess(server);
    dir.cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
