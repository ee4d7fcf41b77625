import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../domain/paths';

/** The ministry's service declarations every fact comes from (../shared/seeds). */
const SEED_FILES = ['000_0d5508280b13b41e.txt', '001_7e191c24a6aeaaad.txt', '002_a338057652e873fa.txt', '003_215f73fd196edd14.txt', '004_b41c998020909597.txt'];
const SEEDS_DIR = projectPath('..', 'shared', 'seeds');

interface Citation {
  file: string;
  seed: string;
  section: string;
  url?: string;
}

function citations(value: unknown, file: string, found: Citation[] = []): Citation[] {
  if (Array.isArray(value)) value.forEach((v) => citations(v, file, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.seed === 'string')
      found.push({ file, seed: record.seed, section: String(record.section ?? ''), url: typeof record.url === 'string' ? record.url : undefined });
    Object.values(record).forEach((v) => citations(v, file, found));
  }
  return found;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, "'")
    .toLowerCase();

describe('every fact in data/ cites a seed document', () => {
  const all = jsonFiles(projectPath('data')).flatMap((path) => citations(JSON.parse(readFileSync(path, 'utf8')), path.replace(projectPath('data'), 'data')));

  it('finds citations in the contacts, hours, knowledge base and exam rules', () => {
    const files = new Set(all.map((c) => c.file));
    for (const expected of ['data/contacts.json', 'data/service-hours.json', 'data/knowledge-base/faq.json', 'data/exam-support.json', 'data/knowledge-base/out-of-mandate.json'])
      expect(files).toContain(expected);
  });

  it('names an existing seed file and a section for each citation', () => {
    for (const c of all) {
      expect([c.file, c.seed, SEED_FILES.includes(c.seed)]).toEqual([c.file, c.seed, true]);
      expect([c.file, c.section.trim().length > 0]).toEqual([c.file, true]);
    }
  });

  // CI clones the project with shared/ beside it; a developer checkout without it skips only this check.
  (existsSync(SEEDS_DIR) ? it : it.skip)('cites section headings that exist in the seed', () => {
    const texts = Object.fromEntries(SEED_FILES.map((f) => [f, fold(readFileSync(join(SEEDS_DIR, f), 'utf8'))]));
    for (const c of all) {
      const heading = fold(c.section.split(/ > |, | \(|; /)[0].trim());
      expect([c.file, c.seed, heading, texts[c.seed].includes(heading)]).toEqual([c.file, c.seed, heading, true]);
    }
  });

  it('links only to https addresses', () => {
    const linked = all.filter((c) => c.url !== undefined);
    expect(linked.length).toBeGreaterThan(0);
    for (const c of linked) expect([c.file, c.url, /^https:\/\/[^\s?#]+$/.test(c.url!)]).toEqual([c.file, c.url, true]);
  });

  // The address must be one the cited seed gives (written there as www.… or http://www.…).
  (existsSync(SEEDS_DIR) ? it : it.skip)('links only to an address that appears in the cited seed', () => {
    const texts = Object.fromEntries(SEED_FILES.map((f) => [f, readFileSync(join(SEEDS_DIR, f), 'utf8').toLowerCase()]));
    for (const c of all.filter((x) => x.url !== undefined)) {
      const address = c.url!.replace(/^https:\/\//, '').replace(/\/$/, '').toLowerCase();
      expect([c.file, c.seed, address, texts[c.seed].includes(address)]).toEqual([c.file, c.seed, address, true]);
    }
  });
});
