import { Activity, MemoryStorage, TurnContext } from 'botbuilder';
import { openDatabase } from '../../domain/db/database';
import { createConversationHarness, ConversationHarness } from '../helpers/conversationHarness';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';

/**
 * A crash can happen the instant a question reaches the citizen. The state that produced the question
 * must already be stored then, or the form restarts one step behind the question they answer.
 */
describe('the conversation state is stored before each reply leaves', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it('lets a form go on from what was stored when its question was sent, as after a kill -9 at that moment', async () => {
    const db = await openDatabase(tempDatabaseUrl(dir.path));
    const stored: Record<string, string> = {};
    const storedWhenSent: { text: string; stored: Record<string, string> }[] = [];
    let first: ConversationHarness | undefined;
    let second: ConversationHarness | undefined;
    try {
      first = await createConversationHarness({ db, storage: new MemoryStorage(stored) });
      const deliver = first.adapter.sendActivities.bind(first.adapter);
      first.adapter.sendActivities = async (context: TurnContext, activities: Partial<Activity>[]) => {
        storedWhenSent.push({ text: activities.map((a) => a.text ?? '').join('\n'), stored: { ...stored } });
        return deliver(context, activities);
      };
      for (const answer of ['Déposer une plainte', 'Oui', 'Hélène Gagnon']) await first.say(answer);
      expect(await first.say('Téléphone')).toContain('numéro de téléphone');
      const question = storedWhenSent.filter((s) => s.text.includes('numéro de téléphone')).at(-1)!;

      // Only what storage held when the question left survives; whatever the turn wrote after is lost.
      second = await createConversationHarness({ db, storage: new MemoryStorage({ ...question.stored }) });
      expect(await second.say('581 555-0142')).toContain('Quel service');
    } finally {
      await first?.close();
      await second?.close();
      await db.destroy();
    }
  });
});
