import { mkdirSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { projectPath } from '../../domain/paths';
import { ChannelReceiver } from '../helpers/channelReceiver';
import { EmulatorClient } from '../helpers/emulatorClient';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';
import { argValue, ASSISTANT_SCRIPT, BUDGET_PARTS, BudgetPart, freePort, processCpuSeconds, startProcess, stopProcess, summarize } from './benchSupport';
import { CONVERSATION_MESSAGES, FAQ_MESSAGES } from './benchMessages';
import { runMaskingBench } from './maskingBench';

/**
 * `npm run bench`: N concurrent simulated conversations (default 50) post a fixed number of turns each
 * to the real server over HTTP (its own process, SQLite file, interaction log on); replies go to a
 * channel receiver in this process, as with the Emulator. The same load then hits a bare restify
 * endpoint in its own process, as the ceiling. Each endpoint is measured after the same warm-up
 * (`--warmup`, turns per conversation), whose cost is printed apart.
 *
 * Two loads per endpoint:
 * - saturation: every conversation posts its next turn as soon as the previous one is answered, which
 *   measures capacity (turns/s); latency then only reflects queueing (N / throughput);
 * - paced: the same conversations at a steady offered rate (default 100 turns/s in all), which measures
 *   the latency a person sees when the server is busy but not overloaded.
 *
 * The messages follow a conversation's mix (benchMessages.ts); the saturation rounds are then repeated
 * with FAQ questions alone, in new conversations, the turn whose CPU cost issue 13 compares with the
 * echo sample's.
 */

/** node:http with keep-alive: a lighter client than fetch, so the driver takes less CPU from the server. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

function post(url: string, body: unknown, retried = false): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed while it sat idle (an endpoint waits while the other is
      // driven): sent again once on a new connection, as Node's documentation advises.
      if (!retried && req.reusedSocket && err.code === 'ECONNRESET') post(url, body, true).then(resolve, reject);
      else reject(err);
    });
    req.end(payload);
  });
}

interface Run {
  latencies: number[];
  elapsed: number;
  failures: number;
  driverCpu: number;
  serverCpu: number;
  /** Server CPU seconds over the run (all its threads). */
  serverCpuSeconds: number;
}

/** Several runs as one: latencies together, times and CPU added up. */
function merge(runs: Run[]): Run {
  const elapsed = runs.reduce((n, r) => n + r.elapsed, 0);
  const serverCpuSeconds = runs.reduce((n, r) => n + r.serverCpuSeconds, 0);
  return {
    latencies: runs.flatMap((r) => r.latencies),
    elapsed,
    failures: runs.reduce((n, r) => n + r.failures, 0),
    driverCpu: runs.reduce((n, r) => n + r.driverCpu * r.elapsed, 0) / elapsed,
    serverCpu: serverCpuSeconds / (elapsed / 1000),
    serverCpuSeconds,
  };
}

/** `intervalMs` 0: closed loop; otherwise each conversation starts a turn every intervalMs (with a random phase). */
async function drive(clients: EmulatorClient[], turns: number, intervalMs: number, serverPid: number, messages = CONVERSATION_MESSAGES): Promise<Run> {
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
        const status = await post(`${client.botUrl}/api/messages`, client.activity({ type: 'message', text: messages[(i + turn) % messages.length] }));
        latencies.push(performance.now() - t0);
        if (status !== 200) failures += 1;
      }
    }),
  );
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const serverCpuSeconds = processCpuSeconds(serverPid) - serverCpuBefore;
  return {
    latencies,
    elapsed,
    failures,
    driverCpu: (used.user + used.system) / 1000 / elapsed,
    serverCpu: serverCpuSeconds / (elapsed / 1000),
    serverCpuSeconds,
  };
}

interface Endpoint {
  server: ChildProcess;
  url: string;
  clients: EmulatorClient[];
  /** The warm-up turns: a new process, its code still being compiled. */
  warmup: Run;
}

