import type { StoreItems } from 'botbuilder';
import { SqlTranscriptStore } from '../../bot/interactionLog/sqlTranscriptStore';
import { SqlStorage } from '../../bot/storage/sqlStorage';
import { TrainedIntentClassifier } from '../../domain/understanding/trainedClassifier';

/**
 * Preloaded into the assistant's process by `npm run bench:http -- --budget` (`node --require`): the parts of
 * the turn named in TURN_BUDGET_FREE (comma-separated) are given free stand-ins, so that what each costs
 * shows as the difference in server CPU per turn from the whole assistant. Never loaded otherwise.
 * - `recognition`: each message's understanding is recognized once and then remembered (the bench repeats its 8 questions);
 * - `log`: the interaction log keeps nothing (no masking, no row, no insert);
 * - `state`: the bot state lives in a Map of JSON text instead of the database.
 * (BUDGET_PARTS, benchSupport.ts.)
 */
const free = new Set((process.env.TURN_BUDGET_FREE ?? '').split(',').filter(Boolean));

if (free.has('recognition')) {
  const classify = TrainedIntentClassifier.prototype.classify;
  const remembered = new Map<string, ReturnType<typeof classify>>();
  TrainedIntentClassifier.prototype.classify = function (this: TrainedIntentClassifier, text, lang) {
    const key = `${lang}\n${text}`;
    let understanding = remembered.get(key);
    if (!understanding) remembered.set(key, (understanding = classify.call(this, text, lang)));
    return understanding;
  };
}

if (free.has('log')) {
  // No turn scope: the middleware then commits nothing.
  SqlTranscriptStore.prototype.beginTurn = () => undefined;
  SqlTranscriptStore.prototype.prepare = () => ({ row: undefined as never, scope: undefined });
  SqlTranscriptStore.prototype.record = () => undefined;
}

if (free.has('state')) {
  const documents = new Map<string, string>();
  let etag = 0;
  SqlStorage.prototype.read = async (keys: string[]) => {
    const items: StoreItems = {};
    for (const key of keys) {
      const json = documents.get(key);
      if (json !== undefined) items[key] = JSON.parse(json);
    }
    return items;
  };
  SqlStorage.prototype.write = async (changes: StoreItems) => {
    for (const [key, item] of Object.entries(changes)) documents.set(key, JSON.stringify({ ...item, eTag: String((etag += 1)) }));
  };
}
