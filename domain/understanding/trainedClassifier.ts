import MiniSearch from 'minisearch';
import type { TrainingExample } from '../faq/knowledgeBase';
import { baseWords, FrenchTextPreparer, PreparedText, STOPWORDS } from './frenchText';
import { charGrams, GramWeights, NearestPhrasings } from './charModels';
import { IntentClassifier, Intents, ScoredIntent, Understanding } from './intents';
import type { ModelCache } from './modelCache';
import { SoftmaxModel, SoftmaxTrainingOptions } from './softmaxModel';

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
  /**
   * Also train a softmax over character 3–5-grams and a nearest-phrasing index (cosine over the same
   * grams), and combine the three: see `combine`.
   */
  ensemble?: boolean;
  /** Also give the stem softmax the TF-IDF character 3–5-grams, with this weight (0 = none). */
  gramFeatures?: number;
  /** How many intents `classify` returns. */
  topN?: number;
  training?: SoftmaxTrainingOptions;
  /** Where the trained stem model is kept between processes (see modelCache.ts); none: always train. */
  modelCache?: ModelCache;
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
    private readonly options: Required<Omit<TrainedClassifierOptions, 'training' | 'modelCache'>>,
    private readonly lexical: MiniSearch<{ id: number; text: string; intent: string }> | undefined,
    private readonly views: EnsembleViews | undefined,
  ) {}

  static train(examples: readonly TrainingExample[], options: TrainedClassifierOptions = {}): TrainedIntentClassifier {
    const resolved = {
      exactTexts: options.exactTexts ?? new Map<string, string>(),
      lexicalWeight: options.lexicalWeight ?? 0,
      unknownWordFeatures: options.unknownWordFeatures ?? true,
      bigrams: options.bigrams ?? false,
      charNgrams: options.charNgrams ?? false,
      ensemble: options.ensemble ?? false,
      gramFeatures: options.gramFeatures ?? 0,
      topN: options.topN ?? 5,
    };
    const preparer = new FrenchTextPreparer(FrenchTextPreparer.vocabularyOf(examples.map((e) => e.text)));
    const prepared = examples.map((e) => preparer.prepare(e.text));
    // A word seen in a single training sentence stands for the words a real message brings that the
    // training data never saw: counting those teaches the model how much an unknown word weighs.
    const documentFrequency = new Map<string, number>();
    for (const p of prepared) for (const word of new Set(p.words)) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
    const needGrams = resolved.ensemble || resolved.gramFeatures > 0;
    const grams = needGrams ? prepared.map((p) => charGrams(p, POLITENESS)) : [];
    const weights = needGrams ? GramWeights.of(grams) : undefined;
    const vectors = weights ? grams.map((g) => weights.vector(g)) : [];
    const model = SoftmaxModel.trainCached(
      prepared.map((p, i) => {
        const unseen = p.words.filter((w) => !STOPWORDS.has(w) && w.length > 1 && !/^\d+$/.test(w) && documentFrequency.get(w) === 1).length;
        return { features: withGrams(featuresOf(p, unseen, resolved), vectors[i], resolved.gramFeatures), label: examples[i].intent };
      }),
      options.training ?? {},
      options.modelCache,
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
    let views: EnsembleViews | undefined;
    if (weights) {
      const charModel = resolved.ensemble ? SoftmaxModel.train(vectors.map((features, i) => ({ features, label: examples[i].intent })), options.training) : undefined;
      views = { weights, charModel, nearest: resolved.ensemble ? new NearestPhrasings(vectors, examples.map((e) => e.intent)) : undefined };
    }
    return new TrainedIntentClassifier(preparer, model, resolved, lexical, views);
  }

  /** What each recognizer of the ensemble says (undefined without the ensemble or for exact texts and empty messages). */
  components(text: string): EnsembleComponents | undefined {
    if (!this.views?.charModel || this.options.exactTexts.has(exactKey(text))) return undefined;
    const prepared = this.preparer.prepare(text);
    if (!prepared.words.some((w) => w.length > 1 || /\d/.test(w))) return undefined;
    return this.viewsOf(prepared);
  }

  private viewsOf(prepared: PreparedText): EnsembleComponents {
    const vector = this.views ? this.views.weights.vector(charGrams(prepared, POLITENESS)) : new Map<string, number>();
    const stems = this.model.predict(withGrams(featuresOf(prepared, prepared.unknownWords, this.options), vector, this.options.gramFeatures));
    const charModel = this.views?.charModel;
    const grams = charModel && vector.size ? charModel.predict(vector) : stems;
    const nearest = this.views?.nearest?.scores(vector) ?? [];
    return { stems, grams, nearest };
  }

  classify(text: string, _lang?: 'fr' | 'en'): Understanding {
    const exact = this.options.exactTexts.get(exactKey(text));
    if (exact) return { text, intents: [{ intent: exact, score: 1 }] };
    const prepared = this.preparer.prepare(text);
    if (!prepared.words.some((w) => w.length > 1 || /\d/.test(w))) return { text, intents: [{ intent: Intents.none, score: 0 }] };
    let ranked = this.viewsOf(prepared).stems.map((p) => ({ intent: p.label, score: p.probability }));
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

interface EnsembleViews {
  weights: GramWeights;
  charModel: SoftmaxModel | undefined;
  nearest: NearestPhrasings | undefined;
}

/** The TF-IDF character grams added to the stem features, scaled by `weight`. */
function withGrams(features: Map<string, number>, vector: ReadonlyMap<string, number> | undefined, weight: number): Map<string, number> {
  if (!vector || weight <= 0) return features;
  for (const [g, v] of vector) features.set(`~${g}`, v * weight);
  return features;
}

export interface EnsembleComponents {
  stems: Array<{ label: string; probability: number }>;
  grams: Array<{ label: string; probability: number }>;
  nearest: Array<{ label: string; similarity: number }>;
}

function featuresOf(prepared: PreparedText, unknownWords: number, options: { unknownWordFeatures: boolean; bigrams: boolean; charNgrams: boolean }): Map<string, number> {
  // Politeness is noise around a question (« bonjour, … merci »), not around a single word (« thanks a lot »).
  const substantive = prepared.words.filter((w) => !POLITENESS.has(w) && !STOPWORDS.has(w) && w.length > 1).length >= 2;
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
