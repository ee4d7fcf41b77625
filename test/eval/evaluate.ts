/**
 * `npm run eval`: measures the recognizer on a French test set it never trained on
 * (test/eval/test-set.json, test/eval/holdout-set.json) and on the fresh held-out sets written by
 * someone who never saw the training data (test/eval/fresh-holdout-*{fr,en}.json: first-turn answers,
 * only figures and label pairs are printed, never their sentences), compares it with other candidates,
 * cross-validates it over the training phrasings, and writes reports/faq-eval.json and reports/faq-eval.md.
 *
 * Each fresh and development set is also scored as served: the decision, then the rules the main dialog
 * applies where the recognizer hesitates (domain/understanding/messageOutcome.ts); the targets stay on the decision.
 *
 * The development sets (test/eval/dev-set-{fr,en}.json) are scored like the fresh sets and reported on
 * their own: they are what recognizer changes are measured on (their sentences may be read, never trained on).
 *
 * Options: --no-compare (skip the other candidates), --folds <k> (default 5), --rounds <n> (latency rounds, default 20),
 * --no-fresh (leave the fresh held-out sets out, while tuning), --dev (the development sets only, with each missed sentence: no fresh set, no cross-validation, no report written).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Nlp } from '@nlpjs/nlp';
import { LangFr } from '@nlpjs/lang-fr';
import { TrainingExample, trainingExamples } from '../../domain/faq/knowledgeBase';
import { projectPath } from '../../domain/paths';
import { decide, DecisionThresholds, DEFAULT_THRESHOLDS } from '../../domain/understanding/decision';
import { buildIntentClassifier, ClassifierBuildOptions, DEFAULT_CLASSIFIER_OPTIONS } from '../../domain/understanding/defaultClassifier';
import { Intents, Understanding } from '../../domain/understanding/intents';
import { HOURS_OF_DAY_ENTRIES, messageOutcome, MessageOutcome, OutcomeContext } from '../../domain/understanding/messageOutcome';
import { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { exactKey } from '../../domain/understanding/trainedClassifier';
import { freshSetFiles } from './freshSets';

interface Case {
  text: string;
  intent: string;
  /** A second intent asked in the same message (fresh held-out sets only). */
  also?: string[];
}

const TARGETS = { inScopeTop1: 0.95, outOfScopeDeclined: 0.9, p99Ms: 20 };
/** Targets on the fresh held-out sets (issue 12): first-turn answers, where « Voulez-vous dire… ? » counts as a miss. */
const FRESH_TARGETS = { fr: 0.95, en: 0.9, outOfScopeDeclined: 0.9, confidentWrong: 0, p99Ms: 20 };
/** Once looked at after a round of changes a pair is no longer fresh: the newest pair gives the honest figure. */
const FRESH_SETS: Array<{ lang: 'fr' | 'en'; file: string }> = freshSetFiles();
/** Development sets: written from the seeds and the knowledge base's topics, never trained on; the figures recognizer changes are measured on. */
const DEV_SETS: Array<{ lang: 'fr' | 'en'; file: string }> = [
  { lang: 'fr', file: 'test/eval/dev-set-fr.json' },
  { lang: 'en', file: 'test/eval/dev-set-en.json' },
];
const OOS = Intents.outOfScope;

function args(): { compare: boolean; folds: number; rounds: number; devOnly: boolean; fresh: boolean } {
  const argv = process.argv.slice(2);
  const value = (name: string, fallback: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : fallback;
  };
  return { compare: !argv.includes('--no-compare'), folds: value('--folds', 5), rounds: value('--rounds', 20), devOnly: argv.includes('--dev'), fresh: !argv.includes('--no-fresh') };
}

function loadCases(relative: string): Case[] | undefined {
  const path = projectPath(relative);
  if (!existsSync(path)) return undefined;
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: Case[] }).cases;
}

const isDeclineLabel = (intent: string | undefined): boolean => !intent || intent === OOS || intent === Intents.none;
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** An answer (with the other questions of the message, if several) is right when it answers the expected intent and nothing foreign. */
function answeredRight(decision: { intent: string; also?: string[] }, accepted: string[]): boolean {
  const answered = [decision.intent, ...(decision.also ?? [])];
  return answered.includes(accepted[0]) && answered.every((i) => accepted.includes(i));
}

type InScopeOutcome = 'answeredRight' | 'answeredWrong' | 'clarifiedWithRight' | 'clarifiedWithoutRight' | 'declined';

/** How a decision on an in-scope message went: answered (right or wrong), clarified (with the expected intent among the options or not), declined. */
function inScopeOutcome(decision: ReturnType<typeof decide>, accepted: string[], expected: string): InScopeOutcome {
  if (decision.kind === 'answer') return answeredRight(decision, accepted) ? 'answeredRight' : 'answeredWrong';
  if (decision.kind === 'clarify') return decision.options.some((o) => o.intent === expected) ? 'clarifiedWithRight' : 'clarifiedWithoutRight';
  return 'declined';
}

/** The label the assistant acts on: the answered intent, the first choice offered, or outOfScope when it declines. */
function actedLabel(understanding: Understanding, thresholds: DecisionThresholds): string {
  const decision = decide(understanding, thresholds);
  if (decision.kind === 'answer') return decision.intent;
  if (decision.kind === 'clarify') return decision.options[0]?.intent ?? OOS;
  return OOS;
}

interface Scored {
  item: Case;
  understanding: Understanding;
}

interface SetReport {
  cases: number;
  inScope: number;
  outOfScope: number;
  inScopeTop1: number;
  inScopeTop3: number;
  inScopeDecisions: { answeredRight: number; answeredWrong: number; clarifiedWithRight: number; clarifiedWithoutRight: number; declined: number };
  outOfScopeDecisions: { declined: number; clarified: number; answered: number };
  outOfScopeDeclined: number;
  perIntent: Array<{ intent: string; support: number; precision: number; recall: number; f1: number }>;
  confusedPairs: Array<{ expected: string; predicted: string; count: number; examples: string[] }>;
  confidenceHistogram: Array<{ bin: string; right: number; wrong: number }>;
  errors: Array<{ text: string; expected: string; top: string; score: number; decision: string }>;
}

