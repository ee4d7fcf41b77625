import workerShared from 'node:v8';
import { defaultIntentClassifier } from '../../domain/understanding/defaultClassifier';
import type { TrainedIntentClassifier } from '../../domain/understanding/trainedClassifier';

const SLOT = Symbol.for('assistant-ca-dotation.testClassifier');

/**
 * The default recognizer, built once per Jest worker rather than once per test file. Each file gets its own
 * module registry and its own `process` object, and even read back from node_modules/.cache the model takes
 * seconds to set up (29 000 training sentences): about 8 s a file, four minutes of a run. Node's built-in
 * modules are the one thing the files of a worker share (jest-runtime requires them from Node itself; the
 * default import is the module itself, where `import * as` would be a copy), so the classifier is kept on one
 * of them. Jest hands every file the same Map, Set, Array and typed arrays (jest.config.js,
 * sandboxInjectedGlobals), so its objects behave the same in each file.
 */
export function sharedIntentClassifier(): TrainedIntentClassifier {
  const slot = workerShared as unknown as Record<symbol, TrainedIntentClassifier | undefined>;
  slot[SLOT] ??= defaultIntentClassifier();
  return slot[SLOT];
}