/** Starts a server in its own process, opens the conversations and warms it up. */
async function startEndpoint(script: string, env: Record<string, string>, serviceUrl: string, options: { conversations: number; warmup: number }): Promise<Endpoint> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProcess(script, { ...env, PORT: String(port) }, async () => (await fetch(`${url}/healthz`)).ok);
  const clients = Array.from({ length: options.conversations }, () => new EmulatorClient(url, serviceUrl));
  await Promise.all(clients.map((c) => c.join()));
  const warmup = await drive(clients, options.warmup, 0, server.pid!);
  return { server, url, clients, warmup };
}

/**
 * The same endpoint with new conversations that have only asked FAQ questions (one pass over them,
 * not measured): the conversations of the mixed load may be in the middle of a form, where a
 * question is an answer to the form.
 */
async function withFaqConversations(endpoint: Endpoint, serviceUrl: string): Promise<Endpoint> {
  const clients = endpoint.clients.map(() => new EmulatorClient(endpoint.url, serviceUrl));
  await Promise.all(clients.map((c) => c.join()));
  await drive(clients, FAQ_MESSAGES.length, 0, endpoint.server.pid!, FAQ_MESSAGES);
  return { ...endpoint, clients };
}

/**
 * The saturation load on several endpoints in alternating rounds (A, B, A, B…), so that each sees the
 * same share of whatever else the machine is doing: their CPU per turn can then be compared even on a
 * busy machine. Each round is `turns / rounds` turns per conversation.
 */
async function saturateInRounds(endpoints: Endpoint[], turns: number, rounds: number, messages = CONVERSATION_MESSAGES): Promise<Run[]> {
  const runs: Run[][] = endpoints.map(() => []);
  const perRound = Math.max(1, Math.round(turns / rounds));
  for (let round = 0; round < rounds; round += 1) {
    for (const [i, endpoint] of endpoints.entries()) runs[i].push(await drive(endpoint.clients, perRound, 0, endpoint.server.pid!, messages));
  }
  return runs.map(merge);
}

async function measure(
  script: string,
  env: Record<string, string>,
  serviceUrl: string,
  options: { conversations: number; turns: number; warmup: number; intervalMs: number },
) {
  const endpoint = await startEndpoint(script, env, serviceUrl, options);
  const saturation = await drive(endpoint.clients, options.turns, 0, endpoint.server.pid!);
  const paced = await drive(endpoint.clients, options.turns, options.intervalMs, endpoint.server.pid!);
  await stopProcess(endpoint.server);
  return { saturation, paced };
}

const ECHO_SCRIPT = 'dist/test/bench/echoBotServer.js';

/** The assistant as the bench runs it: its own SQLite file, no rate limit, no purge during the run. */
function assistantEnv(dir: string, file: string): Record<string, string> {
  return { HOST: '127.0.0.1', DATABASE_URL: tempDatabaseUrl(dir, file), LOG_LEVEL: 'warn', INTERACTION_PURGE_CRON: '0 0 1 1 *', MESSAGES_RATE_LIMIT_PER_MINUTE: '1000000' };
}

/**
 * `--against <another build>/dist/bot/index.js`: what a change saved, measured under one machine load.
 * That build (e.g. `git worktree add /tmp/before <commit>`, node_modules linked, `npx tsc` there), this
 * one and the echo sample answer FAQ turns in alternating saturation rounds (`--rounds`, default 30).
 */
