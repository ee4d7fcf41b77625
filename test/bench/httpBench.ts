import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { projectPath } from '../../domain/paths';
import { ChannelReceiver } from '../helpers/channelReceiver';
import { EmulatorClient } from '../helpers/emulatorClient';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';
import { argValue, freePort, processCpuSeconds, startProcess, stopProcess, summarize } from './benchSupport';

/**
 * `npm run bench`: N concurrent simulated conversations (default 50) post a fixed number of turns each
 * to the real server over HTTP (its own process, SQLite file, interaction log on); replies go to a
 * channel receiver in this process, as with the Emulator. The same load then hits a bare restify
 * endpoint in its own process, as the ceiling.
 *
 * Two loads per endpoint:
 * - saturation: every conversation posts its next turn as soon as the previous one is answered, which
 *   measures capacity (turns/s); latency then only reflects queueing (N / throughput);
 * - paced: the same conversations at a steady offered rate (default 100 turns/s in all), which measures
 *   the latency a person sees when the server is busy but not overloaded.
 */
const MESSAGES = ['bonjour', 'parler à un agent', 'heures d’ouverture mercredi', 'merci', 'aide', 'je veux déposer une plainte', 'menu', 'mon examen plante'];

/** node:http with keep-alive: a lighter client than fetch, so the driver takes less CPU from the server. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function post(url: string, body: unknown): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

interface Run {
  latencies: number[];
  elapsed: number;
  failures: number;
  driverCpu: number;
  serverCpu: number;
}

/** `intervalMs` 0: closed loop; otherwise each conversation starts a turn every intervalMs (with a random phase). */
async function drive(clients: EmulatorClient[], turns: number, intervalMs: number, serverPid: number): Promise<Run> {
  const latencies: number[] = [];
  let failures = 0;
  const cpu = process.cpuUsage();
  const serverCpuBefore = processCpuSeconds(serverPid);
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, i) => {
      const phase = Math.random() * intervalMs;
      for (let turn = 0; turn < turns; turn += 1) {
        if (intervalMs > 0) {
          const due = started + phase + turn * intervalMs;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        const t0 = performance.now();
        const status = await post(`${client.botUrl}/api/messages`, client.activity({ type: 'message', text: MESSAGES[(i + turn) % MESSAGES.length] }));
        latencies.push(performance.now() - t0);
        if (status !== 200) failures += 1;
      }
    }),
  );
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    latencies,
    elapsed,
    failures,
    driverCpu: (used.user + used.system) / 1000 / elapsed,
    serverCpu: (processCpuSeconds(serverPid) - serverCpuBefore) / (elapsed / 1000),
  };
}

async function measure(
  script: string,
  env: Record<string, string>,
  serviceUrl: string,
  options: { conversations: number; turns: number; warmup: number; intervalMs: number },
) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess(script, { ...env, PORT: String(port) }, async () => (await fetch(`${url}/healthz`)).ok);
  const clients = Array.from({ length: options.conversations }, () => new EmulatorClient(url, serviceUrl));
  await Promise.all(clients.map((c) => c.join()));
  await drive(clients, options.warmup, 0, server.pid!);
  const saturation = await drive(clients, options.turns, 0, server.pid!);
  const paced = await drive(clients, options.turns, options.intervalMs, server.pid!);
  await stopProcess(server);
  return { saturation, paced };
}

function describe(run: Run) {
  return { ...summarize(run.latencies, run.elapsed), failures: run.failures, serverCpu: run.serverCpu, driverCpu: run.driverCpu };
}

async function main(): Promise<void> {
  const conversations = argValue('conversations', 50);
  const turns = argValue('turns', 20);
  const warmup = argValue('warmup', 3);
  const rate = argValue('rate', 100);
  const intervalMs = (conversations / rate) * 1000;
  const dir = tempDir('assistant-bench-');
  const receiver = new ChannelReceiver();
  const serviceUrl = await receiver.start();
  const options = { conversations, turns, warmup, intervalMs };

  const bot = await measure(
    'dist/bot/index.js',
    { HOST: '127.0.0.1', DATABASE_URL: tempDatabaseUrl(dir.path), LOG_LEVEL: 'warn', INTERACTION_PURGE_CRON: '0 0 1 1 *' },
    serviceUrl,
    options,
  );
  const bare = await measure('dist/test/bench/bareRestifyServer.js', {}, serviceUrl, options);
  await receiver.stop();
  dir.cleanup();

  const rows = {
    assistant: { saturation: describe(bot.saturation), paced: describe(bot.paced) },
    bareRestify: { saturation: describe(bare.saturation), paced: describe(bare.paced) },
  };
  const ratio = rows.assistant.saturation.perSecond / rows.bareRestify.saturation.perSecond;
  const pacedP95 = rows.assistant.paced.p95;
  const report = {
    date: new Date().toISOString(),
    conversations,
    turnsPerConversation: turns,
    pacedOfferedTurnsPerSecond: rate,
    ...rows,
    throughputRatio: ratio,
    goals: {
      turnP95UnderMs: 50,
      pacedP95Met: pacedP95 < 50,
      saturationP95Met: rows.assistant.saturation.p95 < 50,
      minThroughputRatio: 0.4,
      throughputRatioMet: ratio >= 0.4,
    },
  };

  const header = `${'endpoint'.padEnd(13)} ${'load'.padEnd(11)} ${'turns'.padStart(6)} ${'turns/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'fail'.padStart(5)} ${'server CPU'.padStart(10)} ${'driver CPU'.padStart(10)}`;
  const line = (name: string, load: string, s: ReturnType<typeof describe>) =>
    `${name.padEnd(13)} ${load.padEnd(11)} ${String(s.requests).padStart(6)} ${s.perSecond.toFixed(0).padStart(8)} ${s.p50.toFixed(1).padStart(7)} ${s.p95.toFixed(1).padStart(7)} ${s.p99.toFixed(1).padStart(7)} ${String(s.failures).padStart(5)} ${`${(s.serverCpu * 100).toFixed(0)} %`.padStart(10)} ${`${(s.driverCpu * 100).toFixed(0)} %`.padStart(10)}`;
  console.log(
    `HTTP benchmark: ${conversations} concurrent conversations × ${turns} turns per load (after ${warmup} warm-up turns); paced load offers ${rate} turns/s in all.`,
  );
  console.log(header);
  console.log(line('assistant', 'saturation', rows.assistant.saturation));
  console.log(line('assistant', 'paced', rows.assistant.paced));
  console.log(line('bare restify', 'saturation', rows.bareRestify.saturation));
  console.log(line('bare restify', 'paced', rows.bareRestify.paced));
  console.log(`Capacity: ${(ratio * 100).toFixed(1)} % of the bare restify endpoint (goal ≥ 40 %: ${report.goals.throughputRatioMet ? 'met' : 'not met'}).`);
  console.log(
    `Turn p95 under the paced load: ${pacedP95.toFixed(1)} ms (goal < 50 ms: ${report.goals.pacedP95Met ? 'met' : 'not met'}); under saturation: ${rows.assistant.saturation.p95.toFixed(1)} ms (${report.goals.saturationP95Met ? 'met' : 'not met'}).`,
  );
  mkdirSync(projectPath('reports'), { recursive: true });
  writeFileSync(projectPath('reports', 'bench-http.json'), JSON.stringify(report, null, 2));
  console.log('Report written to reports/bench-http.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
