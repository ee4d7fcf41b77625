import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cachedRoot: string | undefined;

/** The folder holding package.json, whether the code runs from sources (ts-jest) or from dist/. */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  cachedRoot = dir;
  return dir;
}

export function projectPath(...segments: string[]): string {
  return resolve(projectRoot(), ...segments);
}
