import type { Database } from './database';

export class SettingsRepository {
  constructor(private readonly db: Database) {}

  async get(key: string): Promise<string | undefined> {
    const row: { value: string } | undefined = await this.db('settings').where({ key }).first('value');
    return row?.value;
  }

  /** Stores the value unless the key already has one, and returns whichever value won (safe across processes). */
  async getOrCreate(key: string, create: () => string): Promise<string> {
    await this.db('settings').insert({ key, value: create() }).onConflict('key').ignore();
    const stored = await this.get(key);
    if (stored === undefined) throw new Error(`setting ${key} could not be stored`);
    return stored;
  }
}
