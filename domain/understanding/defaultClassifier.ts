import { trainingExamples } from '../faq/knowledgeBase';
import { exactIntentTexts } from './intentTitles';
import { exactKey, TrainedClassifierOptions, TrainedIntentClassifier } from './trainedClassifier';

/** The configuration `npm run eval` selected (see README, « Compréhension des questions »). */
export const DEFAULT_CLASSIFIER_OPTIONS: TrainedClassifierOptions = { lexicalWeight: 0, unknownWordFeatures: false, bigrams: false, charNgrams: true };

let cached: TrainedIntentClassifier | undefined;

/**
 * The assistant's recognizer, trained once per process on data/knowledge-base (a fraction of a
 * second) and shared by the server, the CLI, the tests and the evaluation. Nothing is downloaded.
 */
export function defaultIntentClassifier(): TrainedIntentClassifier {
  cached ??= buildIntentClassifier();
  return cached;
}

export function buildIntentClassifier(options: TrainedClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS, examples = trainingExamples()): TrainedIntentClassifier {
  const exactTexts = new Map<string, string>();
  for (const { text, intent } of exactIntentTexts()) {
    const key = exactKey(text);
    const existing = exactTexts.get(key);
    if (existing && existing !== intent) throw new Error(`The button text "${text}" means both ${existing} and ${intent}`);
    exactTexts.set(key, intent);
  }
  return TrainedIntentClassifier.train(examples, { ...options, exactTexts: options.exactTexts ?? exactTexts });
}