async function compareBuilds(other: string | undefined): Promise<void> {
  if (!other) throw new Error('--against needs the path of another build of dist/bot/index.js');
  const options = { conversations: argValue('conversations', 50), warmup: argValue('warmup', 40) };
  const dir = tempDir('assistant-compare-');
  const receiver = new ChannelReceiver();
  const serviceUrl = await receiver.start();
  const builds = [
    { label: `other build (${other})`, endpoint: await startEndpoint(other, assistantEnv(dir.path, 'other.sqlite'), serviceUrl, options) },
    { label: 'this build', endpoint: await startEndpoint(ASSISTANT_SCRIPT, assistantEnv(dir.path, 'this.sqlite'), serviceUrl, options) },
    { label: 'echo sample', endpoint: await startEndpoint(ECHO_SCRIPT, {}, serviceUrl, options) },
  ];
  const faq: Endpoint[] = [];
  for (const { endpoint } of builds) faq.push(await withFaqConversations(endpoint, serviceUrl));
  const rounds = argValue('rounds', 30);
  const runs = await saturateInRounds(faq, rounds * 8, rounds, FAQ_MESSAGES);
  const cost = runs.map((run) => (run.serverCpuSeconds * 1000) / run.latencies.length);
  for (const [i, { label }] of builds.entries()) console.log(`${label}: ${cost[i].toFixed(2)} ms of server CPU per FAQ turn (${(cost[i] / cost[2]).toFixed(2)}× the echo sample)`);
  console.log(`This build against the other: ${(((cost[1] - cost[0]) / cost[0]) * 100).toFixed(1)} % per FAQ turn, ${runs[0].latencies.length} turns each.`);
  for (const { endpoint } of builds) await stopProcess(endpoint.server);
  await receiver.stop();
  dir.cleanup();
}

/**
 * `--budget`: where the FAQ turn's CPU goes. The assistant runs several times, each with some parts of its
 * turn given free stand-ins (test/bench/turnBudget.ts, preloaded), beside the echo sample, in alternating
 * saturation rounds (`--rounds`, default 20): each part costs the difference from the whole assistant.
 */
async function turnBudget(): Promise<void> {
  const options = { conversations: argValue('conversations', 50), warmup: argValue('warmup', 40) };
  const dir = tempDir('assistant-budget-');
  const receiver = new ChannelReceiver();
  const serviceUrl = await receiver.start();
  const preload = projectPath('dist', 'test', 'bench', 'turnBudget.js');
  const variants: Array<{ label: string; free: readonly BudgetPart[] }> = [
    { label: 'the whole assistant', free: [] },
    ...BUDGET_PARTS.map((part) => ({ label: `${part} free`, free: [part] })),
    { label: `${BUDGET_PARTS.join(', ')} free`, free: BUDGET_PARTS },
  ];
  const endpoints: Endpoint[] = [];
  for (const [i, variant] of variants.entries()) {
    const env = { ...assistantEnv(dir.path, `budget-${i}.sqlite`), NODE_OPTIONS: `--require ${preload}`, TURN_BUDGET_FREE: variant.free.join(',') };
    endpoints.push(await withFaqConversations(await startEndpoint(ASSISTANT_SCRIPT, env, serviceUrl, options), serviceUrl));
  }
  endpoints.push(await withFaqConversations(await startEndpoint(ECHO_SCRIPT, {}, serviceUrl, options), serviceUrl));
  const rounds = argValue('rounds', 20);
  const runs = await saturateInRounds(endpoints, rounds * 8, rounds, FAQ_MESSAGES);
  const cost = runs.map((run) => (run.serverCpuSeconds * 1000) / run.latencies.length);
  const echo = cost[cost.length - 1];
  console.log(`Server CPU per FAQ turn, ${runs[0].latencies.length} turns each (load average ${loadavg()[0].toFixed(1)}):`);
  for (const [i, { label }] of variants.entries()) {
    const saved = i === 0 ? '' : `, ${(cost[0] - cost[i]).toFixed(2)} ms less than the whole (${(((cost[0] - cost[i]) / cost[0]) * 100).toFixed(0)} %)`;
    console.log(`  ${label}: ${cost[i].toFixed(2)} ms (${(cost[i] / echo).toFixed(2)}× the echo sample)${saved}`);
  }
  console.log(`  echo sample: ${echo.toFixed(2)} ms`);
  for (const endpoint of endpoints) await stopProcess(endpoint.server);
  await receiver.stop();
  dir.cleanup();
}

const MAX_MESSAGE_CHARS = 4000;
const CAP_GOAL_P95_MS = 100;