function scoreSet(scored: Scored[], thresholds: DecisionThresholds): SetReport {
  const inScope = scored.filter((s) => s.item.intent !== OOS);
  const outOfScope = scored.filter((s) => s.item.intent === OOS);
  const inDecisions = { answeredRight: 0, answeredWrong: 0, clarifiedWithRight: 0, clarifiedWithoutRight: 0, declined: 0 };
  const oosDecisions = { declined: 0, clarified: 0, answered: 0 };
  let top1 = 0;
  let top3 = 0;
  const errors: SetReport['errors'] = [];
  for (const { item, understanding } of scored) {
    const decision = decide(understanding, thresholds);
    const top = understanding.intents[0];
    const describe =
      decision.kind === 'answer'
        ? `answer ${decision.intent}`
        : decision.kind === 'clarify'
          ? `clarify ${decision.options.map((o) => o.intent).join('|')}`
          : `decline`;
    if (item.intent === OOS) {
      if (decision.kind === 'decline') oosDecisions.declined += 1;
      else {
        if (decision.kind === 'clarify') oosDecisions.clarified += 1;
        else oosDecisions.answered += 1;
        errors.push({ text: item.text, expected: item.intent, top: top?.intent ?? Intents.none, score: top?.score ?? 0, decision: describe });
      }
      continue;
    }
    if (top?.intent === item.intent) top1 += 1;
    if (understanding.intents.slice(0, 3).some((i) => i.intent === item.intent)) top3 += 1;
    inDecisions[inScopeOutcome(decision, [item.intent], item.intent)] += 1;
    if (top?.intent !== item.intent || decision.kind !== 'answer')
      errors.push({ text: item.text, expected: item.intent, top: top?.intent ?? Intents.none, score: top?.score ?? 0, decision: describe });
  }

  // Per-intent precision, recall and F1 on the label the assistant acts on (a decline counts as outOfScope).
  const labels = new Set<string>();
  const pairs = new Map<string, { expected: string; predicted: string; count: number; examples: string[] }>();
  const acted = scored.map(({ item, understanding }) => {
    const predicted = actedLabel(understanding, thresholds);
    labels.add(item.intent);
    labels.add(predicted);
    if (predicted !== item.intent) {
      const key = `${item.intent}→${predicted}`;
      const pair = pairs.get(key) ?? { expected: item.intent, predicted, count: 0, examples: [] };
      pair.count += 1;
      if (pair.examples.length < 3) pair.examples.push(item.text);
      pairs.set(key, pair);
    }
    return { expected: item.intent, predicted };
  });
  const perIntent = [...labels].sort().map((intent) => {
    const tp = acted.filter((a) => a.expected === intent && a.predicted === intent).length;
    const fp = acted.filter((a) => a.expected !== intent && a.predicted === intent).length;
    const fn = acted.filter((a) => a.expected === intent && a.predicted !== intent).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return { intent, support: tp + fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  });

  // Confidence of the top intent, for right and wrong top-1 rankings (declining an out-of-scope sentence is right).
  const histogram = Array.from({ length: 10 }, (_, i) => ({ bin: `${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`, right: 0, wrong: 0 }));
  for (const { item, understanding } of scored) {
    const top = understanding.intents[0];
    const right = item.intent === OOS ? isDeclineLabel(top?.intent) : top?.intent === item.intent;
    const bin = histogram[Math.min(9, Math.floor((top?.score ?? 0) * 10))];
    if (right) bin.right += 1;
    else bin.wrong += 1;
  }

  return {
    cases: scored.length,
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    inScopeTop1: inScope.length ? top1 / inScope.length : 0,
    inScopeTop3: inScope.length ? top3 / inScope.length : 0,
    inScopeDecisions: inDecisions,
    outOfScopeDecisions: oosDecisions,
    outOfScopeDeclined: outOfScope.length ? oosDecisions.declined / outOfScope.length : 0,
    perIntent,
    confusedPairs: [...pairs.values()].sort((a, b) => b.count - a.count).slice(0, 12),
    confidenceHistogram: histogram,
    errors,
  };
}

/**
 * Figures on a fresh held-out set. Only aggregates and pairs of intent labels are kept: the sentences
 * themselves are never printed nor written to the reports, so nobody tunes against them by reading them.
 */
interface FreshReport {
  lang: 'fr' | 'en';
  /** A fresh held-out set (figures only) or a development set. */
  kind: 'fresh' | 'dev';
  file: string;
  cases: number;
  inScope: number;
  outOfScope: number;
  /** Answered right on the first turn (a « Voulez-vous dire… ? » is a miss). */
  firstTurnTop1: number;
  /** Answered right, or the right answer among the clarification buttons (one click away). */
  oneClickAway: number;
  /** The ranking's top-1 is right (whatever the decision). */
  rankingTop1: number;
  outOfScopeDeclined: number;
  /** In scope answered with another intent, plus out of scope answered: confident wrong answers. */
  confidentWrong: number;
  confidentWrongInScope: number;
  confidentWrongOutOfScope: number;
  /** Messages with two questions (an « also » field): top-1 is the main intent or one of « also ». */
  twoQuestions: { cases: number; rankingTop1: number; answeredOneOfThem: number; answeredBoth: number };
  decisions: { answeredRight: number; answeredWrong: number; clarifiedWithRight: number; clarifiedWithoutRight: number; declined: number };
  outOfScopeDecisions: { declined: number; clarified: number; answered: number };
  latencyMs: { p50: number; p99: number; max: number; samples: number };
  confusedPairs: Array<{ expected: string; actedOn: string; count: number }>;
  /**
   * The same messages as the main dialog serves them: the decision, then the rules that read the message
   * where the recognizer hesitates (domain/understanding/messageOutcome.ts). The targets above are on the
   * decision alone.
   */
  asServed: { firstTurnTop1: number; outOfScopeToldOrDeclined: number; confidentWrongInScope: number; confidentWrongOutOfScope: number; changed: number };
}

/**
 * An outcome as served: right (the expected answer, the hours of the day asked about for an hours entry,
 * how to change a filed complaint for its follow-up or the complaints address, a decline or the
 * out-of-mandate answer for a message out of scope), a choice or a decline (neither), or wrong.
 */
function servedResult(outcome: MessageOutcome, item: Case): 'right' | 'wrong' | 'neither' {
  const outOfScope = item.intent === OOS;
  if (outcome.kind === 'outOfMandate') return outOfScope ? 'right' : 'wrong';
  if (outcome.kind === 'complaintChange') return [item.intent, ...(item.also ?? [])].some((i) => i === Intents.complaintStatus || i === 'faq.complaints') ? 'right' : 'wrong';
  if (outcome.kind === 'decline') return outOfScope ? 'right' : 'neither';
  if (outcome.kind === 'clarify') return 'neither';
  if (outOfScope) return 'wrong';
  if (outcome.kind === 'hoursOfDay') return [item.intent, ...(item.also ?? [])].some((i) => HOURS_OF_DAY_ENTRIES.has(i)) ? 'right' : 'wrong';
  return answeredRight(outcome, [item.intent, ...(item.also ?? [])]) ? 'right' : 'wrong';
}

/** One calendar and one instant for a whole run: the rules that read a day (« ouvert samedi? ») need them. */
const EVAL_NOW = new Date();
const EVAL_CALENDAR = BusinessCalendar.fromDataFile();
const outcomeContext = (lang: 'fr' | 'en'): OutcomeContext => ({ now: EVAL_NOW, lang, calendar: EVAL_CALENDAR });

function scoreFresh(
  kind: 'fresh' | 'dev',
  lang: 'fr' | 'en',
  file: string,
  cases: Case[],
  classify: (text: string, lang: 'fr' | 'en') => Understanding,
  thresholds: DecisionThresholds,
  rounds: number,
): FreshReport {
  const decisions = { answeredRight: 0, answeredWrong: 0, clarifiedWithRight: 0, clarifiedWithoutRight: 0, declined: 0 };
  const oos = { declined: 0, clarified: 0, answered: 0 };
  let rankingTop1 = 0;
  const two = { cases: 0, rankingTop1: 0, answeredOneOfThem: 0, answeredBoth: 0 };
  const pairs = new Map<string, { expected: string; actedOn: string; count: number }>();
  const served = { right: 0, wrongInScope: 0, wrongOutOfScope: 0, oosRight: 0, changed: 0 };
  for (const item of cases) {
    const understanding = classify(item.text, lang);
    const decision = decide(understanding, thresholds);
    const outcome = messageOutcome(item.text, decision, understanding.intents, outcomeContext(lang));
    const result = servedResult(outcome, item);
    if (outcome !== decision) served.changed += 1;
    if (item.intent === OOS) {
      if (result === 'right') served.oosRight += 1;
      else if (result === 'wrong') served.wrongOutOfScope += 1;
    } else if (result === 'right') served.right += 1;
    else if (result === 'wrong') served.wrongInScope += 1;
    const top = understanding.intents[0]?.intent ?? Intents.none;
    const acted = decision.kind === 'answer' ? decision.intent : decision.kind === 'clarify' ? `clarify(${decision.options[0]?.intent ?? '—'})` : OOS;
    if (item.intent === OOS) {
      if (decision.kind === 'decline') oos.declined += 1;
      else if (decision.kind === 'clarify') oos.clarified += 1;
      else oos.answered += 1;
    } else {
      if (top === item.intent) rankingTop1 += 1;
      // Several questions answered in one turn: right when the expected one is among them and none is foreign to the message.
      decisions[inScopeOutcome(decision, [item.intent, ...(item.also ?? [])], item.intent)] += 1;
      if (item.also?.length) {
        const accepted = new Set([item.intent, ...item.also]);
        two.cases += 1;
        if (accepted.has(top)) two.rankingTop1 += 1;
        if (decision.kind === 'answer' && accepted.has(decision.intent)) two.answeredOneOfThem += 1;
        if (decision.kind === 'answer' && decision.also?.length && [decision.intent, ...decision.also].every((i) => accepted.has(i))) two.answeredBoth += 1;
      }
    }
    if (acted !== item.intent) {
      const key = `${item.intent}→${acted}`;
      const pair = pairs.get(key) ?? { expected: item.intent, actedOn: acted, count: 0 };
      pair.count += 1;
      pairs.set(key, pair);
    }
  }
  const inScope = cases.filter((c) => c.intent !== OOS).length;
  const outOfScope = cases.length - inScope;
  const latency = measureLatency((text) => classify(text, lang), cases, rounds);
  return {
    lang,
    kind,
    file,
    cases: cases.length,
    inScope,
    outOfScope,
    firstTurnTop1: inScope ? decisions.answeredRight / inScope : 0,
    oneClickAway: inScope ? (decisions.answeredRight + decisions.clarifiedWithRight) / inScope : 0,
    rankingTop1: inScope ? rankingTop1 / inScope : 0,
    outOfScopeDeclined: outOfScope ? oos.declined / outOfScope : 0,
    confidentWrong: decisions.answeredWrong + oos.answered,
    confidentWrongInScope: decisions.answeredWrong,
    confidentWrongOutOfScope: oos.answered,
    twoQuestions: two,
    decisions,
    outOfScopeDecisions: oos,
    latencyMs: latency,
    confusedPairs: [...pairs.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    asServed: {
      firstTurnTop1: inScope ? served.right / inScope : 0,
      outOfScopeToldOrDeclined: outOfScope ? served.oosRight / outOfScope : 0,
      confidentWrongInScope: served.wrongInScope,
      confidentWrongOutOfScope: served.wrongOutOfScope,
      changed: served.changed,
    },
  };
}

/** One line per figure, each against its target. */
function freshLines(r: FreshReport): string[] {
  const target = FRESH_TARGETS[r.lang];
  const mark = (ok: boolean): string => (ok ? 'OK ' : 'NO ');
  const lines = [
    `${r.kind === 'fresh' ? 'Fresh held-out set' : 'Development set'}, ${r.lang === 'fr' ? 'French' : 'English'} (${r.file}): ${r.inScope} in scope, ${r.outOfScope} out of scope`,
    `  ${mark(r.firstTurnTop1 >= target)} first-turn top-1 in scope   ${pct(r.firstTurnTop1).padStart(7)}   (target ≥ ${pct(target)}; « Voulez-vous dire… ? » counts as a miss)`,
    `      right answer one click away  ${pct(r.oneClickAway).padStart(7)}   (answered right or among the clarification buttons; ranking top-1 ${pct(r.rankingTop1)})`,
    `  ${mark(r.outOfScopeDeclined >= FRESH_TARGETS.outOfScopeDeclined)} out of scope declined        ${pct(r.outOfScopeDeclined).padStart(7)}   (target ≥ ${pct(FRESH_TARGETS.outOfScopeDeclined)})`,
    `  ${mark(r.confidentWrong <= FRESH_TARGETS.confidentWrong)} confident wrong answers      ${String(r.confidentWrong).padStart(7)}   (target ${FRESH_TARGETS.confidentWrong}; ${r.confidentWrongInScope} in scope, ${r.confidentWrongOutOfScope} out of scope answered)`,
    `      two questions in one message ${r.twoQuestions.cases ? pct(r.twoQuestions.rankingTop1 / r.twoQuestions.cases).padStart(7) : '      —'}   (top-1 is the main intent or the « also » one, ${r.twoQuestions.rankingTop1}/${r.twoQuestions.cases}; answered one of them ${r.twoQuestions.answeredOneOfThem}, both in one turn ${r.twoQuestions.answeredBoth})`,
    `  ${mark(r.latencyMs.p99 < FRESH_TARGETS.p99Ms)} latency p99                  ${r.latencyMs.p99.toFixed(3).padStart(7)} ms (target < ${FRESH_TARGETS.p99Ms} ms; p50 ${r.latencyMs.p50.toFixed(3)} ms, max ${r.latencyMs.max.toFixed(3)} ms)`,
    `      as served (the main dialog's rules, which acted on ${r.asServed.changed} messages) first turn ${pct(r.asServed.firstTurnTop1)}, out of scope declined or told it is outside the mandate ${pct(r.asServed.outOfScopeToldOrDeclined)}, confident wrong ${r.asServed.confidentWrongInScope + r.asServed.confidentWrongOutOfScope} (${r.asServed.confidentWrongInScope} in scope, ${r.asServed.confidentWrongOutOfScope} out of scope)`,
    `      decisions in scope ${JSON.stringify(r.decisions)}, out of scope ${JSON.stringify(r.outOfScopeDecisions)}`,
    `      confused (expected→acted on): ${r.confusedPairs.map((p) => `${p.expected}→${p.actedOn} ×${p.count}`).join(', ') || 'none'}`,
  ];
  return lines;
}

function freshFailures(r: FreshReport): string[] {
  const name = `${r.kind === 'fresh' ? 'Fresh' : 'Development set,'} ${r.lang === 'fr' ? 'French' : 'English'} (${r.file.replace('test/eval/', '')})`;
  const failures: string[] = [];
  if (r.firstTurnTop1 < FRESH_TARGETS[r.lang]) failures.push(`${name}: first-turn top-1 in scope ${pct(r.firstTurnTop1)} < ${pct(FRESH_TARGETS[r.lang])}.`);
  if (r.outOfScopeDeclined < FRESH_TARGETS.outOfScopeDeclined)
    failures.push(`${name}: out of scope declined ${pct(r.outOfScopeDeclined)} < ${pct(FRESH_TARGETS.outOfScopeDeclined)}.`);
  if (r.confidentWrong > FRESH_TARGETS.confidentWrong)
    failures.push(`${name}: ${r.confidentWrong} confident wrong answers (target ${FRESH_TARGETS.confidentWrong}).`);
  if (r.latencyMs.p99 >= FRESH_TARGETS.p99Ms) failures.push(`${name}: recognition p99 ${r.latencyMs.p99.toFixed(2)} ms ≥ ${FRESH_TARGETS.p99Ms} ms.`);
  return failures;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function measureLatency(classify: (text: string) => unknown, cases: Case[], rounds: number): { p50: number; p99: number; max: number; samples: number } {
  for (const c of cases) classify(c.text); // warm-up (JIT, caches)
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const c of cases) {
      const start = performance.now();
      classify(c.text);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), max: times[times.length - 1], samples: times.length };
}

/** Stratified folds: each intent's phrasings are dealt in turn, after a seeded shuffle. */
function folds(examples: TrainingExample[], k: number): TrainingExample[][] {
  const byIntent = new Map<string, TrainingExample[]>();
  for (const e of examples) byIntent.set(e.intent, [...(byIntent.get(e.intent) ?? []), e]);
  const result: TrainingExample[][] = Array.from({ length: k }, () => []);
  let state = 7;
  const random = (): number => (state = (state * 16807) % 2147483647) / 2147483647;
  let offset = 0;
  for (const group of byIntent.values()) {
    const shuffled = [...group].sort(() => random() - 0.5);
    shuffled.forEach((e, i) => result[(i + offset) % k].push(e));
    offset += 1;
  }
  return result;
}

function crossValidate(examples: TrainingExample[], k: number, options: ClassifierBuildOptions): { scored: Scored[]; trainMs: number } {
  const parts = folds(examples, k);
  const scored: Scored[] = [];
  let trainMs = 0;
  parts.forEach((heldOut, i) => {
    const training = parts.filter((_, j) => j !== i).flat();
    const start = performance.now();
    const classifier = buildIntentClassifier({ ...options, exactTexts: new Map() }, training);
    trainMs += performance.now() - start;
    // French phrasings only: the test set is French.
    for (const e of heldOut.filter((x) => x.lang === 'fr'))
      scored.push({ item: { text: e.text, intent: e.intent }, understanding: classifier.classify(e.text, 'fr') });
  });
  return { scored, trainMs: trainMs / k };
}

/** Utility of a decision policy: a confident wrong answer costs more than an honest « je n'ai pas compris ». */
function utility(scored: Scored[], thresholds: DecisionThresholds): number {
  let total = 0;
  for (const { item, understanding } of scored) {
    const d = decide(understanding, thresholds);
    if (item.intent === OOS) total += d.kind === 'decline' ? 1 : d.kind === 'clarify' ? -0.5 : -3;
    else if (d.kind === 'answer') total += d.intent === item.intent ? 1 : -3;
    else if (d.kind === 'clarify') total += d.options.some((o) => o.intent === item.intent) ? 0.75 : -0.5;
  }
  return total / scored.length;
}

function tuneThresholds(scored: Scored[]): { best: DecisionThresholds; bestUtility: number; defaultUtility: number } {
  // Product bounds: a « close » rule must exist (margin ≥ 0.1) and « nothing fits » must be possible (clarify ≥ 0.15).
  let best = DEFAULT_THRESHOLDS;
  let bestUtility = -Infinity;
  for (const answer of [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85]) {
    for (const margin of [0.1, 0.15, 0.2, 0.25, 0.3]) {
      for (const clarify of [0.15, 0.2, 0.25, 0.3]) {
        if (clarify > answer) continue;
        // A bare keyword is never answered from less than a sentence is.
        const candidate = { ...DEFAULT_THRESHOLDS, answer, keywordAnswer: Math.max(answer, DEFAULT_THRESHOLDS.keywordAnswer), margin, clarify };
        const u = utility(scored, candidate);
        if (u > bestUtility + 1e-9) {
          best = candidate;
          bestUtility = u;
        }
      }
    }
  }
  return { best, bestUtility, defaultUtility: utility(scored, DEFAULT_THRESHOLDS) };
}

interface CandidateResult {
  name: string;
  inScopeTop1: number;
  outOfScopeTop1Declined: number;
  p50Ms: number;
  p99Ms: number;
  trainMs: number;
  cvTop1?: number;
}

async function compareCandidates(examples: TrainingExample[], cases: Case[], rounds: number, k: number): Promise<CandidateResult[]> {
  const results: CandidateResult[] = [];
  const top1 = (predict: (text: string) => string): { inScope: number; oos: number } => {
    const inScope = cases.filter((c) => c.intent !== OOS);
    const oos = cases.filter((c) => c.intent === OOS);
    return {
      inScope: inScope.filter((c) => predict(c.text) === c.intent).length / inScope.length,
      oos: oos.filter((c) => isDeclineLabel(predict(c.text))).length / oos.length,
    };
  };

  // NLP.js as it comes: @nlpjs/nlp with @nlpjs/lang-fr (normalizer, tokenizer, stemmer, neural NLU and its None feature).
  const nlp = new Nlp({ languages: ['fr'], autoSave: false, autoLoad: false, nlu: { log: false }, forceNER: false });
  nlp.use(LangFr);
  for (const e of examples) nlp.addDocument('fr', e.text, e.intent);
  let start = performance.now();
  await nlp.train();
  const nlpTrainMs = performance.now() - start;
  const nlpTop = new Map<string, string>();
  const nlpTimes: number[] = [];
  for (let round = 0; round < Math.max(2, Math.ceil(rounds / 4)); round += 1) {
    for (const c of cases) {
      start = performance.now();
      const r = await nlp.process('fr', c.text);
      if (round > 0) nlpTimes.push(performance.now() - start);
      nlpTop.set(c.text, r.intent);
    }
  }
  nlpTimes.sort((a, b) => a - b);
  const nlpScore = top1((text) => nlpTop.get(text) ?? Intents.none);
  results.push({
    name: 'NLP.js as is (@nlpjs/nlp + @nlpjs/lang-fr, neural NLU)',
    inScopeTop1: nlpScore.inScope,
    outOfScopeTop1Declined: nlpScore.oos,
    p50Ms: percentile(nlpTimes, 0.5),
    p99Ms: percentile(nlpTimes, 0.99),
    trainMs: nlpTrainMs,
  });

  const variants: Array<{ name: string; options: ClassifierBuildOptions }> = [
    { name: 'MiniSearch alone (BM25 + fuzzy + prefix over the phrasings)', options: { ...DEFAULT_CLASSIFIER_OPTIONS, lexicalWeight: 1 } },
    { name: 'Softmax over stems + unknown-word features', options: { ...DEFAULT_CLASSIFIER_OPTIONS, unknownWordFeatures: true } },
    { name: 'Softmax over stems only (no 4-letter pieces)', options: { ...DEFAULT_CLASSIFIER_OPTIONS, charNgrams: false } },
    { name: 'Softmax over stems + bigrams', options: { ...DEFAULT_CLASSIFIER_OPTIONS, bigrams: true, lexicalWeight: 0 } },
    { name: 'Softmax blended linearly with MiniSearch (0.3)', options: { ...DEFAULT_CLASSIFIER_OPTIONS, lexicalWeight: 0.3 } },
    { name: "Softmax without the entries' titles and answers", options: { ...DEFAULT_CLASSIFIER_OPTIONS, entryDocuments: false } },
    { name: 'Softmax + 4-letter pieces + titles/answers, no character 3–5-grams', options: { ...DEFAULT_CLASSIFIER_OPTIONS, gramFeatures: 0 } },
    { name: 'Softmax + 4-letter pieces + character 3–5-grams + titles/answers, no BM25 boost', options: { ...DEFAULT_CLASSIFIER_OPTIONS, lexicalBoost: 0 } },
    { name: 'Same + BM25 log-linear boost 2, confidence sharpened ×1.3', options: { ...DEFAULT_CLASSIFIER_OPTIONS, sharpness: 1.3 } },
    { name: 'Same + BM25 log-linear boost 2 (DEFAULT)', options: DEFAULT_CLASSIFIER_OPTIONS },
  ];
  for (const variant of variants) {
    start = performance.now();
    const classifier = buildIntentClassifier({ ...variant.options, exactTexts: new Map() }, examples);
    const trainMs = performance.now() - start;
    const score = top1((text) => classifier.classify(text, 'fr').intents[0]?.intent ?? Intents.none);
    const latency = measureLatency((text) => classifier.classify(text, 'fr'), cases, rounds);
    const cv = crossValidate(examples, k, variant.options).scored.filter((s) => s.item.intent !== OOS);
    const cvTop1 = cv.filter((s) => s.understanding.intents[0]?.intent === s.item.intent).length / cv.length;
    results.push({
      name: variant.name,
      inScopeTop1: score.inScope,
      outOfScopeTop1Declined: score.oos,
      p50Ms: latency.p50,
      p99Ms: latency.p99,
      trainMs,
      cvTop1,
    });
  }
  return results;
}

function leakage(examples: TrainingExample[], cases: Case[]): string[] {
  const training = new Set(examples.map((e) => exactKey(e.text)));
  return cases.filter((c) => training.has(exactKey(c.text))).map((c) => c.text);
}

function markdown(
  report: Record<string, unknown>,
  test: SetReport,
  cv: SetReport,
  holdout: SetReport | undefined,
  extra: {
    latency: ReturnType<typeof measureLatency>;
    candidates: CandidateResult[];
    tuning: ReturnType<typeof tuneThresholds>;
    failures: string[];
    leaks: string[];
    trainMs: number;
    fresh: FreshReport[];
    freshLeaks: number;
  },
): string {
  const lines: string[] = [];
  const decisionTable = (r: SetReport): void => {
    lines.push(`| | |`, `|---|---|`);
    lines.push(`| In-scope utterances | ${r.inScope} |`, `| Out-of-scope utterances | ${r.outOfScope} |`);
    lines.push(`| **Top-1 accuracy, in scope** | **${pct(r.inScopeTop1)}** (target ≥ ${pct(TARGETS.inScopeTop1)}) |`);
    lines.push(`| Right intent in the top 3, in scope | ${pct(r.inScopeTop3)} |`);
    lines.push(`| **Out of scope correctly declined** | **${pct(r.outOfScopeDeclined)}** (target ≥ ${pct(TARGETS.outOfScopeDeclined)}) |`);
    const d = r.inScopeDecisions;
    lines.push(`| In scope: answered right / wrong | ${d.answeredRight} / ${d.answeredWrong} |`);
    lines.push(`| In scope: « Voulez-vous dire… ? » with / without the right choice | ${d.clarifiedWithRight} / ${d.clarifiedWithoutRight} |`);
    lines.push(`| In scope: declined | ${d.declined} |`);
    const o = r.outOfScopeDecisions;
    lines.push(`| Out of scope: declined / offered choices / answered | ${o.declined} / ${o.clarified} / ${o.answered} |`, '');
  };
  lines.push(`# Évaluation de la compréhension (FAQ et intentions)`, '', `Generated ${report.generatedAt} by \`npm run eval\`.`, '');
  for (const r of extra.fresh) {
    lines.push(`## Fresh held-out set, ${r.lang === 'fr' ? 'French' : 'English'} (${r.file}; figures only, never its sentences)`, '', '```');
    lines.push(...freshLines(r), '```', '');
  }
  if (extra.fresh.length)
    lines.push(
      extra.freshLeaks
        ? `**Warning: ${extra.freshLeaks} sentences of the fresh sets also appear in the training data.**`
        : 'Leakage check: no sentence of the fresh sets appears (after normalization) in the training data.',
      '',
    );
  lines.push(`## Test set (test/eval/test-set.json, never used for training)`, '');
  decisionTable(test);
  lines.push(
    `Recognition latency over ${extra.latency.samples} classifications: p50 ${extra.latency.p50.toFixed(3)} ms, **p99 ${extra.latency.p99.toFixed(3)} ms** (target < ${TARGETS.p99Ms} ms), max ${extra.latency.max.toFixed(3)} ms. Training: ${extra.trainMs.toFixed(0)} ms.`,
    '',
  );
  if (extra.leaks.length) lines.push(`**Warning: ${extra.leaks.length} test sentences also appear in the training data:** ${extra.leaks.join(' · ')}`, '');
  else lines.push('Leakage check: no test sentence appears (after normalization) in the training data.', '');
  lines.push(extra.failures.length ? `### Targets not reached\n\n${extra.failures.map((f) => `- ${f}`).join('\n')}\n` : 'All targets reached.\n');
  if (holdout) {
    lines.push(`## Second held-out set (test/eval/holdout-set.json, written after the tuning)`, '');
    decisionTable(holdout);
  }
  lines.push(`## ${report.folds}-fold cross-validation over the French training phrasings`, '');
  decisionTable(cv);
  lines.push(
    `Decision thresholds: current ${JSON.stringify(DEFAULT_THRESHOLDS)} (utility ${extra.tuning.defaultUtility.toFixed(3)}); best on cross-validation ${JSON.stringify(extra.tuning.best)} (utility ${extra.tuning.bestUtility.toFixed(3)}). Utility: +1 right answer or declined out-of-scope, +0.75 right choice offered (one more click), 0 in-scope declined, −0.5 useless choices, −3 confident wrong answer.`,
    '',
  );
  if (extra.candidates.length) {
    lines.push(
      '## Candidates compared (same training data, same test set)',
      '',
      '| Recognizer | Top-1 in scope | Out of scope top-1 declined | CV top-1 in scope | p99 ms | Training ms |',
      '|---|---|---|---|---|---|',
    );
    for (const c of extra.candidates)
      lines.push(
        `| ${c.name} | ${pct(c.inScopeTop1)} | ${pct(c.outOfScopeTop1Declined)} | ${c.cvTop1 === undefined ? '—' : pct(c.cvTop1)} | ${c.p99Ms.toFixed(3)} | ${c.trainMs.toFixed(0)} |`,
      );
    lines.push('');
  }
  lines.push('## Per intent (test set; a decline counts as outOfScope)', '', '| Intent | Support | Precision | Recall | F1 |', '|---|---|---|---|---|');
  for (const p of test.perIntent) lines.push(`| ${p.intent} | ${p.support} | ${p.precision.toFixed(2)} | ${p.recall.toFixed(2)} | ${p.f1.toFixed(2)} |`);
  lines.push('', '## Most confused pairs (test set)', '', '| Expected | Acted on | Count | Examples |', '|---|---|---|---|');
  for (const p of test.confusedPairs) lines.push(`| ${p.expected} | ${p.predicted} | ${p.count} | ${p.examples.map((e) => `« ${e} »`).join(' ')} |`);
  lines.push('', '## Confidence of the top intent (test set)', '', '| Score | Right | Wrong |', '|---|---|---|');
  for (const b of test.confidenceHistogram) lines.push(`| ${b.bin} | ${b.right} ${'█'.repeat(b.right)} | ${b.wrong} ${'░'.repeat(b.wrong)} |`);
  lines.push('', '## Errors and hesitations (test set)', '', '| Utterance | Expected | Top-1 (score) | Decision |', '|---|---|---|---|');
  for (const e of test.errors) lines.push(`| ${e.text.replace(/\|/g, '/')} | ${e.expected} | ${e.top} (${e.score.toFixed(2)}) | ${e.decision} |`);
  return lines.join('\n') + '\n';
}

/** Each development sentence the assistant does not answer right on the first turn, with what it did instead. */
function devMisses(cases: Case[], classify: (text: string) => Understanding): string[] {
  const misses: string[] = [];
  for (const item of cases) {
    const understanding = classify(item.text);
    const decision = decide(understanding, DEFAULT_THRESHOLDS);
    const top = understanding.intents[0];
    const did =
      decision.kind === 'answer'
        ? `answer ${[decision.intent, ...(decision.also ?? [])].join('+')}`
        : decision.kind === 'clarify'
          ? `clarify ${decision.options.map((o) => o.intent).join('|')}`
          : 'decline';
    const right = item.intent === OOS ? decision.kind === 'decline' : decision.kind === 'answer' && answeredRight(decision, [item.intent, ...(item.also ?? [])]);
    if (!right) misses.push(`  ${item.intent === OOS || decision.kind === 'answer' ? (decision.kind === 'answer' ? 'WRONG' : 'miss ') : 'miss '} ${item.intent}${item.also ? `+${item.also.join('+')}` : ''} ← « ${item.text} » → ${did} (top ${top?.intent} ${(top?.score ?? 0).toFixed(2)})`);
  }
  return misses;
}

function devReports(classifier: ReturnType<typeof buildIntentClassifier>, rounds: number): Array<{ report: FreshReport; cases: Case[] }> {
  const reports: Array<{ report: FreshReport; cases: Case[] }> = [];
  for (const set of DEV_SETS) {
    const cases = loadCases(set.file);
    if (cases) reports.push({ cases, report: scoreFresh('dev', set.lang, set.file, cases, (text, lang) => classifier.classify(text, lang), DEFAULT_THRESHOLDS, rounds) });
  }
  return reports;
}

async function main(): Promise<void> {
  const options = args();
  const examples = trainingExamples();
  if (options.devOnly) {
    const classifier = buildIntentClassifier(DEFAULT_CLASSIFIER_OPTIONS, examples);
    for (const { report, cases } of devReports(classifier, options.rounds)) {
      for (const line of freshLines(report)) process.stdout.write(line + '\n');
      for (const line of devMisses(cases, (text) => classifier.classify(text, report.lang))) process.stdout.write(line + '\n');
      const leaked = leakage(examples, cases);
      process.stdout.write(leaked.length ? `WARNING: ${leaked.length} development sentences leaked into training: ${leaked.join(' · ')}\n` : 'No overlap with training\n');
    }
    return;
  }
  const cases = loadCases('test/eval/test-set.json');
  if (!cases) throw new Error('test/eval/test-set.json not found');
  const holdoutCases = loadCases('test/eval/holdout-set.json');
  const leaks = leakage(examples, [...cases, ...(holdoutCases ?? [])]);

  const start = performance.now();
  const classifier = buildIntentClassifier(DEFAULT_CLASSIFIER_OPTIONS, examples);
  const trainMs = performance.now() - start;
  const score = (set: Case[]): Scored[] => set.map((item) => ({ item, understanding: classifier.classify(item.text, 'fr') }));
  const test = scoreSet(score(cases), DEFAULT_THRESHOLDS);
  const holdout = holdoutCases ? scoreSet(score(holdoutCases), DEFAULT_THRESHOLDS) : undefined;
  const latency = measureLatency((text) => classifier.classify(text, 'fr'), cases, options.rounds);
  const fresh: FreshReport[] = [];
  let freshLeaks = 0;
  for (const set of options.fresh ? FRESH_SETS : []) {
    const freshCases = loadCases(set.file);
    if (!freshCases) continue;
    freshLeaks += leakage(examples, freshCases).length;
    fresh.push(scoreFresh('fresh', set.lang, set.file, freshCases, (text, lang) => classifier.classify(text, lang), DEFAULT_THRESHOLDS, options.rounds));
  }
  const dev = devReports(classifier, options.rounds).map((d) => d.report);
  const devLeaks = DEV_SETS.reduce((n, set) => n + leakage(examples, loadCases(set.file) ?? []).length, 0);
  const cvRun = crossValidate(examples, options.folds, DEFAULT_CLASSIFIER_OPTIONS);
  const cv = scoreSet(cvRun.scored, DEFAULT_THRESHOLDS);
  const tuning = tuneThresholds(cvRun.scored);
  const candidates = options.compare ? await compareCandidates(examples, cases, options.rounds, options.folds) : [];

  const failures: string[] = [];
  if (test.inScopeTop1 < TARGETS.inScopeTop1) {
    const wrong = test.errors.filter((e) => e.expected !== OOS && e.top !== e.expected);
    failures.push(
      `Top-1 in scope ${pct(test.inScopeTop1)} < ${pct(TARGETS.inScopeTop1)}: ${wrong.length} utterances ranked another intent first — ${wrong.map((e) => `« ${e.text} » (${e.expected} → ${e.top})`).join('; ')}.`,
    );
  }
  if (test.outOfScopeDeclined < TARGETS.outOfScopeDeclined) {
    const missed = test.errors.filter((e) => e.expected === OOS);
    failures.push(
      `Out of scope declined ${pct(test.outOfScopeDeclined)} < ${pct(TARGETS.outOfScopeDeclined)}: ${missed.map((e) => `« ${e.text} » (${e.decision})`).join('; ')}.`,
    );
  }
  if (latency.p99 >= TARGETS.p99Ms) failures.push(`Recognition p99 ${latency.p99.toFixed(2)} ms ≥ ${TARGETS.p99Ms} ms.`);
  for (const r of fresh) failures.push(...freshFailures(r));
  if (freshLeaks) failures.push(`${freshLeaks} sentences of the fresh held-out sets also appear in the training data.`);
  if (devLeaks) failures.push(`${devLeaks} sentences of the development sets also appear in the training data.`);

  const report = {
    generatedAt: new Date().toISOString(),
    recognizer: DEFAULT_CLASSIFIER_OPTIONS,
    thresholds: DEFAULT_THRESHOLDS,
    trainingExamples: examples.length,
    trainMs,
    folds: options.folds,
    targets: TARGETS,
    targetsReached: failures.length === 0,
    failures,
    leakage: leaks,
    latencyMs: latency,
    test,
    holdout,
    fresh,
    freshLeakage: freshLeaks,
    dev,
    devLeakage: devLeaks,
    crossValidation: { ...cv, averageTrainMs: cvRun.trainMs, thresholdTuning: tuning },
    candidates,
  };
  const dir = projectPath('reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/faq-eval.json`, JSON.stringify(report, null, 2));
  writeFileSync(`${dir}/faq-eval.md`, markdown(report, test, cv, holdout, { latency, candidates, tuning, failures, leaks, trainMs, fresh, freshLeaks }));

  const out = (line = ''): boolean => process.stdout.write(line + '\n');
  out(
    `Recognizer: softmax over French stems (NLP.js lang-fr) with a BM25 log-linear boost (LexicalIndex) ${JSON.stringify(DEFAULT_CLASSIFIER_OPTIONS)}, ${examples.length} training phrasings, trained in ${trainMs.toFixed(0)} ms`,
  );
  out(
    `Test set: ${test.inScope} in scope, ${test.outOfScope} out of scope${leaks.length ? ` — WARNING: ${leaks.length} leaked into training` : ' (no overlap with training)'}`,
  );
  out(`  top-1 in scope            ${pct(test.inScopeTop1)}   (target ≥ ${pct(TARGETS.inScopeTop1)})   top-3 ${pct(test.inScopeTop3)}`);
  out(`  out of scope declined     ${pct(test.outOfScopeDeclined)}   (target ≥ ${pct(TARGETS.outOfScopeDeclined)})`);
  out(`  in-scope decisions        ${JSON.stringify(test.inScopeDecisions)}`);
  out(`  out-of-scope decisions    ${JSON.stringify(test.outOfScopeDecisions)}`);
  out(
    `  latency                   p50 ${latency.p50.toFixed(3)} ms, p99 ${latency.p99.toFixed(3)} ms (target < ${TARGETS.p99Ms} ms), max ${latency.max.toFixed(3)} ms`,
  );
  for (const r of fresh) for (const line of freshLines(r)) out(line);
  if (fresh.length) out(freshLeaks ? `WARNING: ${freshLeaks} fresh sentences leaked into training` : 'Fresh sets: no overlap with training');
  for (const r of dev) for (const line of freshLines(r)) out(line);
  if (dev.length) out(devLeaks ? `WARNING: ${devLeaks} development sentences leaked into training` : 'Development sets: no overlap with training');
  if (holdout)
    out(
      `Held-out set 2: top-1 in scope ${pct(holdout.inScopeTop1)}, out of scope declined ${pct(holdout.outOfScopeDeclined)} (${holdout.inScope} + ${holdout.outOfScope})`,
    );
  out(
    `${options.folds}-fold cross-validation: top-1 in scope ${pct(cv.inScopeTop1)}, out of scope declined ${pct(cv.outOfScopeDeclined)}, answered wrong ${cv.inScopeDecisions.answeredWrong + cv.outOfScopeDecisions.answered}/${cv.cases}`,
  );
  out(`  thresholds: current utility ${tuning.defaultUtility.toFixed(3)}, best ${tuning.bestUtility.toFixed(3)} with ${JSON.stringify(tuning.best)}`);
  out(
    'Most confused pairs: ' +
      (test.confusedPairs
        .slice(0, 6)
        .map((p) => `${p.expected}→${p.predicted} ×${p.count}`)
        .join(', ') || 'none'),
  );
  if (candidates.length) {
    out('Candidates (test top-1 in scope / out of scope top-1 declined / CV top-1 / p50 / p99):');
    for (const c of candidates)
      out(
        `  ${c.name.padEnd(62)} ${pct(c.inScopeTop1).padStart(8)} ${pct(c.outOfScopeTop1Declined).padStart(8)} ${(c.cvTop1 === undefined ? '—' : pct(c.cvTop1)).padStart(8)} ${c.p50Ms.toFixed(3).padStart(7)} ${c.p99Ms.toFixed(3).padStart(7)} ms`,
      );
  }
  out(failures.length ? `Targets NOT reached:\n- ${failures.join('\n- ')}` : 'All targets reached.');
  out(`Reports: reports/faq-eval.json, reports/faq-eval.md`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
