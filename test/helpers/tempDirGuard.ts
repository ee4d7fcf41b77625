import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMP_DIR_PREFIX, TEMP_DIR_RUN_VARIABLE } from './tempDir';

/**
 * globalSetup: names this run, so that tempDir() in its workers (which inherit the variable) marks the folders
 * it makes, and the check below sees only those: another jest run at the same time keeps its own.
 */
export function nameTestRun(): void {
  process.env[TEMP_DIR_RUN_VARIABLE] = randomBytes(4).toString('hex');
}

/**
 * globalTeardown: a folder that tempDir() made during this run and nobody removed is a test that leaves files
 * behind (« never a file left behind »). The run fails, naming them, and they are removed.
 */
export function failOnTempDirsLeft(): void {
  const run = process.env[TEMP_DIR_RUN_VARIABLE];
  if (!run) return;
  const prefix = `${TEMP_DIR_PREFIX}${run}-`;
  const left = readdirSync(tmpdir()).filter((name) => name.startsWith(prefix));
  for (const name of left) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  if (left.length > 0) throw new Error(`${left.length} test folder(s) left behind in ${tmpdir()}: ${left.join(', ')} (a tempDir() without its cleanup)`);
}
