import type { Storage, StoreItems } from 'botbuilder';
import type { StateRepository } from '../../domain/db/stateRepository';

/**
 * The JSON of a state object without its eTag, when its owner has just computed it (FastConversationState
 * compares it with what it read): the write then stores that text instead of serializing the state again.
 */
export const knownJson = new WeakMap<object, string>();

/**
 * The JSON a state object was read from (without its eTag): what the state serializes to as long as the
 * turn leaves it unchanged, so FastConversationState need not serialize it on load.
 */
export const storedJson = new WeakMap<object, string>();

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
    for (const [key, doc] of found) {
      const item = { ...doc.data, eTag: doc.etag };
      storedJson.set(item, doc.json);
      items[key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('Changes are required when writing');
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      const json = item && knownJson.get(item);
      await (json === undefined ? this.repository.write(key, data, eTag) : this.repository.writeJson(key, json, eTag));
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('Keys are required when deleting');
    await this.repository.delete(keys);
  }
}
