import { randomBytes } from 'node:crypto';
import type { Database } from '../domain/db/database';
import { SettingsRepository } from '../domain/db/settingsRepository';
import type { Config } from './config';

/**
 * PSEUDONYM_KEY, or the random key generated once and kept in the database: it pseudonymizes the
 * interaction log and signs the satisfaction survey links, so the server and the CLI must agree on it.
 */
export async function loadPseudonymKey(config: Pick<Config, 'PSEUDONYM_KEY'>, db: Database): Promise<string> {
  return config.PSEUDONYM_KEY ?? (await new SettingsRepository(db).getOrCreate('pseudonym_key', () => randomBytes(32).toString('base64url')));
}
