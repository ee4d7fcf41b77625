import { Activity, MemoryStorage, Storage, TestAdapter, TranscriptLoggerMiddleware } from 'botbuilder';
import { ConversationCore, createConversationCore } from '../../bot/conversation';
import { Config, loadConfig } from '../../bot/config';
import { createServices } from '../../bot/services';
import type { DomainServices } from '../../domain/services';
import { InteractionLogMiddleware } from '../../bot/interactionLog/interactionLogMiddleware';
import { SqlTranscriptStore } from '../../bot/interactionLog/sqlTranscriptStore';
import { createLogger } from '../../bot/logger';
import { Clock, fixedClock } from '../../domain/clock';
import { Database, openDatabase } from '../../domain/db/database';
import { InteractionRepository } from '../../domain/db/interactionRepository';
import { PersonalInformationMasker } from '../../domain/privacy/masking';
import { createPseudonymizer } from '../../domain/privacy/pseudonym';
import type { IntentClassifier } from '../../domain/understanding/intents';
import { sharedIntentClassifier } from './sharedClassifier';
import { publicContactValues } from '../../domain/contacts';
import { tempDatabaseUrl, tempDir } from './tempDir';

export interface ConversationHarness {
  adapter: TestAdapter;
  core: ConversationCore;
  db: Database;
  clock: Clock & { set(next: Date | string): void };
  transcriptStore: SqlTranscriptStore;
  /** Sends one message (or activity) and returns what the bot sent back during that turn. */
  turn(input: string | Partial<Activity>): Promise<Partial<Activity>[]>;
  /** The text of every message of a turn, joined. */
  say(input: string | Partial<Activity>): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole bot (AssistantBot, main dialog, routes, interaction log) on botbuilder's TestAdapter, with
 * the domain on a real SQLite file. Messages are sent in fr-CA unless the activity says otherwise.
 */
export async function createConversationHarness(
  options: {
    now?: string;
    storage?: Storage;
    classifier?: IntentClassifier;
    locale?: string;
    db?: Database;
    /** Non-default settings, from `loadConfig({...})`; the configuration's defaults otherwise. */
    config?: Config;
    domain?: Partial<DomainServices>;
  } = {},
): Promise<ConversationHarness> {
  const dir = tempDir();
  const db = options.db ?? (await openDatabase(tempDatabaseUrl(dir.path)));
  const clock = fixedClock(options.now ?? '2026-11-23T15:00:00Z');
  const logger = createLogger('silent');
  const core = createConversationCore({
    storage: options.storage ?? new MemoryStorage(),
    domain: { ...(await createServices(options.config ?? loadConfig({}), db, clock)), ...options.domain },
    classifier: options.classifier ?? sharedIntentClassifier(),
    logger,
  });
  const transcriptStore = new SqlTranscriptStore({
    repository: new InteractionRepository(db),
    masker: new PersonalInformationMasker(publicContactValues()),
    pseudonymize: createPseudonymizer('test-key-test-key-test-key'),
    logger,
  });
  const adapter = new TestAdapter((context) => core.bot.run(context));
  adapter.use(new InteractionLogMiddleware(transcriptStore));
  adapter.use(new TranscriptLoggerMiddleware(transcriptStore));

  const turn = async (input: string | Partial<Activity>): Promise<Partial<Activity>[]> => {
    const activity = { locale: options.locale ?? 'fr-CA', ...(typeof input === 'string' ? { type: 'message', text: input } : input) };
    await adapter.receiveActivity(activity);
    return adapter.activeQueue.splice(0);
  };
  return {
    adapter,
    core,
    db,
    clock,
    transcriptStore,
    turn,
    say: async (input) =>
      (await turn(input))
        .filter((a) => a.type === 'message')
        .map((a) => a.text ?? '')
        .join('\n'),
    close: async () => {
      await transcriptStore.flush();
      if (!options.db) await db.destroy();
      dir.cleanup();
    },
  };
}

export function suggestedTitles(activities: Partial<Activity>[]): string[] {
  return activities.flatMap((a) => a.suggestedActions?.actions.map((x) => x.title) ?? []);
}
