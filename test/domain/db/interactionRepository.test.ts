import { Database, openDatabase } from '../../../domain/db/database';
import { InteractionRepository, InteractionRow } from '../../../domain/db/interactionRepository';
import { describeEachDatabase } from '../../helpers/databases';

const START = Date.UTC(2026, 10, 23, 15, 0, 0);

/** Row n of a batch, its optional fields present or absent in turn. */
function row(n: number, conversationId = 'c1'): InteractionRow {
  const inbound = n % 2 === 0;
  return {
    occurredAt: new Date(START + n * 1000),
    channelId: 'emulator',
    conversationId,
    activityId: `a-${n}`,
    replyToId: inbound ? undefined : `a-${n - 1}`,
    direction: inbound ? 'in' : 'out',
    activityType: n % 5 === 0 ? 'conversationUpdate' : 'message',
    locale: n % 3 === 0 ? undefined : 'fr-CA',
    userPseudonym: inbound ? `u_${n}` : undefined,
    text: n % 5 === 0 ? undefined : `Message ${n} « é »`,
    redacted: n % 7 === 0,
    dialog: n % 4 === 0 ? undefined : 'faq',
    intent: inbound ? 'faq.hours' : undefined,
    intentScore: inbound ? n / 1000 : undefined,
    latencyMs: inbound ? n : undefined,
    activityJson: JSON.stringify({ n, text: `Message ${n}` }),
  };
}

describeEachDatabase('InteractionRepository.insertMany', (databases) => {
  let db: Database;
  let repository: InteractionRepository;

  beforeAll(async () => {
    db = await openDatabase(await databases.url());
    repository = new InteractionRepository(db);
  });
  beforeEach(async () => {
    await db('interactions').delete();
  });
  afterAll(async () => {
    await db.destroy();
  });

  const stored = async (conversationId = 'c1'): Promise<InteractionRow[]> => {
    const page = await repository.conversationActivities('emulator', conversationId, { pageSize: 1000 });
    return page.items.map(({ id: _id, ...rest }) => rest);
  };

  it.each([1, 3, 25, 100, 150, 500])('writes a batch of %i rows in order, every column as given', async (count) => {
    const rows = Array.from({ length: count }, (_, n) => row(n));
    await repository.insertMany(rows);
    const read = await stored();
    expect(read).toHaveLength(count);
    // Absent optional fields come back absent, not as null.
    expect(read).toEqual(rows.map((r) => JSON.parse(JSON.stringify(r), (key, value) => (key === 'occurredAt' ? new Date(value) : value))));
  });

  it.each([25, 150])('writes none of a batch of %i rows when one of them is refused, and the next batch goes through', async (count) => {
    const rows = Array.from({ length: count }, (_, n) => row(n));
    // activity_json is NOT NULL: the row near the end fails after the statements before it have run.
    rows[count - 3] = { ...rows[count - 3], activityJson: null as unknown as string };
    await expect(repository.insertMany(rows)).rejects.toThrow();
    expect(await stored()).toEqual([]);
    await repository.insertMany([row(0, 'c2'), row(1, 'c2')]);
    expect(await stored('c2')).toHaveLength(2);
  });

  it('writes nothing for an empty batch', async () => {
    await repository.insertMany([]);
    expect(await db('interactions').count({ n: '*' }).first()).toEqual({ n: 0 });
  });
});
