import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { projectPath } from '../../domain/paths';

/** The assistant's entry point, as package.json's start script runs it. */
export const ASSISTANT_SCRIPT = 'dist/bot/index.js';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function summarize(latenciesMs: number[], elapsedMs: number): { requests: number; perSecond: number; p50: number; p95: number; p99: number } {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    perSecond: (sorted.length / elapsedMs) * 1000,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The Node.js flags of `npm start` (package.json's start script), e.g. `--max-semi-space-size=64`. */
export function startScriptNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { scripts: { start: string } };
  const words = scripts.start.trim().split(/\s+/);
  return words.slice(1).filter((w) => w.startsWith('--'));
}

/**
 * Starts a compiled script of this project in its own process and waits until `ready` answers. The
 * assistant (dist/bot/index.js, or another build's, see httpBench's --against) runs with the flags
 * `npm start` gives it, as in production.
 */
export async function startProcess(script: string, env: Record<string, string>, ready: () => Promise<boolean>): Promise<ChildProcess> {
  const assistant = script === ASSISTANT_SCRIPT || script.endsWith(`/${ASSISTANT_SCRIPT}`);
  const execArgv = [...(assistant ? startScriptNodeFlags() : []), ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [])];
  const child = spawn(process.execPath, [...execArgv, projectPath(script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited with code ${child.exitCode}`);
    if (await ready().catch(() => false)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not become ready`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function argValue(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const raw = index >= 0 ? process.argv[index + 1] : process.env[`BENCH_${name.toUpperCase()}`];
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** CPU seconds used so far by a process (Linux /proc), to tell a CPU-bound server from a waiting one. */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** The parts of the turn `npm run bench:http -- --budget` gives free stand-ins (test/bench/turnBudget.ts). */
export const BUDGET_PARTS = ['recognition', 'log', 'state'] as const;
export type BudgetPart = (typeof BUDGET_PARTS)[number];
