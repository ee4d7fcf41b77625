import MiniSearch from 'minisearch';
import type { TrainingExample } from '../faq/knowledgeBase';
import { baseWords, FrenchTextPreparer, MAX_TEXT_LENGTH, PreparedText, STOPWORDS } from './frenchText';
import { charGrams, GramWeights, gramsOf, gramText, NearestPhrasings } from './charModels';
import { LexicalIndex } from './lexicalIndex';
import { COMPLAINT_DETAILS, COMPLAINT_CONVERSATIONS, COMPLAINTS_ENTRY, FAQ_INTENT_PREFIX, IntentClassifier, Intents, ScoredIntent, Understanding } from './intents';
import type { ModelCache } from './modelCache';
import { defaultSmallTalk, SmallTalkIndex } from './smallTalk';
import { IndexedFeatures, SoftmaxModel, SoftmaxTrainingOptions } from './softmaxModel';

export interface TrainedClassifierOptions {
  /** Exact texts (menu buttons, entry titles) → intent, matched after normalization with score 1. */
  exactTexts?: ReadonlyMap<string, string>;
  /** Share of the MiniSearch (BM25, fuzzy) ranking in the final score; 0 = softmax alone, 1 = MiniSearch alone. */
  lexicalWeight?: number;
  /**
   * Log-linear lexical evidence: each intent's log-probability gains this times its BM25 score over the
   * phrasings (LexicalIndex, relative to the best intent), before the scores are renormalized (0 = none).
   */
  lexicalBoost?: number;
  /** Exponent on the final probabilities before renormalizing (1 = as trained; > 1 = sharper confidence). */
  sharpness?: number;
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
  /**
   * Long messages: each sentence is also read alone. Sentences of pure small talk (« Bonjour madame »,
   * « Merci de votre aide ») are left out when something else is said, and the ranking of the question
   * (the last sentence with « ? », else the last one) is mixed with the whole message's with this weight
   * (0 = the whole message alone).
   */
  focusWeight?: number;
  /** Share of the message without its small-talk sentences against the whole message (0 = whole message alone). */
  contentWeight?: number;
  /** Probability each question of a multi-question message must reach on its own. */
  questionAnswer?: number;
  /** Messages that are only small talk (« merci bcp », « bye »): that intent with score 1; none: the default list of intents.json. */
  smallTalk?: SmallTalkIndex | false;
  /** Two questions for two FAQ entries in one message (« vos heures, et aussi votre courriel? »): both are returned in `questions`. */
  questions?: boolean;
}

/** The linear blend's search; the log-linear boost matches exact stems (LexicalIndex: typos are already corrected by the preparer, and fuzzy search over long messages costs milliseconds). */
const FUZZY_SEARCH = { fuzzy: 0.2, prefix: true, combineWith: 'OR' } as const;

/** How far each question of a message with several must lead its second choice. */
const QUESTION_MARGIN = 0.1;

/**
 * The conversations a message may ask for beside questions for the FAQ (« Ma plainte PL-2291 est rendue où? Et
 * si ça ne me satisfait pas, je peux aller au Protecteur du citoyen? »). Not the exam triage nor a person: on the
 * spent evaluation sets, « examen » and « parler à quelqu'un » in a clause are more often context (an exam last
 * week, « parler à quelqu'un au téléphone, quel numéro? ») than a second request.
 */
const QUESTION_FLOWS = COMPLAINT_CONVERSATIONS;
/** « Je veux souligner le bon travail de l'agente, où écrire? »: praise, which the recognizer reads close to a complaint. */
const PRAISE = /(?<!\p{L})(?:compliment\w*|f[ée]licit\w*|souligner le bon|remercier|praise)(?!\p{L})/iu;

