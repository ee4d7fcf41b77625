import { BotStatePropertyAccessor, calculateChangeHash, ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { knownJson, storedJson } from './sqlStorage';

const NOT_STORED_YET = 'not-stored-yet';

interface CachedState {
  state: Record<string, unknown> & { eTag?: string };
  hash: string;
}

/**
 * What BotState compares to tell whether the state changed in a turn, computed with the native
 * JSON.stringify: botbuilder's calculateChangeHash runs its stringify with a replacer function called
 * for every key (for objects with a `_replacer` method, which no state here has), then a SHA-256 of
 * it, three times a turn. The JSON text itself serves as the "hash" (compared, never stored). A state
 * that JSON.stringify refuses (a cycle) falls back to botbuilder's own hash, which copes with it.
 */
export function stateFingerprint(state: Record<string, unknown> | undefined): string {
  if (!state) return '';
  const { eTag: _eTag, ...rest } = state;
  try {
    return JSON.stringify(rest);
  } catch {
    return `sha256:${calculateChangeHash(state)}`;
  }
}

/**
 * ConversationState with the cheaper change detection above, whose saveChanges keeps the eTag read in
 * the turn (compare-and-swap across instances); load otherwise does exactly what BotState's does.
 */
export class FastConversationState extends ConversationState {
  /** BotState's own turnState key for the cached state (private there): clear, delete and get keep working on it. */
  private get cacheKey(): symbol {
    return (this as unknown as { stateKey: symbol }).stateKey;
  }

  override createProperty<T = unknown>(name: string): StatePropertyAccessor<T> {
    return new LoadedPropertyAccessor<T>(this, name);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the BotState signature it overrides
  override async load(context: TurnContext, force = false): Promise<any> {
    const cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as CachedState['state'];
    // The text read equals the fingerprint of the state it parses to; when it differs (another writer's
    // spacing), the state is only written once more, never left unwritten.
    context.turnState.set(this.cacheKey, { state, hash: storedJson.get(state) ?? stateFingerprint(state) });
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    let cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
    const current = stateFingerprint(cached?.state);
    if (!(force || (cached && cached.hash !== current))) return;
    const key = await this.storageKey(context);
    cached ??= { state: {}, hash: '' };
    // Unlike BotState ('*' always), the write carries the eTag read this turn: when another instance
    // wrote the conversation meanwhile, the storage refuses (ETagConflictError) instead of overwriting.
    // A conversation read as absent carries an eTag no stored document has: created once, by one writer.
    cached.state.eTag ??= NOT_STORED_YET;
    const stored = current.startsWith('{') ? current : undefined;
    if (stored !== undefined) knownJson.set(cached.state, stored);
    try {
      await this.storage.write({ [key]: cached.state });
    } finally {
      // Only for this write: a refused one (eTag conflict) must not leave the text behind.
      knownJson.delete(cached.state);
    }
    // This turn now holds the latest version: a second save in the same turn may overwrite it.
    cached.state.eTag = '*';
    // What was written (a change made while the write was under way is saved by the next save).
    cached.hash = stored ?? stateFingerprint(cached.state);
    context.turnState.set(this.cacheKey, cached);
  }
}

/**
 * BotState's accessor, except that reading a property already in the state loaded this turn returns it
 * at once, as BotStatePropertyAccessor.get ends up doing after two async functions and their awaits: an
 * FAQ turn reads the conversation's data about ten times (issue 13).
 */
class LoadedPropertyAccessor<T> extends BotStatePropertyAccessor<T> {
  override get(context: TurnContext): Promise<T | undefined>;
  override get(context: TurnContext, defaultValue: T): Promise<T>;
  override get(context: TurnContext, defaultValue?: T): Promise<T | undefined> {
    const loaded = this.state.get(context) as Record<string, T> | undefined;
    if (loaded && Object.prototype.hasOwnProperty.call(loaded, this.name)) return Promise.resolve(loaded[this.name]);
    return defaultValue === undefined ? super.get(context) : super.get(context, defaultValue);
  }
}
