import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../domain/paths';

/** Every .ts under the folders web/tsconfig.json compiles (admin/, agent/). */
function webSources(dir = projectPath('web')): string[] {
  const found: string[] = [];
  for (const name of ['admin', 'agent']) {
    const walk = (folder: string): void => {
      if (!existsSync(folder)) return;
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
      }
    };
    walk(join(dir, name));
  }
  return found;
}

function upToDate(): boolean {
  const config = statSync(projectPath('web', 'tsconfig.json')).mtimeMs;
  return webSources().every((ts) => {
    const js = ts.replace(/\.ts$/, '.js');
    if (!existsSync(js)) return false;
    const built = statSync(js).mtimeMs;
    return built >= statSync(ts).mtimeMs && built >= config;
  });
}

/**
 * Compiles the staff pages' scripts (web/tsconfig.json) as `npm run build` does, so that `npx jest <file>`
 * alone serves the same modules from a clean clone; skipped when every emitted file is newer than its source.
 */
export function compileWebScripts(): void {
  if (upToDate()) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', projectPath('web', 'tsconfig.json')], { stdio: 'inherit' });
}
