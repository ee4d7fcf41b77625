import { globalSetup as startPostgres } from './postgres';
import { compileWebScripts } from './webScripts';

/** jest.config.js globalSetup: the staff pages' scripts compiled, then one throwaway PostgreSQL server per run (postgres.ts). */
export default async function globalSetup(): Promise<void> {
  compileWebScripts();
  await startPostgres();
}
