import { globalSetup as startPostgres } from './postgres';
import { nameTestRun } from './tempDirGuard';
import { compileWebScripts } from './webScripts';

/** jest.config.js globalSetup: the run named for the test folders' check, the staff pages' scripts compiled, then one throwaway PostgreSQL server per run (postgres.ts). */
export default async function globalSetup(): Promise<void> {
  nameTestRun();
  compileWebScripts();
  await startPostgres();
}
