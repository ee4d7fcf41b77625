import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../bench/benchSupport';

/**
 * A throwaway PostgreSQL server for one jest run: jest's globalSetup (jest.config.js) runs initdb in a
 * fresh temp folder, starts the server on a free port of 127.0.0.1 (fsync off), and hands its URL to
 * the test files through TEST_POSTGRES_URL; globalTeardown stops it and deletes the folder. Each test
 * file then creates its own databases (createTestPostgresDatabase), so files run in parallel.
 *
 * Debian's `postgresql` package provides the binaries (.ci/run installs it). PostgreSQL refuses to run
 * as root: as root, initdb and the server run as the `postgres` user (runuser), which owns the folder.
 * Without PostgreSQL the PostgreSQL variants of the tests fail with the install command, unless
 * SKIP_POSTGRES_TESTS=1.
 */

export const TEST_POSTGRES_URL = 'TEST_POSTGRES_URL';
/** Set by the global setup when no server could be started: why, and what to do. */
export const TEST_POSTGRES_UNAVAILABLE = 'TEST_POSTGRES_UNAVAILABLE';
const STATE = 'TEST_POSTGRES_STATE';
/** A database migrated once by the global setup, copied by CREATE DATABASE … TEMPLATE (much faster than migrating each). */
const TEMPLATE = 'TEST_POSTGRES_TEMPLATE';

export const INSTALL_HINT =
  'Install PostgreSQL with `apt-get update && apt-get install -y postgresql` (.ci/run does it in CI), ' +
  'put its bin folder on PATH (pg_config --bindir), or set SKIP_POSTGRES_TESTS=1 to skip the PostgreSQL variants.';

export function postgresTestsSkipped(): boolean {
  return process.env.SKIP_POSTGRES_TESTS === '1';
}

/** The folder of initdb, pg_ctl and postgres: `pg_config --bindir`, else the newest /usr/lib/postgresql/<version>/bin. */
export function findPostgresBinaries(): string | undefined {
  const candidates: string[] = [];
  if (process.env.POSTGRES_BINDIR) candidates.push(process.env.POSTGRES_BINDIR);
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0) candidates.push(pgConfig.stdout.trim());
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v));
    versions.sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

interface ServerState {
  bindir: string;
  dir: string;
  asUser?: string;
}

/** Runs a PostgreSQL binary, as the `postgres` user when this process is root. */
function run(state: ServerState, binary: string, args: string[]): void {
  const path = join(state.bindir, binary);
  const [command, argv] = state.asUser ? ['runuser', ['-u', state.asUser, '--', path, ...args]] : [path, args];
  execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: state.dir });
}

export async function startPostgres(): Promise<{ url: string; state: ServerState }> {
  const bindir = findPostgresBinaries();
  if (!bindir) throw new Error(`PostgreSQL binaries (initdb, pg_ctl) not found. ${INSTALL_HINT}`);
  const dir = mkdtempSync(join(tmpdir(), 'assistant-pg-'));
  const state: ServerState = { bindir, dir };
  if (process.getuid?.() === 0) {
    state.asUser = 'postgres';
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  try {
    run(state, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run(state, 'pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, state };
  } catch (err) {
    const log = join(dir, 'server.log');
    const detail = existsSync(log) ? `\n${readFileSync(log, 'utf8').slice(-2000)}` : '';
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL could not be started: ${(err as Error).message}\n${stderr}${detail}`, { cause: err });
  }
}

export function stopPostgres(state: ServerState): void {
  try {
    run(state, 'pg_ctl', ['-D', join(state.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
  } finally {
    rmSync(state.dir, { recursive: true, force: true });
  }
}

/** jest globalSetup: starts the server once per run (unless SKIP_POSTGRES_TESTS=1). */
export async function globalSetup(): Promise<void> {
  if (postgresTestsSkipped() || process.env[TEST_POSTGRES_URL]) return;
  try {
    const { url, state } = await startPostgres();
    process.env[TEST_POSTGRES_URL] = url;
    process.env[STATE] = JSON.stringify(state);
    process.env[TEMPLATE] = await migratedTemplate(url);
  } catch (err) {
    // Not thrown here: the tests that need no database still run; the PostgreSQL variants fail with this.
    process.env[TEST_POSTGRES_UNAVAILABLE] = (err as Error).message;
  }
}

/**
 * Creates and migrates the template database. Should the migrations fail here, no template is used:
 * each test then migrates its own database and shows the error where it happens.
 */
async function migratedTemplate(adminUrl: string): Promise<string> {
  const name = 'assistant_test_template';
  await withClient(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Imported here only: the module is not needed by the test files that import this helper.
  const { openDatabase } = await import('../../domain/db/database');
  try {
    const db = await openDatabase(url.toString());
    await db.destroy();
    return name;
  } catch {
    return '';
  }
}

/** jest globalTeardown: stops the server and deletes its folder. */
export async function globalTeardown(): Promise<void> {
  const state = process.env[STATE];
  if (!state) return;
  delete process.env[STATE];
  delete process.env[TEST_POSTGRES_URL];
  stopPostgres(JSON.parse(state) as ServerState);
}

/** The URL of the run's server, or an error saying why there is none and how to get one. */
export function testPostgresUrl(): string {
  const url = process.env[TEST_POSTGRES_URL];
  if (url) return url;
  throw new Error(process.env[TEST_POSTGRES_UNAVAILABLE] ?? `No test PostgreSQL server (jest's globalSetup did not run). ${INSTALL_HINT}`);
}

/**
 * A new database on the run's server, with a random name, empty but for the schema (a copy of the
 * migrated template, when the global setup made one); `drop()` removes it (closing any connection
 * left open). Returns its URL, ready for DATABASE_URL.
 */
export async function createTestPostgresDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const admin = testPostgresUrl();
  const name = `test_${randomBytes(6).toString('hex')}`;
  const template = process.env[TEMPLATE];
  await withClient(admin, (c) => c.query(`create database ${name}${template ? ` template ${template}` : ''}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => withClient(admin, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