/** Words that only carry politeness: ignored when the message says something else too. */
const POLITENESS = new Set(['bonjour', 'bonsoir', 'allo', 'salut', 'coucou', 'hey', 'hello', 'hi', 'merci', 'madame', 'monsieur', 'thanks', 'please', 'cordialement', 'salutations', 'remercie', 'dear', 'regards', 'sincerely', 'thank']);
/** Words of a sentence that is only politeness (« J'espère que vous allez bien. », « Merci à l'avance, Julie »). */
const POLITE_SENTENCE = new Set([...POLITENESS, 'avance', 'espere', 'allez', 'permets', 'permet', 'ecrire', 'ecris', 'remercier', 'remerciant', 'remerciements', 'aide', 'temps', 'patience', 'comprehension', 'collaboration', 'bonne', 'journee', 'soiree', 'semaine', 'beaucoup', 'infiniment', 'distinguees', 'meilleures', 'excellente', 'hope', 'well', 'writing', 'best', 'kind', 'advance', 'help', 'time', 'day', 'good', 'nice', 'great', 'much', 'very', 'ok', 'super', 'parfait']);
/** A closing (« Cordialement, Julie Roy »): these words, then at most a name. */
const CLOSING = /^(cordialement|salutations|merci|regards|best regards|sincerely|bien a vous|au plaisir)\b/;

/** The normalized form under which exact texts (menu buttons, titles) are looked up. */
export function exactKey(text: string): string {
  return baseWords(text).join(' ');
}

/**
 * The assistant's recognizer: every text goes through FrenchTextPreparer (accent folding, Québec and
 * chat spellings, typo correction, NLP.js French stemmer), then a softmax regression over the stems
 * ranks the intents (FAQ entries, conversation intents and `outOfScope`), boosted by BM25 over the same
 * phrasings (LexicalIndex; or blended with MiniSearch's fuzzy search, a candidate of `npm run eval`).
 * Training takes a few seconds, once per training input (see modelCache).
 */
export class TrainedIntentClassifier implements IntentClassifier {
  private constructor(
    private readonly preparer: FrenchTextPreparer,
    private readonly model: SoftmaxModel,
    private readonly options: Required<Omit<TrainedClassifierOptions, 'training' | 'modelCache' | 'smallTalk'>>,
    private readonly smallTalk: SmallTalkIndex | undefined,
    private readonly lexical: MiniSearch<{ id: number; text: string; intent: string }> | undefined,
    private readonly lexicalIndex: LexicalIndex | undefined,
    private readonly views: EnsembleViews | undefined,
  ) {
    this.gramColumns = views ? Int32Array.from(views.weights.grams, (g) => model.columnOf(gramFeature(g))) : new Int32Array(0);
  }

  /** The stem model's column of each gram of `views.weights`, by slot (-1: not a feature). */
  private readonly gramColumns: Int32Array;

