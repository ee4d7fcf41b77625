import { defaultIntentClassifier } from '../../domain/understanding/defaultClassifier';
import type { TrainedIntentClassifier } from '../../domain/understanding/trainedClassifier';

/**
 * The default recognizer, built once per Jest worker rather than once per test file. Each file gets its own
 * module registry, and even read back from node_modules/.cache the model takes seconds to set up (26 000
 * training sentences): about 8 s a file, four minutes of a run. Kept on `process`, which the files of a worker
 * share; Jest hands every file the same Map, Set, Array and typed arrays (jest.config.js,
 * sandboxInjectedGlobals), so the classifier's objects behave the same in each of them.
 */
export function sharedIntentClassifier(): TrainedIntentClassifier {
  const slot = process as unknown as { assistantTestClassifier?: TrainedIntentClassifier };
  slot.assistantTestClassifier ??= defaultIntentClassifier();
  return slot.assistantTestClassifier;
}
