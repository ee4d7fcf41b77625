import type { Activity } from 'botbuilder';
import { SqlTranscriptStore } from '../../../bot/interactionLog/sqlTranscriptStore';
import { createLogger } from '../../../bot/logger';
import { publicContactValues } from '../../../domain/contacts';
import { Database, openDatabase } from '../../../domain/db/database';
import { InteractionRepository } from '../../../domain/db/interactionRepository';
import { PersonalInformationMasker } from '../../../domain/privacy/masking';
import { createPseudonymizer } from '../../../domain/privacy/pseudonym';
import { purgeInteractions } from '../../../domain/retention';
import { describeEachDatabase } from '../../helpers/databases';

function message(conversationId: string, text: string, n: number, role: 'user' | 'bot' = 'user', channelId = 'emulator'): Partial<Activity> {
  const user = { id: 'raw-user-id-42', name: 'Jean Tremblay', role: 'user' };
  const bot = { id: 'bot', name: 'Assistant', role: 'bot' };
  return {
    type: 'message',
    id: `${conversationId}-${n}`,
    channelId,
    conversation: { id: conversationId, name: 'secret name' } as Activity['conversation'],
    from: role === 'user' ? user : bot,
    recipient: role === 'user' ? bot : user,
    text,
    locale: 'fr-CA',
    timestamp: new Date(Date.UTC(2026, 10, 23, 15, 0, n)),
  };
}