  static train(examples: readonly TrainingExample[], options: TrainedClassifierOptions = {}): TrainedIntentClassifier {
    const resolved = {
      exactTexts: options.exactTexts ?? new Map<string, string>(),
      lexicalWeight: options.lexicalWeight ?? 0,
      lexicalBoost: options.lexicalBoost ?? 0,
      sharpness: options.sharpness ?? 1,
      unknownWordFeatures: options.unknownWordFeatures ?? true,
      bigrams: options.bigrams ?? false,
      charNgrams: options.charNgrams ?? false,
      ensemble: options.ensemble ?? false,
      gramFeatures: options.gramFeatures ?? 0,
      topN: options.topN ?? 5,
      focusWeight: options.focusWeight ?? 0,
      contentWeight: options.contentWeight ?? 0,
      questionAnswer: options.questionAnswer ?? 0.75,
      questions: options.questions ?? false,
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
        searchOptions: FUZZY_SEARCH,
      });
      lexical.addAll(examples.map((e, id) => ({ id, text: e.text, intent: e.intent })));
    }
    const lexicalIndex = resolved.lexicalBoost > 0 ? new LexicalIndex(prepared.map((p, i) => ({ stems: p.contentStems, intent: examples[i].intent }))) : undefined;
    let views: EnsembleViews | undefined;
    if (weights) {
      const charModel = resolved.ensemble ? SoftmaxModel.train(vectors.map((features, i) => ({ features, label: examples[i].intent })), options.training) : undefined;
      views = { weights, charModel, nearest: resolved.ensemble ? new NearestPhrasings(vectors, examples.map((e) => e.intent)) : undefined };
    }
    const smallTalk = options.smallTalk === false ? undefined : (options.smallTalk ?? defaultSmallTalk());
    return new TrainedIntentClassifier(preparer, model, resolved, smallTalk, lexical, lexicalIndex, views);
  }

  /** What each recognizer of the ensemble says (undefined without the ensemble or for exact texts and empty messages). */
  components(text: string): EnsembleComponents | undefined {
    if (!this.views?.charModel || this.options.exactTexts.has(exactKey(text))) return undefined;
    const prepared = this.preparer.prepare(text);
    if (!prepared.words.some((w) => w.length > 1 || /\d/.test(w))) return undefined;
    return this.viewsOf(prepared);
  }

  private viewsOf(prepared: PreparedText): EnsembleComponents {
    const text = this.views ? gramText(prepared, POLITENESS) : '';
    const stems = this.model.predict(featuresOf(prepared, prepared.unknownWords, this.options), this.gramFeatures(text));
    if (!this.views?.charModel && !this.views?.nearest) return { stems, grams: stems, nearest: [] };
    const vector = this.views.weights.vector(gramsOf(text));
    const charModel = this.views.charModel;
    return { stems, grams: charModel && vector.size ? charModel.predict(vector) : stems, nearest: this.views.nearest?.scores(vector) ?? [] };
  }

  /**
   * The TF-IDF character grams given to the stem softmax (as `withGrams` names them in training),
   * resolved through `gramColumns`: a message's hundred-odd grams cost one map lookup each, not two
   * lookups in tables of fifty thousand strings plus a new string apiece.
   */
  private gramFeatures(text: string): IndexedFeatures | undefined {
    const weight = this.options.gramFeatures;
    if (!this.views || weight <= 0) return undefined;
    const { slots, values } = this.views.weights.weighted(text);
    const keys: number[] = [];
    const scaled: number[] = [];
    for (let i = 0; i < slots.length; i += 1) {
      const column = this.gramColumns[slots[i]];
      if (column < 0) continue;
      keys.push(column);
      scaled.push(values[i] * weight);
    }
    return { keys, values: scaled };
  }

  classify(text: string, _lang?: 'fr' | 'en'): Understanding {
    const exact = this.options.exactTexts.get(exactKey(text));
    if (exact) return { text, intents: [{ intent: exact, score: 1 }] };
    const chat = this.smallTalk?.intentOf(text);
    if (chat) return { text, intents: [{ intent: chat, score: 1 }] };
    const whole = this.rank(this.options.contentWeight > 0 ? withoutPoliteness(text) : text);
    if (!whole) return { text, intents: [{ intent: Intents.none, score: 0 }] };
    let ranked = whole;
    const sentences = this.options.contentWeight > 0 || this.options.questions ? this.contentSentences(text) : [];
    if (this.options.contentWeight > 0 && sentences.length) {
      const focus = [...sentences].reverse().find((s) => s.question) ?? sentences[sentences.length - 1];
      const content = sentences.length > 1 ? this.rank(sentences.map((s) => s.text).join(' ')) : focus.ranking;
      if (content) ranked = mix(mix(whole, content, this.options.contentWeight), focus.ranking, this.options.focusWeight);
    }
    const understanding: Understanding = { text, intents: ranked.slice(0, this.options.topN) };
    if (this.options.questions) {
      // A message of one sentence can still ask two questions (« vos heures et votre numéro? »).
      const questions = this.questionsOf(sentences.length ? sentences : [{ text: withoutPoliteness(text) }], ranked);
      if (questions) understanding.questions = questions;
    }
    return understanding;
  }

  /** The full ranking of a text (every label), or undefined when it has no word to read. */
  private rank(text: string): ScoredIntent[] | undefined {
    const prepared = this.preparer.prepare(text);
    if (!prepared.words.some((w) => w.length > 1 || /\d/.test(w))) return undefined;
    const ranked = this.viewsOf(prepared).stems.map((p) => ({ intent: p.label, score: p.probability }));
    const { lexicalBoost, sharpness } = this.options;
    if (this.lexical) return this.blend(ranked, text);
    if (this.lexicalIndex) return renormalize(ranked, sharpness, this.lexicalScores(prepared), lexicalBoost);
    return sharpness === 1 ? ranked : renormalize(ranked, sharpness, new Map(), 0);
  }

  /**
   * The sentences of a message that say something besides politeness, each with its ranking; empty for
   * a message of one sentence. Small talk (by the list, or ranked greeting/thanks/goodbye) is left out.
   */
  private contentSentences(text: string): Array<{ text: string; question: boolean; ranking: ScoredIntent[] }> {
    const parts = sentencesOf(text);
    if (parts.length < 2) return [];
    const kept: Array<{ text: string; question: boolean; ranking: ScoredIntent[] }> = [];
    for (const raw of parts) {
      if (this.smallTalk?.intentOf(raw.text) || isPoliteness(raw.text)) continue;
      const part = { ...raw, text: withoutPoliteness(raw.text) };
      const ranking = this.rank(part.text);
      if (!ranking) continue;
      if (SMALL_TALK.has(ranking[0].intent) && ranking[0].score >= 0.3) continue;
      kept.push({ ...part, ranking });
    }
    return kept;
  }

  /**
   * Two questions or more for different FAQ entries, each asked in its own sentence or clause and each
   * ranked with confidence on its own; the whole message must rank them among its first choices too.
   */
  private questionsOf(sentences: Array<{ text: string; question?: boolean }>, whole: ScoredIntent[]): ScoredIntent[] | undefined {
    // « Est-ce ouvert la fin de semaine? Je travaille toute la semaine et c'est le seul moment où je suis libre. »:
    // beside a sentence that asks with its mark, one without it tells the context, unless it asks in words.
    const marked = sentences.some((s) => s.question);
    const all = sentences.flatMap((s) =>
      !marked || s.question || asksInWords(s.text)
        ? clausesOf(s.text).map((text) => ({ text, asks: s.question || asksInWords(text), questions: s.question || questionWords(text) || text.includes('?') }))
        : [],
    );
    // A reference back (« …du Secrétariat, et comment peut-on les joindre? ») asks about what the clause
    // before it named: the two are read together, for something else than what that clause asked.
    const clauses = all.flatMap(({ text: clause, ...asking }, i): Array<{ text: string; refersBack: boolean; asks: boolean; questions: boolean }> =>
      standsAlone(clause, i === 0)
        ? [{ text: clause, refersBack: false, ...asking }]
        : i > 0 && REFERS_BACK.test(clause) && standsAlone(all[i - 1].text, i === 1)
          ? [{ text: `${all[i - 1].text} ${clause}`, refersBack: true, ...asking }]
          : [],
    );
    if (clauses.length < 2) return undefined;
    // What the clause before asked (a clause that refers back always follows the one it refers to).
    let asked: string | undefined;
    const rankings = clauses.map((clause) => {
      const ranked = this.rank(clause.text);
      const before = asked;
      asked = ranked?.[0].intent;
      return ranked && clause.refersBack && before ? without(ranked, before) : ranked;
    });
    const confident = ([top, second]: ScoredIntent[]): boolean => top.score >= this.options.questionAnswer && top.score - (second?.score ?? 0) >= QUESTION_MARGIN;
    const asksAFlow = (clause: { text: string; asks: boolean }, [top]: ScoredIntent[]): boolean => QUESTION_FLOWS.has(top.intent) && clause.asks && !PRAISE.test(clause.text);
    // « Je veux porter plainte. Combien de temps ça prend avant qu'on me réponde? »: beside a complaint, the delay
    // or the address asked is the complaint's, however the clause splits between the phone wait and a request's delay.
    const besideComplaint = clauses.some((clause, i) => rankings[i] !== undefined && asksAFlow(clause, rankings[i]) && confident(rankings[i]));
    const read = (ranking: ScoredIntent[]): ScoredIntent[] => (besideComplaint ? detailsAsTheComplaints(ranking) : ranking);
    const leading = new Set(read(whole).slice(0, 4).map((w) => w.intent));
    const found: Array<ScoredIntent & { questions: boolean }> = [];
    clauses.forEach((clause, i) => {
      const ranked = rankings[i];
      if (!ranked) return;
      const ranking = read(ranked);
      const [top] = ranking;
      if (!(top.intent.startsWith(FAQ_INTENT_PREFIX) || asksAFlow(clause, ranking)) || !confident(ranking)) return;
      if (!leading.has(top.intent) || found.some((f) => f.intent === top.intent)) return;
      // One conversation at a time: filing and following a complaint in one message is read as a whole.
      if (QUESTION_FLOWS.has(top.intent) && found.some((f) => QUESTION_FLOWS.has(f.intent))) return;
      found.push({ ...top, questions: clause.questions });
    });
    // « On m'a raccroché au nez après 40 minutes d'attente. Je veux porter plainte. »: beside a complaint, the
    // story's topics are what happened, not questions; only what the message asks with a question is answered.
    const complaint = found.some((f) => QUESTION_FLOWS.has(f.intent));
    const questions = found.filter((f) => !complaint || !f.intent.startsWith(FAQ_INTENT_PREFIX) || f.questions).map(({ intent, score }) => ({ intent, score }));
    return questions.length >= 2 && questions.some((f) => f.intent.startsWith(FAQ_INTENT_PREFIX)) ? questions.slice(0, 3) : undefined;
  }

  /**
   * Each intent's best BM25 score over its phrasings, relative to the best intent's, times the share of
   * the message's words that phrasing matched: a message sharing one word with every intent (out of
   * scope, often) gets little lexical evidence anywhere.
   */
  private lexicalScores(prepared: PreparedText): Map<string, number> {
    const terms = new Set(prepared.contentStems).size;
    const best = (this.lexicalIndex as LexicalIndex).bestByIntent(prepared.contentStems);
    let top = 0;
    for (const b of best.values()) if (b.score > top) top = b.score;
    const scores = new Map<string, number>();
    if (top > 0) for (const [intent, b] of best) scores.set(intent, (b.score / top) * (terms ? Math.min(1, b.matched / terms) : 0));
    return scores;
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

/** A ranking without one intent, the others' scores renormalized to sum to 1. */
function without(ranked: readonly ScoredIntent[], intent: string): ScoredIntent[] {
  const rest = ranked.filter((r) => r.intent !== intent);
  const total = rest.reduce((sum, r) => sum + r.score, 0);
  return total > 0 ? rest.map((r) => ({ intent: r.intent, score: r.score / total })) : rest;
}

/** A ranking with the probabilities of a complaint's details (COMPLAINT_DETAILS) given to the complaints entry, which answers them. */
function detailsAsTheComplaints(ranked: readonly ScoredIntent[]): ScoredIntent[] {
  let details = 0;
  for (const r of ranked) if (COMPLAINT_DETAILS.has(r.intent)) details += r.score;
  return ranked
    .filter((r) => !COMPLAINT_DETAILS.has(r.intent))
    .map((r) => (r.intent === COMPLAINTS_ENTRY ? { ...r, score: r.score + details } : r))
    .sort((a, b) => b.score - a.score);
}

/** p_i^sharpness × exp(sharpness × boost × lexical_i), renormalized, best first. */
function renormalize(ranked: readonly ScoredIntent[], sharpness: number, lexical: ReadonlyMap<string, number>, boost: number): ScoredIntent[] {
  const logits = ranked.map(({ intent, score }) => sharpness * (Math.log(Math.max(score, 1e-12)) + boost * (lexical.get(intent) ?? 0)));
  const max = Math.max(...logits);
  const exp = logits.map((l) => Math.exp(l - max));
  const total = exp.reduce((a, b) => a + b, 0);
  return ranked.map(({ intent }, i) => ({ intent, score: exp[i] / total })).sort((a, b) => b.score - a.score);
}

/** A sentence that only greets, thanks or signs off. */
function isPoliteness(sentence: string): boolean {
  const words = baseWords(sentence);
  const content = words.filter((w) => !STOPWORDS.has(w) && w.length > 1);
  if (content.every((w) => POLITE_SENTENCE.has(w))) return true;
  return CLOSING.test(words.join(' ')) && content.filter((w) => !POLITE_SENTENCE.has(w)).length <= 3 && !/\?/.test(sentence);
}

/** Closing politeness at the end of a message, even unpunctuated (« … téléphone merci beaucoup de votre aide »). */
const TRAILING_POLITENESS =
  /[\s,.!]+(?:(?:un gros |mille )?merci|je vous remercie|thanks?|thank you)(?:\s+(?:beaucoup|bien|bcp|infiniment|encore|à l['’]avance|a l['’]avance|d['’]avance|in advance|so much|a lot))*(?:\s+(?:de|pour|for)\s+(?:votre|ton|your)\s+(?:aide|temps|réponse|reponse|patience|help|time))?(?:[\s,.!]+(?:et\s+)?(?:bonne (?:journée|journee|soirée|soiree|fin de semaine)|have a (?:nice|good|great) day))?[\s.!]*$|[\s,.!]+(?:bonne (?:journée|journee|soirée|soiree|fin de semaine)|have a (?:nice|good|great) day)[\s.!]*$/iu;
/** Greeting at the start of a message (« Bonjour madame, … »). */
const LEADING_GREETING = /^\s*(?:bonjour|bonsoir|allo|allô|salut|hello|hi|hey|good (?:morning|afternoon|evening))(?:\s+(?:madame|monsieur|à vous|a vous|à tous|a tous|there))*(?:\s*,\s*(?:madame|monsieur))?[\s,.!]+/iu;

/**
 * The words that only wrap a question (« j'ai besoin de savoir… », « pouvez-vous me dire… », “could you
 * tell me…”): they say nothing of its topic, and the phrasings that carry them most are out of scope
 * (« j'ai besoin de savoir comment renouveler mon permis »).
 */
const LEADING_REQUEST =
  /^\s*(?:(?:est-ce que |est ce que )?(?:vous )?(?:pouvez|pourriez|pouvez-vous|pourriez-vous|peux-tu|pourrais-tu)(?: vous)? (?:me |m['’])?(?:dire|donner|indiquer|communiquer|préciser|preciser)|(?:dites|donnez|indiquez)-moi|j(?:['’]\s?|\s)?(?:ai|aurais) besoin (?:de |d['’]\s?)(?:savoir|connaître|connaitre|avoir)|je (?:voudrais|veux|voulais|aimerais|souhaite|souhaiterais) (?:savoir|connaître|connaitre)|(?:i|we) (?:need|want|would like|['’]d like) to know|(?:could|can|would) you (?:please )?tell me|please tell me)(?![\p{L}-])[\s,:]*/iu;

/** The message without its opening greeting, request wrapper and closing thanks, when a question remains. */
export function withoutPoliteness(text: string): string {
  const stripped = text.replace(LEADING_GREETING, '').replace(LEADING_REQUEST, '').replace(TRAILING_POLITENESS, '').trim();
  return /\p{L}{3}/u.test(stripped) ? stripped : text;
}

const SMALL_TALK = new Set<string>([Intents.greeting, Intents.thanks, Intents.goodbye]);

/** (1 − weight) × a + weight × b, intent by intent, best first. */
function mix(a: readonly ScoredIntent[], b: readonly ScoredIntent[], weight: number): ScoredIntent[] {
  const scores = new Map<string, number>();
  for (const { intent, score } of a) scores.set(intent, (1 - weight) * score);
  for (const { intent, score } of b) scores.set(intent, (scores.get(intent) ?? 0) + weight * score);
  return [...scores].map(([intent, score]) => ({ intent, score })).sort((x, y) => y.score - x.score);
}

/** Sentences of a message (split after . ? ! ; and line breaks), with whether each asks a question. */
export function sentencesOf(text: string): Array<{ text: string; question: boolean }> {
  const parts = text.slice(0, MAX_TEXT_LENGTH).match(/[^.?!;\n]+[.?!;\n]*/g) ?? [];
  return parts.map((p) => ({ text: p.trim(), question: p.includes('?') })).filter((p) => /\p{L}/u.test(p.text));
}

/**
 * Where a sentence may join a second question: « et aussi », « aussi », « pis », « et », « also », « and ».
 * A plain « et » often joins two parts of one question: each clause must still be a confident FAQ
 * question of its own (questionsOf) for the message to count as two.
 */
const CLAUSE_BREAK = /(?:,\s*|\s+)(?:et aussi|et puis|et également|ainsi que|de plus|en plus|aussi|pis|puis|and also|also|as well as|and|et)\s+/giu;

/**
 * « Je veux porter plainte, combien de temps ça prend? »: a wish said in the first person, then a comma and
 * a question, is two clauses. A comma alone cuts nothing else (« utilisateur spécialisé, c'est quoi le délai? »).
 */
const WISH_THEN_QUESTION =
  /^((?:(?:bonjour|bonsoir|salut|allo|hello|hi)[\s,]+)?(?:je|j['’]|i|i['’]d|i would)\s*(?:veux|voudrais|aimerais|souhaite|souhaiterais|d[ée]sire|want|would like|like)(?!\p{L})[^,?]*),\s*((?:[^\s,?]+\s+){0,3}?(?:c['’]est quoi|c quoi|combien|comment|quand|quel|quelle|quels|quelles|est-ce|vous|how|what|whats|what['’]s|when|where|which|do you|can i|is there)(?!\p{L}).*)$/iu;

/** « entre midi et une heure », “between noon and one”: one range, whose « et » joins no second question. */
const RANGE = /(?<!\p{L})(entre|between)(\s+(?:[^\s,;:]+\s+){0,3}?[^\s,;:]+)\s+(et|and)\s+/giu;
/** Stands for the spaces around the « et » of a range while a sentence is cut into clauses (not a space for CLAUSE_BREAK). */
const JOINER = '\u2060';

/** The clauses of a sentence, split where it may join a second question. */
export function clausesOf(sentence: string): string[] {
  return sentence
    .replace(RANGE, (_, word: string, between: string, and: string) => `${word}${between}${JOINER}${and}${JOINER}`)
    .split(CLAUSE_BREAK)
    .flatMap((c) => WISH_THEN_QUESTION.exec(c)?.slice(1) ?? [c])
    .map((c) => c.replaceAll(JOINER, ' ').trim())
    .filter((c) => /\p{L}{2}/u.test(c));
}

/**
 * A clause that refers back to what the message named before (« comment peut-on les joindre », « comment puis-je
 * le joindre », « leurs heures », « sa mission », « une plainte contre eux », “how do I reach them”): it asks about
 * that, not about the Centre.
 */
const REFERS_BACK =
  /(?<!\p{L})(?:les|leur|le|la|l['’])\s*(?:joindre|rejoindre|joint|contacter|appeler|[ée]crire|parler|rejoins|joins|contacte|appelle|[ée]cris)(?!\p{L})|(?<!\p{L})(?:chez|[àa]|avec|contre)\s+eux(?!\p{L})|(?<!\p{L})(?:leur|leurs|son|sa|ses)\s+(?:num[ée]ro|t[ée]l[ée]phone|tel|heures?|horaires?|adresse|courriel|coordonn[ée]es|mission|r[ôo]le|mandat|site)(?!\p{L})|(?<!\p{L})(?:them|their|they|its)(?!\p{L})/iu;
/**
 * « Est-ce que vous répondez à ce genre de question? », « Vous aidez avec ça? »: whether the Centre handles what the
 * message just asked, which that question's answer says; not a question of its own.
 */
const ASKS_IF_IT_IS_HANDLED = /(?<!\p{L})(?:ce genre de|ce type de|this kind of|that kind of)(?!\p{L})|(?<!\p{L})(?:avec|pour) (?:ça|ca|cela)(?!\p{L})|(?<!\p{L})with (?:that|this)(?!\p{L})/iu;
/** A clause said in the first person (« je travaille de jour », “I'm calling from the Gaspé”)… */
const FIRST_PERSON = /^(?:(?:bonjour|bonsoir|salut|allo|hello|hi|et|mais|pis|puis|and|but)[\s,]+)*(?:(?:je|moi|i|i['’]m|im|we)(?!\p{L})|j['’])/iu;
/** …is context, not a question, unless it asks for something. */
const ASKING =
  /(?<!\p{L})(?:aimerais|aimerait|voudrais|voulais|veux|cherche|cherchais|souhaite|souhaiterais|besoin|demande|demandais|d[ée]sire|peux|pourrais|like|want|need|looking|wonder|wondering|can|could)(?!\p{L})/iu;

/**
 * Whether a clause can be a question of its own in a message that asks several: not a range's second
 * half, a lone word (« Pourquoi? »), a reference to what came before or a first-person statement of context.
 */
function standsAlone(clause: string, first: boolean): boolean {
  if ((clause.match(/\p{L}{2,}/gu)?.length ?? 0) < 2 || (!first && REFERS_BACK.test(clause)) || ASKS_IF_IT_IS_HANDLED.test(clause)) return false;
  return clause.includes('?') || !FIRST_PERSON.test(clause) || ASKING.test(clause);
}

/** A question or a request said in words (« j'aimerais connaître… », « quel est… », « svp »), whatever its punctuation. */
const ASKS_IN_WORDS =
  /(?<!\p{L})(?:comment|quand|combien|pourquoi|quel|quelle|quels|quelles|quoi|koi|est-ce|svp|stp|dites|indiquer|how|when|what|whats|where|which|why|please|pls|plz|tell|give)(?!\p{L})/iu;

/** « je ne veux pas attendre une heure »: a wish not to, which asks nothing. */
const NOT_WANTING = /(?<!\p{L})(?:ne\s+|n['’]\s*)?(?:veux|voudrais|souhaite|peux)\s+pas(?!\p{L})/giu;

/** A question said in words (« quel est… », « savoir si… »), not a wish (« je veux porter plainte »). */
function questionWords(clause: string): boolean {
  return ASKS_IN_WORDS.test(clause) || KNOWING.test(clause) || INVERTED.test(clause);
}

/** A question said by its word order: « puis-je… », « pouvez-vous… », “can I…”, “is there…”. */
const INVERTED =
  /(?<!\p{L})(?:puis-je|peux-tu|pouvez-vous|peut-on|dois-je|faut-il|est-il|y a-t-il|ai-je|(?:can|could|may|should|do|does|is|are|will)\s+(?:i|you|we|they|it|there|someone|somebody))(?!\p{L})/iu;

const KNOWING = /(?<!\p{L})(?:savoir|connaître|connaitre|know|où|ou est|where)(?!\p{L})/iu;

function asksInWords(sentence: string): boolean {
  const wishes = sentence.replace(NOT_WANTING, ' ');
  return ASKING.test(wishes) || ASKS_IN_WORDS.test(wishes);
}

interface EnsembleViews {
  weights: GramWeights;
  charModel: SoftmaxModel | undefined;
  nearest: NearestPhrasings | undefined;
}

const gramFeature = (gram: string): string => `~${gram}`;

/** The TF-IDF character grams added to the stem features, scaled by `weight`. */
function withGrams(features: Map<string, number>, vector: ReadonlyMap<string, number> | undefined, weight: number): Map<string, number> {
  if (!vector || weight <= 0) return features;
  for (const [g, v] of vector) features.set(gramFeature(g), v * weight);
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
