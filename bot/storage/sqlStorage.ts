import type { Storage, StoreItems } from 'botbuilder';
import type { StateRepository } from '../../domain/db/stateRepository';

/**
 * botbuilder Storage on the database, for conversation and user state: a half-finished dialog
 * survives a restart. eTags are honoured: a write carrying a stale eTag is rejected, '*' always writes.
 */
export class SqlStorage implements Storage {
  constructor(private readonly repository: StateRepository) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when reading');
    const found = await this.repository.read(keys);
    const items: StoreItems = {};
    for (const [key, doc] of found) items[key] = { ...doc.data, eTag: doc.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('Changes are required when writing');
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      await this.repository.write(key, data, eTag);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when deleting');
    await this.repository.delete(keys);
  }
}
