import MiniSearch from 'minisearch';
import type { TrainingExample } from '../faq/knowledgeBase';
import { baseWords, FrenchTextPreparer, PreparedText, STOPWORDS } from './frenchText';
import { IntentClassifier, Intents, ScoredIntent, Understanding } from './intents';
import { Features, SoftmaxModel, SoftmaxTrainingOptions } from './softmaxModel';

export interface TrainedClassifierOptions {
  /** Exact texts (menu buttons, entry titles) → intent, matched after normalization with score 1. */
  exactTexts?: ReadonlyMap<string, string>;
  /** Share of the MiniSearch (BM25, fuzzy) ranking in the final score; 0 = softmax alone, 1 = MiniSearch alone. */
  lexicalWeight?: number;
  /** Add features counting the words the training data never saw (learnt from words seen only once). */
  unknownWordFeatures?: boolean;
  /** Add pairs of consecutive content stems as features. */
  bigrams?: boolean;
  /** Add the 4-letter pieces of content words as features (robustness to unseen forms and typos). */
  charNgrams?: boolean;
  /** How many intents `classify` returns. */
  topN?: number;
  training?: SoftmaxTrainingOptions;
}

/** Words that only carry politeness: ignored when the message says something else too. */
const POLITENESS = new Set(['bonjour', 'bonsoir', 'allo', 'salut', 'coucou', 'hey', 'hello', 'hi', 'merci', 'madame', 'monsieur', 'thanks', 'please']);

/** The normalized form under which exact texts (menu buttons, titles) are looked up. */
export function exactKey(text: string): string {
  return baseWords(text).join(' ');
}

/**
 * The assistant's recognizer: every text goes through FrenchTextPreparer (accent folding, Québec and
 * chat spellings, typo correction, NLP.js French stemmer), then a softmax regression over the stems
 * ranks the intents (FAQ entries, conversation intents and `outOfScope`). Optionally blended with
 * MiniSearch over the same phrasings. Training takes a fraction of a second and happens once per process.
 */
export class TrainedIntentClassifier implements IntentClassifier {
  private constructor(
    private readonly preparer: FrenchTextPreparer,
    private readonly model: SoftmaxModel,
    private readonly options: Required<Omit<TrainedClassifierOptions, 'training'>>,
    private readonly lexical: MiniSearch<{ id: number; text: string; intent: string }> | undefined,
  ) {}

  static train(examples: readonly TrainingExample[], options: TrainedClassifierOptions = {}): TrainedIntentClassifier {
    const resolved = {
      exactTexts: options.exactTexts ?? new Map<string, string>(),
      lexicalWeight: options.lexicalWeight ?? 0,
      unknownWordFeatures: options.unknownWordFeatures ?? true,
      bigrams: options.bigrams ?? false,
      charNgrams: options.charNgrams ?? false,
      topN: options.topN ?? 5,
    };
    const preparer = new FrenchTextPreparer(FrenchTextPreparer.vocabularyOf(examples.map((e) => e.text)));
    const prepared = examples.map((e) => preparer.prepare(e.text));
    // A word seen in a single training sentence stands for the words a real message brings that the
    // training data never saw: counting those teaches the model how much an unknown word weighs.
    const documentFrequency = new Map<string, number>();
    for (const p of prepared) for (const word of new Set(p.words)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
    const model = SoftmaxModel.train(
      prepared.map((p, i) => {
        const unseen = p.words.filter((w) => !STOPWORDS.has(w) && w.length > 1 && !/^\d+$/.test(w) && documentFrequency.get(w) === 1).length;
        return { features: featuresOf(p, unseen, resolved), label: examples[i].intent };
      }),
      options.training,
    );
    let lexical: MiniSearch<{ id: number; text: string; intent: string }> | undefined;
    if (resolved.lexicalWeight > 0) {
      lexical = new MiniSearch({
        fields: ['text'],
        storeFields: ['intent'],
        tokenize: (text) => preparer.prepare(text).contentStems,
        processTerm: (term) => term,
        searchOptions: { fuzzy: 0.2, prefix: true, combineWith: 'OR' },
      });
      lexical.addAll(examples.map((e, id) => ({ id, text: e.text, intent: e.intent })));
    }
    return new TrainedIntentClassifier(preparer, model, resolved, lexical);
  }

  classify(text: string, _lang?: 'fr' | 'en'): Understanding {
    const exact = this.options.exactTexts.get(exactKey(text));
    if (exact) return { text, intents: [{ intent: exact, score: 1 }] };
    const prepared = this.preparer.prepare(text);
    if (!prepared.words.some((w) => w.length > 1 || /\d/.test(w))) return { text, intents: [{ intent: Intents.none, score: 0 }] };
    let ranked = this.model.predict(featuresOf(prepared, prepared.unknownWords, this.options)).map((p) => ({ intent: p.label, score: p.probability }));
    if (this.lexical) ranked = this.blend(ranked, text);
    return { text, intents: ranked.slice(0, this.options.topN) };
  }

  private blend(ranked: ScoredIntent[], text: string): ScoredIntent[] {
    const weight = this.options.lexicalWeight;
    const best = new Map<string, number>();
    for (const hit of (this.lexical as MiniSearch).search(text)) {
      const intent = hit.intent as string;
      if (!best.has(intent)) best.set(intent, hit.score);
    }
    const total = [...best.values()].reduce((a, b) => a + b, 0);
    return ranked
      .map(({ intent, score }) => ({ intent, score: (1 - weight) * score + weight * (total ? (best.get(intent) ?? 0) / total : 0) }))
      .sort((a, b) => b.score - a.score);
  }
}

function featuresOf(prepared: PreparedText, unknownWords: number, options: { unknownWordFeatures: boolean; bigrams: boolean; charNgrams: boolean }): Features {
  const substantive = prepared.words.some((w) => !POLITENESS.has(w) && !STOPWORDS.has(w) && w.length > 1);
  const names = new Set<string>();
  prepared.words.forEach((word, i) => {
    if (word.length < 2 && !/\d/.test(word)) return;
    if (substantive && POLITENESS.has(word)) return;
    names.add(prepared.stems[i]);
  });
  if (options.bigrams) {
    for (let i = 1; i < prepared.contentStems.length; i += 1) names.add(`${prepared.contentStems[i - 1]}_${prepared.contentStems[i]}`);
  }
  const value = 1 / Math.sqrt(names.size || 1);
  const features = new Map<string, number>([...names].map((n) => [n, value]));
  if (options.charNgrams) {
    const pieces = new Set<string>();
    for (const word of prepared.words) {
      if (STOPWORDS.has(word) || POLITENESS.has(word) || word.length < 5) continue;
      const padded = `<${word}>`;
      for (let i = 0; i + 4 <= padded.length; i += 1) pieces.add(`#${padded.slice(i, i + 4)}`);
    }
    const pieceValue = 0.5 / Math.sqrt(pieces.size || 1);
    for (const piece of pieces) features.set(piece, pieceValue);
  }
  if (options.unknownWordFeatures && unknownWords > 0) {
    const content = prepared.words.filter((w) => !STOPWORDS.has(w) && w.length > 1).length || 1;
    features.set('__unknown', Math.min(unknownWords, 3) / 3);
    features.set('__unknownShare', unknownWords / content);
  }
  return features;
}
