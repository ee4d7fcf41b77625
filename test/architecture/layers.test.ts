import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { projectPath } from '../../domain/paths';

/**
 * The three floors (bot/ over dialogs/ over domain/) and no circle between files, read from the
 * sources' import lines (type-only imports included: a circle of types still ties two files together).
 */
const LAYERS = ['domain', 'dialogs', 'bot'] as const;
type Layer = (typeof LAYERS)[number];
const root = projectPath();

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = LAYERS.flatMap((layer) => sourceFiles(layer));
const known = new Set(files);

/** Project-relative imports of a file, resolved to the files they name; packages kept by name. */
function importsOf(file: string): { files: string[]; packages: string[] } {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  const result = { files: [] as string[], packages: [] as string[] };
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith('.')) {
      result.packages.push(fileName);
      continue;
    }
    const base = relative(root, resolve(join(root, dirname(file)), fileName));
    const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => known.has(candidate));
    if (target) result.files.push(target);
  }
  return result;
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));
const layerOf = (file: string): Layer => file.split('/')[0] as Layer;

describe('the layers', () => {
  it('never import upward: domain/ knows neither dialogs/ nor bot/, dialogs/ does not know bot/', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports.files.filter((target) => LAYERS.indexOf(layerOf(target)) > LAYERS.indexOf(layerOf(file))).map((target) => `${file} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('keep the routes at the top of bot/: only the application registers them', () => {
    const intoRoutes = [...graph].flatMap(([file, imports]) =>
      imports.files.filter((target) => target.startsWith('bot/routes/') && !file.startsWith('bot/routes/') && file !== 'bot/application.ts').map((t) => `${file} → ${t}`),
    );
    expect(intoRoutes).toEqual([]);
  });

  it('give the dialogs their data through the services, not the contacts and knowledge-base singletons', () => {
    const singletons = files
      .filter((file) => layerOf(file) === 'dialogs')
      .filter((file) => /^import \{[^}]*\b(contacts|knowledgeBase)\b[^}]*\} from '[./]+\/domain\/(contacts|faq\/knowledgeBase)';/m.test(readFileSync(join(root, file), 'utf8')));
    expect(singletons).toEqual([]);
  });

  it('keep Bot Framework types out of domain/', () => {
    const sdk = [...graph]
      .filter(([file]) => layerOf(file) === 'domain')
      .flatMap(([file, imports]) => imports.packages.filter((p) => /^(botbuilder|botframework)/.test(p)).map((p) => `${file} → ${p}`));
    expect(sdk).toEqual([]);
  });

  it('have no circle of imports between files', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of graph.get(file)!.files) {
        if (state.get(target) === 'open') circles.push([...stack.slice(stack.indexOf(target)), target].join(' → '));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(circles).toEqual([]);
  });
});
