/**
 * `npm run eval:pairs -- place <pair> <fr.json> <en.json> --when "<the change it measures>"`: places a held-out pair
 * written by someone who never saw the training data (docs/testing.md, « Writing a held-out pair ») in test/eval,
 * unread: repeats and cases that equal or nearly equal a training sentence are removed mechanically, and only counts
 * are printed.
 *
 * `npm run eval:pairs -- retire <pair…>`: once a pair's figures are taken, moves its single-question messages into
 * data/knowledge-base/citizen-messages.json, minus those near a sentence of a set still held out (unread), and
 * removes its files from test/eval (they stay in the history).
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { CitizenMessagesFile, citizenMessagesFileSchema, knownIntents, trainingExamples } from '../../domain/faq/knowledgeBase';
import { projectPath } from '../../domain/paths';
import { Intents } from '../../domain/understanding/intents';
import { freshSetFiles } from './freshSets';
import { nearDuplicate, NormalizedSentence, normalizedSentence } from './nearDuplicates';

const writtenCase = z.object({ text: z.string().min(1), intent: z.string().min(1), also: z.array(z.string().min(1)).optional() });
export type WrittenCase = z.infer<typeof writtenCase>;
const writtenFile = z.object({ cases: z.array(writtenCase) });

const CITIZEN_MESSAGES = 'data/knowledge-base/citizen-messages.json';
const OTHER_HELD_OUT_SETS = ['test/eval/dev-set-fr.json', 'test/eval/dev-set-en.json', 'test/eval/test-set.json', 'test/eval/holdout-set.json'];

/** The cases of a written set that may be held out: each once, none equal or nearly equal to a training sentence. */
export function placedCases(cases: readonly WrittenCase[], training: readonly NormalizedSentence[]): { kept: WrittenCase[]; repeated: number; nearTraining: number } {
  const seen = new Set<string>();
  const kept: WrittenCase[] = [];
  let repeated = 0;
  let nearTraining = 0;
  for (const item of cases) {
    const sentence = normalizedSentence(item.text);
    if (seen.has(sentence.key)) repeated += 1;
    else if (training.some((t) => nearDuplicate(sentence, t))) nearTraining += 1;
    else kept.push(item.also?.length ? { text: item.text, intent: item.intent, also: item.also } : { text: item.text, intent: item.intent });
    seen.add(sentence.key);
  }
  return { kept, repeated, nearTraining };
}

/** The messages of a spent set that may be trained on: one question each, none near a sentence still held out. */
export function retiredMessages(
  cases: readonly WrittenCase[],
  heldOut: readonly NormalizedSentence[],
): { messages: Array<{ text: string; intent: string }>; several: number; nearHeldOut: number } {
  const messages: Array<{ text: string; intent: string }> = [];
  let several = 0;
  let nearHeldOut = 0;
  for (const item of cases) {
    if (item.also?.length) several += 1;
    else if (heldOut.some((h) => nearDuplicate(normalizedSentence(item.text), h))) nearHeldOut += 1;
    else messages.push({ text: item.text, intent: item.intent });
  }
  return { messages, several, nearHeldOut };
}

function readCases(path: string, known: ReadonlySet<string>): WrittenCase[] {
  const cases = writtenFile.parse(JSON.parse(readFileSync(path, 'utf8'))).cases;
  const unknown = [...new Set(cases.flatMap((c) => [c.intent, ...(c.also ?? [])]).filter((intent) => !known.has(intent)))];
  if (unknown.length) throw new Error(`${path}: unknown intents ${unknown.join(', ')}`);
  return cases;
}

function setPath(pair: number, lang: 'fr' | 'en'): string {
  return `test/eval/fresh-holdout-${pair}-${lang}.json`;
}

function place(pair: number, files: Record<'fr' | 'en', string>, when: string, today: string): void {
  const training = trainingExamples().map((e) => normalizedSentence(e.text));
  const langs = ['fr', 'en'] as const;
  for (const lang of langs) if (existsSync(projectPath(setPath(pair, lang)))) throw new Error(`${setPath(pair, lang)} already exists`);
  // Both files are read and checked before either is written: a pair is placed whole or not at all.
  const known = knownIntents();
  const writtenSets = langs.map((lang) => readCases(files[lang], known));
  for (const [i, lang] of langs.entries()) {
    const written = writtenSets[i];
    const { kept, repeated, nearTraining } = placedCases(written, training);
    const language = lang === 'fr' ? 'French' : 'English';
    const description =
      `${language} evaluation set written on ${today} from the seed documents only, by a helper who never saw the training phrasings or the earlier test sets, ` +
      `before the change it measures (here: ${when}); the writer also listed the other intents of messages that ask several questions (also). ` +
      `Never train on it or tune against it. ${nearTraining} of the ${written.length} cases written were removed mechanically because they equal or nearly equal ` +
      `a training phrasing written earlier (the rule of test/eval/nearDuplicates.ts)${repeated ? `, and ${repeated} because they repeat another case of the set` : ''}; nobody read them.`;
    writeFileSync(projectPath(setPath(pair, lang)), `${JSON.stringify({ description, written: today, language: lang, cases: kept }, null, 2)}\n`);
    console.log(`${setPath(pair, lang)}: ${kept.length} kept of ${written.length} (${nearTraining} near a training sentence, ${repeated} repeated; ${kept.filter((c) => c.intent === Intents.outOfScope).length} out of scope)`);
  }
}

