import { readdirSync } from 'node:fs';
import { projectPath } from '../../domain/paths';

/**
 * Every fresh held-out set in test/eval (fresh-holdout-52-fr.json, fresh-holdout-52-en.json, …), oldest
 * pair first, French before English. Each pair is written before the recognizer change it measures; once
 * spent, a pair leaves test/eval for the training data (pairs 1 to 57: data/knowledge-base/citizen-messages.json).
 */
export function freshSetFiles(): Array<{ lang: 'fr' | 'en'; file: string }> {
  const sets: Array<{ lang: 'fr' | 'en'; file: string; round: number }> = [];
  for (const name of readdirSync(projectPath('test', 'eval'))) {
    const match = /^fresh-holdout(?:-(\d+))?-(fr|en)\.json$/.exec(name);
    if (match) sets.push({ lang: match[2] as 'fr' | 'en', file: `test/eval/${name}`, round: Number(match[1] ?? 1) });
  }
  return sets.sort((a, b) => a.round - b.round || Number(a.lang === 'en') - Number(b.lang === 'en')).map(({ lang, file }) => ({ lang, file }));
}
