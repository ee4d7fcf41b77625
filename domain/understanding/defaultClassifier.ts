import { faqIntent, knowledgeBase, TrainingExample, trainingExamples } from '../faq/knowledgeBase';
import { projectPath } from '../paths';
import { exactIntentTexts } from './intentTitles';
import { fileModelCache } from './modelCache';
import { exactKey, TrainedClassifierOptions, TrainedIntentClassifier } from './trainedClassifier';

/** Options of the default recognizer, plus what `buildIntentClassifier` adds to the phrasings. */
export interface ClassifierBuildOptions extends TrainedClassifierOptions {
  /**
   * Also train on each FAQ entry's title and answer text (French and English, placeholders removed):
   * the ministry's own words, which people reuse when they write from the same documents.
   */
  entryDocuments?: boolean;
}

/** The configuration `npm run eval` selected (see docs/testing.md, « Measuring »). */
export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierBuildOptions = {
  lexicalWeight: 0,
  lexicalBoost: 2,
  unknownWordFeatures: false,
  bigrams: false,
  charNgrams: true,
  gramFeatures: 1.5,
  entryDocuments: true,
  training: { l2: 3e-5, epochs: 20 },
  contentWeight: 0.7,
  focusWeight: 0,
  questions: true,
  // 0.8 rather than 0.9: on the spent evaluation sets, 11 more messages answer both their questions (« Is the centre
  // open on June 24? And what's the number to call? »), one confident wrong answer fewer, no right answer lost.
  questionAnswer: 0.8,
};

let cached: TrainedIntentClassifier | undefined;

/**
 * The assistant's recognizer, trained on data/knowledge-base once (a few seconds; the model is then
 * kept in node_modules/.cache for the next process) and shared by the server, the CLI, the tests and
 * the evaluation. Nothing is downloaded.
 */
export function defaultIntentClassifier(): TrainedIntentClassifier {
  cached ??= buildIntentClassifier({ ...DEFAULT_CLASSIFIER_OPTIONS, modelCache: fileModelCache(projectPath('node_modules', '.cache', 'assistant-ca-dotation')) });
  return cached;
}

/** Titles and answers of the FAQ entries as training texts (placeholders such as {{contacts.x}} removed). */
export function entryDocuments(): TrainingExample[] {
  const documents: TrainingExample[] = [];
  for (const entry of knowledgeBase().entries) {
    const intent = faqIntent(entry.id);
    for (const lang of ['fr', 'en'] as const) {
      documents.push({ text: entry.title[lang], intent, lang });
      const answer = entry.answer[lang]
        .replace(/\{\{[^}]*\}\}/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      if (answer) documents.push({ text: answer, intent, lang });
    }
  }
  return documents;
}

export function buildIntentClassifier(options: ClassifierBuildOptions = DEFAULT_CLASSIFIER_OPTIONS, examples = trainingExamples()): TrainedIntentClassifier {
  const exactTexts = new Map<string, string>();
  for (const { text, intent } of exactIntentTexts()) {
    const key = exactKey(text);
    const existing = exactTexts.get(key);
    if (existing && existing !== intent) throw new Error(`The button text "${text}" means both ${existing} and ${intent}`);
    exactTexts.set(key, intent);
  }
  const { entryDocuments: withDocuments, ...trained } = options;
  const all = withDocuments ? [...examples, ...entryDocuments()] : examples;
  return TrainedIntentClassifier.train(all, { ...trained, exactTexts: options.exactTexts ?? exactTexts });
}