function retire(pairs: readonly number[], today: string): void {
  const retiring = new Set(pairs);
  const files = freshSetFiles().map((set) => ({ ...set, pair: Number(/-(\d+)-(?:fr|en)\.json$/.exec(set.file)?.[1] ?? 1) }));
  const missing = pairs.filter((pair) => !files.some((f) => f.pair === pair));
  if (missing.length) throw new Error(`No held-out pair ${missing.join(', ')} in test/eval`);
  const heldOut = [...files.filter((f) => !retiring.has(f.pair)).map((f) => f.file), ...OTHER_HELD_OUT_SETS]
    .filter((file) => existsSync(projectPath(file)))
    .flatMap((file) => (JSON.parse(readFileSync(projectPath(file), 'utf8')) as { cases: Array<{ text: string }> }).cases.map((c) => normalizedSentence(c.text)));
  const current = citizenMessagesFileSchema.parse(JSON.parse(readFileSync(projectPath(CITIZEN_MESSAGES), 'utf8')));
  const sets = current.sets.filter((set) => !retiring.has(set.pair));
  const known = knownIntents();
  for (const { file, lang, pair } of files.filter((f) => retiring.has(f.pair))) {
    const cases = readCases(projectPath(file), known);
    const { messages, several, nearHeldOut } = retiredMessages(cases, heldOut);
    sets.push({ pair, lang, written: cases.length, several, nearHeldOut, messages });
    console.log(`${file}: ${messages.length} of ${cases.length} messages retired (${several} asking several questions, ${nearHeldOut} near a held-out sentence)`);
  }
  sets.sort((a, b) => a.pair - b.pair || Number(a.lang === 'en') - Number(b.lang === 'en'));
  writeFileSync(projectPath(CITIZEN_MESSAGES), citizenMessagesText({ description: citizenMessagesDescription(sets), reviewed: today, sets }));
  for (const { file } of files.filter((f) => retiring.has(f.pair))) unlinkSync(projectPath(file));
}

function citizenMessagesDescription(sets: CitizenMessagesFile['sets']): string {
  const pairs = [...new Set(sets.map((s) => s.pair))];
  const sum = (key: 'written' | 'several' | 'nearHeldOut'): number => sets.reduce((total, s) => total + s[key], 0);
  return (
    `Messages written by citizens' stand-ins for the evaluation (${pairs.length} held-out pairs of test/eval, each written from the seeds and the intent list by a helper who never saw ` +
    `the training phrasings, measured before it was read, then spent), retired from the evaluation with test/eval/heldOutPairs.ts and trained on since. ` +
    `Of their ${sum('written')} messages, the ${sum('several')} that ask several questions are left out (one label would teach half of it), and ${sum('nearHeldOut')} that equal or ` +
    `nearly equal a sentence of a set still held out when their pair was retired (test/eval: the newer fresh pairs, the development sets, test-set.json and holdout-set.json; ` +
    `the rule of test/eval/nearDuplicates.ts) were removed mechanically, unread. Their labels are the writers' own. Not facts: nothing here is ever shown to anyone.`
  );
}

/** The file with one message per line, as it has always been laid out (a diff then shows the messages added). */
function citizenMessagesText(file: CitizenMessagesFile): string {
  const lines = ['{', `  "description": ${JSON.stringify(file.description)},`, `  "reviewed": ${JSON.stringify(file.reviewed)},`, '  "sets": ['];
  file.sets.forEach((set, i) => {
    lines.push('    {', `      "pair": ${set.pair},`, `      "lang": ${JSON.stringify(set.lang)},`);
    lines.push(`      "written": ${set.written},`, `      "several": ${set.several},`, `      "nearHeldOut": ${set.nearHeldOut},`, '      "messages": [');
    set.messages.forEach((m, k) => lines.push(`        {"text": ${JSON.stringify(m.text)}, "intent": ${JSON.stringify(m.intent)}}${k < set.messages.length - 1 ? ',' : ''}`));
    lines.push('      ]', `    }${i < file.sets.length - 1 ? ',' : ''}`);
  });
  lines.push('  ]', '}');
  return `${lines.join('\n')}\n`;
}

function pairNumber(value: string): number {
  const pair = Number(value);
  if (!Number.isInteger(pair) || pair < 1) throw new InvalidArgumentError('not a pair number.');
  return pair;
}

if (require.main === module) {
  const today = new Date().toISOString().slice(0, 10);
  const program = new Command('heldOutPairs');
  const run = (action: () => void): void => {
    try {
      action();
    } catch (error) {
      program.error(error instanceof Error ? error.message : String(error));
    }
  };
  program
    .command('place')
    .argument('<pair>', 'the pair number', pairNumber)
    .argument('<fr>', 'the French cases written ({"cases": [{"text", "intent", "also"?}]})')
    .argument('<en>', 'the English cases written')
    .requiredOption('--when <text>', 'the change the pair measures, for its description')
    .action((pair: number, fr: string, en: string, options: { when: string }) => run(() => place(pair, { fr, en }, options.when, today)));
  program
    .command('retire')
    .argument('<pairs...>', 'the spent pairs', (value: string, previous: number[] = []) => [...previous, pairNumber(value)])
    .action((pairs: number[]) => run(() => retire(pairs, today)));
  program.parse();
}