/** French text with e-mails, phone numbers and dates (what masking works hardest on), cut at `chars`. */
function citizenText(chars: number): string {
  const sentence =
    "Bonjour, je m'appelle Jeanne Tremblay, mon courriel est jeanne.tremblay@example.com et mon numéro est le 418 555-0199. " +
    "J'ai passé l'examen le 12 mars 2026 et la page a figé après la question 14; j'ai recommencé deux fois sans succès. ";
  return sentence.repeat(Math.ceil(chars / sentence.length)).slice(0, chars);
}

/** The worst case a single message can cost: text at the size cap (fully processed), and just over it (answered "too long"). */
async function measureSizeCap(dir: string, serviceUrl: string, samples: number) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: tempDatabaseUrl(dir, 'cap.sqlite'),
    LOG_LEVEL: 'warn',
    MAX_MESSAGE_CHARS: String(MAX_MESSAGE_CHARS),
    MESSAGES_RATE_LIMIT_PER_MINUTE: '1000000',
    INTERACTION_PURGE_CRON: '0 0 1 1 *',
  };
  const server = await startProcess(ASSISTANT_SCRIPT, env, async () => (await fetch(`${url}/healthz`)).ok);
  const rows: Array<{ label: string; chars: number; summary: ReturnType<typeof summarize> }> = [];
  for (const [label, chars] of [
    ['at the cap', MAX_MESSAGE_CHARS],
    ['just over the cap', MAX_MESSAGE_CHARS + 1],
    ['far over (200 000)', 200_000],
  ] as const) {
    const text = citizenText(chars);
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < samples + 3; i += 1) {
      const client = new EmulatorClient(url, serviceUrl);
      const t0 = performance.now();
      const status = await post(`${url}/api/messages`, client.activity({ type: 'message', text }));
      if (status !== 200) throw new Error(`message ${label} answered ${status}`);
      if (i >= 3) latencies.push(performance.now() - t0);
    }
    rows.push({ label, chars, summary: summarize(latencies, performance.now() - started) });
  }
  await stopProcess(server);
  return rows;
}

function printSizeCap(rows: Awaited<ReturnType<typeof measureSizeCap>>): boolean {
  let met = true;
  for (const { label, chars, summary } of rows) {
    const ok = summary.p95 < CAP_GOAL_P95_MS;
    met &&= ok;
    console.log(
      `Message ${label} (${chars} characters): p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms over ${summary.requests} messages (goal p95 < ${CAP_GOAL_P95_MS} ms: ${ok ? 'met' : 'not met'}).`,
    );
  }
  return met;
}

function describe(run: Run) {
  return { ...summarize(run.latencies, run.elapsed), failures: run.failures, serverCpu: run.serverCpu, driverCpu: run.driverCpu };
}

/** Masking time at 10 kB, 100 kB and 1 MB of adversarial text: linear growth shows as ×10 per column. */
function printMasking(): string[] {
  console.log('Masking of personal information, adversarial inputs (goal: linear in the length, ×10 per column):');
  return runMaskingBench();
}

