import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEMP_DIR_PREFIX = 'assistant-test-';
/** Set by jest's global setup (tempDirGuard.ts): the run's name, in the name of each folder it makes. */
export const TEMP_DIR_RUN_VARIABLE = 'ASSISTANT_TEST_RUN';

/** A fresh folder under the OS temp dir, removed by the returned cleanup (jest's teardown fails the run on one left: tempDirGuard.ts). */
export function tempDir(prefix = TEMP_DIR_PREFIX): { path: string; cleanup: () => void } {
  const run = process.env[TEMP_DIR_RUN_VARIABLE];
  if (run && prefix === TEMP_DIR_PREFIX) prefix = `${prefix}${run}-`;
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export function tempDatabaseUrl(dir: string, name = 'test.sqlite'): string {
  return `sqlite:${join(dir, name)}`;
}