describeEachDatabase('SqlTranscriptStore', (databases) => {
  let db: Database;
  let store: SqlTranscriptStore;
  const logs: string[] = [];

  beforeAll(async () => {
    db = await openDatabase(await databases.url());
  });
  beforeEach(async () => {
    await db('interactions').delete();
    logs.length = 0;
    store = new SqlTranscriptStore({
      repository: new InteractionRepository(db),
      masker: new PersonalInformationMasker(publicContactValues()),
      pseudonymize: createPseudonymizer('a-test-key-of-sufficient-length'),
      logger: createLogger('info', { write: (line: string) => logs.push(line) }),
      pageSize: 3,
    });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('stores masked text, a pseudonymous user id, and never the raw id or name', async () => {
    await store.logActivity(message('c1', 'Mon courriel est jean@exemple.ca et mon NAS 046 454 286', 1));
    await store.logActivity(message('c1', 'Téléphonez au 418 528-7157.', 2, 'bot'));
    await store.flush();
    const rows = await db('interactions').orderBy('id');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      direction: 'in',
      text: 'Mon courriel est [courriel] et mon NAS [NAS]',
      channel_id: 'emulator',
      locale: 'fr-CA',
      activity_type: 'message',
    });
    expect(rows[1]).toMatchObject({ direction: 'out', text: 'Téléphonez au 418 528-7157.' });
    expect(rows[0].user_pseudonym).toMatch(/^u_/);
    expect(rows[1].user_pseudonym).toBe(rows[0].user_pseudonym);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain('raw-user-id-42');
    expect(raw).not.toContain('Jean Tremblay');
    expect(raw).not.toContain('jean@exemple.ca');
    expect(raw).not.toContain('secret name');
  });

  it('keeps a UUID or an ISO instant in an id or time field as it is, and masks anything else written there', async () => {
    const uuid = '6a1f0c1e-3b8e-4c0e-9a7b-418555123456';
    await store.logActivity({ ...message('c1', 'bonjour', 1), id: uuid, replyToId: '046 454 286', timestamp: '2026-11-23T15:00:01.123-05:00' } as unknown as Partial<Activity>);
    await store.flush();
    const [row] = await db('interactions');
    const stored = JSON.parse(row.activity_json) as Record<string, unknown>;
    expect(stored.id).toBe(uuid);
    expect(stored.timestamp).toBe('2026-11-23T15:00:01.123-05:00');
    expect(stored.replyToId).toBe('[NAS]');
  });

  it('stores a Date in a time field as JSON.stringify writes it, and an invalid one as null', async () => {
    const at = new Date(Date.UTC(2026, 10, 23, 20, 0, 1, 123));
    await store.logActivity({ ...message('c1', 'bonjour', 1), timestamp: at, localTimestamp: new Date(Number.NaN) });
    await store.flush();
    const [row] = await db('interactions');
    const stored = JSON.parse(row.activity_json) as Record<string, unknown>;
    expect(stored.timestamp).toBe(JSON.parse(JSON.stringify(at)));
    expect(stored.localTimestamp).toBeNull();
  });

  it('masks inside nested channel data, a « __proto__ » key (as JSON.parse makes it) kept as a plain key', async () => {
    const channelData = JSON.parse('{"__proto__":{"note":"écrivez à jean@exemple.ca"},"form":[{"tel":"418 555-0199"}]}') as Record<string, unknown>;
    await store.logActivity({ ...message('c1', 'bonjour', 1), channelData });
    await store.flush();
    const [row] = await db('interactions');
    expect(row.activity_json).not.toContain('jean@exemple.ca');
    expect(row.activity_json).not.toContain('555-0199');
    const stored = JSON.parse(row.activity_json) as { channelData: Record<string, unknown> };
    expect(Object.keys(stored.channelData)).toEqual(['__proto__', 'form']);
    expect(JSON.stringify(stored.channelData)).toBe('{"__proto__":{"note":"écrivez à [courriel]"},"form":[{"tel":"[téléphone]"}]}');
  });

  it('pages transcript activities and conversations, and deletes a transcript', async () => {
    for (let i = 1; i <= 7; i += 1) await store.logActivity(message('c-paged', `message ${i}`, i));
    await store.logActivity(message('c-other', 'autre', 1));
    await store.logActivity(message('c-third', 'troisième', 1));
    await store.logActivity(message('c-fourth', 'quatrième', 1));
    await store.logActivity(message('c-elsewhere', 'ailleurs', 1, 'user', 'webchat'));
    await store.flush();

    const texts: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.getTranscriptActivities('emulator', 'c-paged', token);
      texts.push(...page.items.map((a) => a.text ?? ''));
      token = page.continuationToken || undefined;
      pages += 1;
    } while (token);
    expect(texts).toEqual(['message 1', 'message 2', 'message 3', 'message 4', 'message 5', 'message 6', 'message 7']);
    expect(pages).toBe(3);

    const since = await store.getTranscriptActivities('emulator', 'c-paged', undefined, new Date(Date.UTC(2026, 10, 23, 15, 0, 6)));
    expect(since.items.map((a) => a.text)).toEqual(['message 6', 'message 7']);

    const first = await store.listTranscripts('emulator');
    expect(first.items.map((t) => t.id)).toEqual(['c-paged', 'c-other', 'c-third']);
    expect(first.items[0].created).toBeInstanceOf(Date);
    expect(first.continuationToken).not.toBe('');
    const second = await store.listTranscripts('emulator', first.continuationToken);
    expect(second.items.map((t) => t.id)).toEqual(['c-fourth']);
    expect(second.continuationToken).toBe('');
    expect((await store.listTranscripts('webchat')).items.map((t) => t.id)).toEqual(['c-elsewhere']);

    await store.deleteTranscript('emulator', 'c-paged');
    expect((await store.getTranscriptActivities('emulator', 'c-paged')).items).toEqual([]);
    expect((await store.getTranscriptActivities('emulator', 'c-other')).items).toHaveLength(1);
  });

  it('keeps rows queued while the database fails, logs the failure without content, and writes them later', async () => {
    const repository = new InteractionRepository(db);
    const failing = {
      insertMany: jest.fn().mockRejectedValueOnce(Object.assign(new Error('SQLITE_BUSY: database is locked near "jean@x.ca"'), { code: 'SQLITE_BUSY' })),
    };
    failing.insertMany.mockImplementation((rows) => repository.insertMany(rows));
    store = new SqlTranscriptStore({
      repository: Object.assign(Object.create(repository) as InteractionRepository, failing),
      masker: new PersonalInformationMasker(),
      pseudonymize: createPseudonymizer('a-test-key-of-sufficient-length'),
      logger: createLogger('info', { write: (line: string) => logs.push(line) }),
    });
    await store.logActivity(message('c-retry', 'secret text 123', 1));
    await new Promise((r) => setTimeout(r, 20));
    expect(store.queuedRows).toBe(1);
    await store.flush();
    expect(await db('interactions').where({ conversation_id: 'c-retry' }).count({ n: '*' })).toEqual([{ n: 1 }]);
    expect(logs.join('')).toContain('interaction log write failed');
    expect(logs.join('')).toContain('SQLITE_BUSY');
    expect(logs.join('')).not.toContain('jean@x.ca');
    expect(logs.join('')).not.toContain('secret text');
  });

  it('purges rows older than the retention period', async () => {
    const old = message('c-old', 'vieux', 1);
    old.timestamp = new Date('2025-01-01T00:00:00Z');
    old.from = { id: 'bot', name: 'bot', role: 'bot' };
    await store.logActivity(old);
    await store.logActivity({ ...message('c-new', 'récent', 1), from: { id: 'bot', name: 'bot', role: 'bot' }, timestamp: new Date('2026-11-20T00:00:00Z') });
    await store.flush();
    const { deleted, cutoff } = await purgeInteractions(new InteractionRepository(db), new Date('2026-11-23T00:00:00Z'), 365);
    expect(cutoff.toISOString()).toBe('2025-11-23T00:00:00.000Z');
    expect(deleted).toBe(1);
    expect((await db('interactions').select('conversation_id')).map((r: { conversation_id: string }) => r.conversation_id)).toEqual(['c-new']);
  });
});
