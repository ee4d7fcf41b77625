import { globalTeardown as stopPostgres } from './postgres';
import { failOnTempDirsLeft } from './tempDirGuard';

/** jest.config.js globalTeardown: stops the run's PostgreSQL server and deletes its folder, then fails the run on a test folder left behind. */
export default async function globalTeardown(): Promise<void> {
  await stopPostgres();
  failOnTempDirsLeft();
}
