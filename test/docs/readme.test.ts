import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectPath } from '../../domain/paths';

/** The README is a newcomer's first page: short, and every link in it and in docs/ leads somewhere. */
const pages = ['README.md', ...readdirSync(projectPath('docs')).map((f) => join('docs', f))];

describe('the README and docs/', () => {
  it('keeps the README under 200 lines, with the two commands', () => {
    const readme = readFileSync(projectPath('README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThan(200);
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it.each(pages)('%s links only to files that exist', (page) => {
    const text = readFileSync(projectPath(page), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
    const missing = targets.filter((t) => !existsSync(projectPath(dirname(page), t)));
    expect(missing).toEqual([]);
  });
});