async function main(): Promise<void> {
  const capSamples = argValue('cap-samples', 20);
  if (process.argv.includes('--cap-only')) {
    const dir = tempDir('assistant-bench-');
    const receiver = new ChannelReceiver();
    printSizeCap(await measureSizeCap(dir.path, await receiver.start(), capSamples));
    await receiver.stop();
    dir.cleanup();
    printMasking();
    return;
  }
  const againstIndex = process.argv.indexOf('--against');
  if (againstIndex >= 0) return compareBuilds(process.argv[againstIndex + 1]);
  if (process.argv.includes('--budget')) return turnBudget();
  const conversations = argValue('conversations', 50);
  const turns = argValue('turns', 40);
  // A server runs for days: its CPU per turn is measured once V8 has compiled the code the turns run
  // (about 2 000 turns for the assistant); the warm-up's own cost is printed beside it.
  const warmup = argValue('warmup', 40);
  const rounds = argValue('rounds', 5);
  const loadAtStart = loadavg()[0];
  const rate = argValue('rate', 100);
  const intervalMs = (conversations / rate) * 1000;
  const dir = tempDir('assistant-bench-');
  const receiver = new ChannelReceiver();
  const serviceUrl = await receiver.start();
  const options = { conversations, turns, warmup, intervalMs };

  // The assistant and the echo sample run side by side (each idle while the other is driven), their
  // saturation loads in alternating rounds: same run, same machine load, for the CPU-per-turn ratio.
  const assistantEndpoint = await startEndpoint(ASSISTANT_SCRIPT, assistantEnv(dir.path, 'bench.sqlite'), serviceUrl, options);
  const echoEndpoint = await startEndpoint(ECHO_SCRIPT, {}, serviceUrl, options);
  const [botSaturation, echoSaturation] = await saturateInRounds([assistantEndpoint, echoEndpoint], turns, rounds);
  // The same alternation on FAQ turns alone: the turn the issue's goal speaks of.
  const faqEndpoints = [await withFaqConversations(assistantEndpoint, serviceUrl), await withFaqConversations(echoEndpoint, serviceUrl)];
  // Three times the turns, in three times the rounds: with 2 000 turns a build, the figure moved by half its value from one run to the next.
  const [botFaq, echoFaq] = await saturateInRounds(faqEndpoints, turns * 3, rounds * 3, FAQ_MESSAGES);
  const bot = { saturation: botSaturation, paced: await drive(assistantEndpoint.clients, turns, intervalMs, assistantEndpoint.server.pid!) };
  const echo = { saturation: echoSaturation, paced: await drive(echoEndpoint.clients, turns, intervalMs, echoEndpoint.server.pid!) };
  await stopProcess(assistantEndpoint.server);
  await stopProcess(echoEndpoint.server);
  const bare = await measure('dist/test/bench/bareRestifyServer.js', {}, serviceUrl, options);
  const sizeCap = await measureSizeCap(dir.path, serviceUrl, capSamples);
  await receiver.stop();
  dir.cleanup();

  const rows = {
    assistant: { saturation: describe(bot.saturation), paced: describe(bot.paced) },
    echoBot: { saturation: describe(echo.saturation), paced: describe(echo.paced) },
    bareRestify: { saturation: describe(bare.saturation), paced: describe(bare.paced) },
  };
  // Server CPU per turn (ms): CPU seconds per second over turns per second, for each load.
  const cpuPerTurn = (r: ReturnType<typeof describe>) => (r.serverCpu * 1000) / r.perSecond;
  const turnCost = {
    assistant: { saturation: cpuPerTurn(rows.assistant.saturation), paced: cpuPerTurn(rows.assistant.paced) },
    echoBot: { saturation: cpuPerTurn(rows.echoBot.saturation), paced: cpuPerTurn(rows.echoBot.paced) },
  };
  const costRatio = turnCost.assistant.saturation / turnCost.echoBot.saturation;
  const faqTurnCost = { assistant: cpuPerTurn(describe(botFaq)), echoBot: cpuPerTurn(describe(echoFaq)) };
  const faqCostRatio = faqTurnCost.assistant / faqTurnCost.echoBot;
  const warmupCost = { assistant: cpuPerTurn(describe(assistantEndpoint.warmup)), echoBot: cpuPerTurn(describe(echoEndpoint.warmup)) };
  const ratio = rows.assistant.saturation.perSecond / rows.bareRestify.saturation.perSecond;
  const pacedP95 = rows.assistant.paced.p95;
  const report = {
    date: new Date().toISOString(),
    conversations,
    turnsPerConversation: turns,
    pacedOfferedTurnsPerSecond: rate,
    saturationRounds: rounds,
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
    ...rows,
    throughputRatio: ratio,
    cpuPerTurnMs: turnCost,
    warmupCpuPerTurnMs: warmupCost,
    cpuPerTurnRatioToEchoBot: costRatio,
    faqTurns: { assistant: describe(botFaq), echoBot: describe(echoFaq), cpuPerTurnMs: faqTurnCost, cpuPerTurnRatioToEchoBot: faqCostRatio },
    goals: {
      maxCpuPerTurnRatioToEchoBot: 2,
      cpuPerTurnRatioMet: costRatio <= 2,
      faqCpuPerTurnRatioMet: faqCostRatio <= 2,
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
    `HTTP benchmark: ${conversations} concurrent conversations × ${turns} turns per load (after ${warmup} warm-up turns); paced load offers ${rate} turns/s in all; ` +
      `the assistant's and the echo sample's saturation loads alternate in ${rounds} rounds (same machine load for both).`,
  );
  console.log(header);
  console.log(line('assistant', 'saturation', rows.assistant.saturation));
  console.log(line('assistant', 'paced', rows.assistant.paced));
  console.log(line('echo bot', 'saturation', rows.echoBot.saturation));
  console.log(line('echo bot', 'paced', rows.echoBot.paced));
  console.log(line('bare restify', 'saturation', rows.bareRestify.saturation));
  console.log(line('bare restify', 'paced', rows.bareRestify.paced));
  console.log(`Capacity: ${(ratio * 100).toFixed(1)} % of the bare restify endpoint (goal ≥ 40 %: ${report.goals.throughputRatioMet ? 'met' : 'not met'}).`);
  console.log(
    `Turn p95 under the paced load: ${pacedP95.toFixed(1)} ms (goal < 50 ms: ${report.goals.pacedP95Met ? 'met' : 'not met'}); under saturation: ${rows.assistant.saturation.p95.toFixed(1)} ms (${report.goals.saturationP95Met ? 'met' : 'not met'}).`,
  );
  console.log(
    `Server CPU per turn: assistant ${turnCost.assistant.saturation.toFixed(2)} ms (paced ${turnCost.assistant.paced.toFixed(2)} ms), ` +
      `BotBuilder echo sample ${turnCost.echoBot.saturation.toFixed(2)} ms (paced ${turnCost.echoBot.paced.toFixed(2)} ms): ` +
      `${costRatio.toFixed(2)}× the echo bot (goal ≤ 2×: ${costRatio <= 2 ? 'met' : 'not met'}).`,
  );
  console.log(
    `FAQ turns alone, under saturation in ${rounds * 3} alternating rounds (${conversations * turns * 3} turns a build): assistant ${faqTurnCost.assistant.toFixed(2)} ms, echo sample ${faqTurnCost.echoBot.toFixed(2)} ms per turn ` +
      `(${describe(botFaq).perSecond.toFixed(0)} and ${describe(echoFaq).perSecond.toFixed(0)} turns/s): ${faqCostRatio.toFixed(2)}× (goal ≤ 2×: ${faqCostRatio <= 2 ? 'met' : 'not met'}).`,
  );
  console.log(
    `During the ${warmup} warm-up turns per conversation of a new process (V8 still compiling): assistant ${warmupCost.assistant.toFixed(2)} ms, ` +
      `echo sample ${warmupCost.echoBot.toFixed(2)} ms per turn (${(warmupCost.assistant / warmupCost.echoBot).toFixed(2)}×).`,
  );
  console.log(
    `Machine: ${cpus().length} cores, load average ${loadAtStart.toFixed(2)} at the start and ${loadavg()[0].toFixed(2)} at the end; ` +
      `the bare restify endpoint's ${rows.bareRestify.saturation.perSecond.toFixed(0)} requests/s tell how busy it was (from about 3 600 to 10 700 in this project's runs on its 2-core machine).`,
  );
  const sizeCapMet = printSizeCap(sizeCap);
  const masking = printMasking();
  Object.assign(report, {
    sizeCap: sizeCap.map(({ label, chars, summary }) => ({ label, chars, p50: summary.p50, p95: summary.p95 })),
    masking,
  });
  Object.assign(report.goals, { sizeCapP95UnderMs: CAP_GOAL_P95_MS, sizeCapP95Met: sizeCapMet });
  mkdirSync(projectPath('reports'), { recursive: true });
  writeFileSync(projectPath('reports', 'bench-http.json'), JSON.stringify(report, null, 2));
  console.log('Report written to reports/bench-http.json');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
