import { Activity, MemoryStorage, TurnContext } from 'botbuilder';
import { openDatabase } from '../../domain/db/database';
import { createConversationHarness, ConversationHarness } from '../helpers/conversationHarness';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';

/**
 * A crash can happen the instant a reply reaches the citizen. A question must be stored by then, or
 * the form restarts one step behind the question they answer; any other reply must not be, or the
 * next message would resume a step in its middle.
 */
describe('the conversation state stored when a reply leaves', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  /** The bot on a fresh database; `stored` is what its storage holds, copied each time a reply leaves. */
  async function recordingHarness(): Promise<{ harness: ConversationHarness; whenSent: { text: string; stored: Record<string, string> }[] }> {
    const db = await openDatabase(tempDatabaseUrl(dir.path, `${Math.random().toString(36).slice(2)}.sqlite`));
    const stored: Record<string, string> = {};
    const whenSent: { text: string; stored: Record<string, string> }[] = [];
    const harness = await createConversationHarness({ db, storage: new MemoryStorage(stored) });
    const deliver = harness.adapter.sendActivities.bind(harness.adapter);
    harness.adapter.sendActivities = async (context: TurnContext, activities: Partial<Activity>[]) => {
      whenSent.push({ text: activities.map((a) => a.text ?? '').join('\n'), stored: { ...stored } });
      return deliver(context, activities);
    };
    const close = harness.close;
    harness.close = async () => {
      await close();
      await db.destroy();
    };
    return { harness, whenSent };
  }

  /** The same database, with only what storage held at that moment: the server after a kill -9. */
  const restartedFrom = (harness: ConversationHarness, stored: Record<string, string>) =>
    createConversationHarness({ db: harness.db, storage: new MemoryStorage({ ...stored }) });

  it('lets a form go on from what was stored when its question was sent', async () => {
    const { harness, whenSent } = await recordingHarness();
    let restarted: ConversationHarness | undefined;
    try {
      for (const answer of ['Déposer une plainte', 'Oui', 'Hélène Gagnon']) await harness.say(answer);
      expect(await harness.say('Téléphone')).toContain('numéro de téléphone');
      const question = whenSent.filter((s) => s.text.includes('numéro de téléphone')).at(-1)!;
      restarted = await restartedFrom(harness, question.stored);
      expect(await restarted.say('581 555-0142')).toContain('Quel service');
    } finally {
      await restarted?.close();
      await harness.close();
    }
  });

  it.each(['bonjour', 'parler à un agent', 'merci', 'heures d’ouverture'])('answers the next message after a crash right after the reply to « %s »', async (first) => {
    const { harness, whenSent } = await recordingHarness();
    try {
      await harness.say('bonjour');
      whenSent.length = 0;
      await harness.say(first);
      expect(whenSent.length).toBeGreaterThan(0);
      for (const { stored } of whenSent) {
        const restarted = await restartedFrom(harness, stored);
        try {
          expect(await restarted.say('quels sont les délais pour une plainte')).toContain('Pour une plainte');
        } finally {
          await restarted.close();
        }
      }
    } finally {
      await harness.close();
    }
  });
});
