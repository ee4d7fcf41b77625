import { globalSetup as startPostgres } from './postgres';
import { nameTestRun } from './tempDirGuard';
import { compileWebScripts } from './webScripts';
import { defaultIntentClassifier } from '../../domain/understanding/defaultClassifier';

/**
 * jest.config.js globalSetup: the run named for the test folders' check, the staff pages' scripts compiled, the
 * recognizer trained into its cache, then one throwaway PostgreSQL server per run (postgres.ts).
 */
export default async function globalSetup(): Promise<void> {
  nameTestRun();
  compileWebScripts();
  // Once, before the workers: on a clean clone training takes about 25 s, which two workers training at once
  // inside a test's 30 s would not always get. Each worker then reads the model from node_modules/.cache.
  defaultIntentClassifier();
  await startPostgres();
}
