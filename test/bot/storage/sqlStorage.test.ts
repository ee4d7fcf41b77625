import { TestAdapter, TurnContext } from 'botbuilder';
import { FastConversationState } from '../../../bot/storage/fastState';
import { SqlStorage } from '../../../bot/storage/sqlStorage';
import { Database, openDatabase } from '../../../domain/db/database';
import { StateRepository } from '../../../domain/db/stateRepository';
import { describeEachDatabase } from '../../helpers/databases';

describeEachDatabase('SqlStorage', (databases) => {
  let url: string;
  let db: Database;
  let storage: SqlStorage;

  beforeAll(async () => {
    url = await databases.url();
  });
  beforeEach(async () => {
    db = await openDatabase(url);
    storage = new SqlStorage(new StateRepository(db));
  });
  afterEach(async () => db.destroy());

  it('writes, reads back with an eTag, and deletes', async () => {
    await storage.write({ 'a/b': { count: 1, nested: { list: [1, 2] } } });
    const read = await storage.read(['a/b', 'missing']);
    expect(read['a/b']).toMatchObject({ count: 1, nested: { list: [1, 2] } });
    expect(typeof read['a/b'].eTag).toBe('string');
    expect(read.missing).toBeUndefined();
    await storage.delete(['a/b']);
    expect(await storage.read(['a/b'])).toEqual({});
  });

  it('never lets two instances overwrite each other: the later turn of one conversation is refused', async () => {
    const adapter = new TestAdapter();
    const turn = () => new TurnContext(adapter, { type: 'message', channelId: 'test', conversation: { id: 'same-conversation' } as never, from: { id: 'u', name: '' }, recipient: { id: 'b', name: '' } });
    // Two instances, each with its own ConversationState over the same database.
    const [a, b] = [new FastConversationState(storage), new FastConversationState(new SqlStorage(new StateRepository(db)))];
    const [onA, onB] = [turn(), turn()];
    const [stateA, stateB] = [a.createProperty<{ step: string }>('form'), b.createProperty<{ step: string }>('form')];
    await stateA.get(onA, { step: 'start' });
    await stateB.get(onB, { step: 'start' });
    await stateA.set(onA, { step: 'from A' });
    await a.saveChanges(onA);
    await stateB.set(onB, { step: 'from B' });
    await expect(b.saveChanges(onB)).rejects.toThrow(/eTag conflict/);
    const next = turn();
    expect(await a.createProperty<{ step: string }>('form').get(next)).toEqual({ step: 'from A' });
    // Within one turn, a second save after the first is the same writer and goes through.
    await stateA.set(onA, { step: 'from A again' });
    await a.saveChanges(onA);
  });

  it('writes a state read from the database only when the turn changed it', async () => {
    const adapter = new TestAdapter();
    const turn = () => new TurnContext(adapter, { type: 'message', channelId: 'test', conversation: { id: 'unchanged' } as never, from: { id: 'u', name: '' }, recipient: { id: 'b', name: '' } });
    const state = new FastConversationState(storage);
    const form = state.createProperty<{ step: string; notes: string[] }>('form');
    const first = turn();
    await form.set(first, { step: 'ask "name"', notes: ['é', '\u2028'] });
    await state.saveChanges(first);
    const [written] = await db('bot_state').where({ key: 'test/conversations/unchanged/' }).select('etag');

    const reading = turn();
    expect(await form.get(reading)).toEqual({ step: 'ask "name"', notes: ['é', '\u2028'] });
    await state.saveChanges(reading);
    expect(await db('bot_state').where({ key: 'test/conversations/unchanged/' }).select('etag')).toEqual([written]);

    const changing = turn();
    (await form.get(changing))!.notes.push('more');
    await state.saveChanges(changing);
    const [rewritten] = await db('bot_state').where({ key: 'test/conversations/unchanged/' }).select('etag');
    expect(rewritten.etag).not.toBe(written.etag);
    expect((await form.get(turn()))!.notes).toEqual(['é', '\u2028', 'more']);
  });

  it('rejects a write with a stale eTag and accepts the current one', async () => {
    await storage.write({ doc: { v: 1 } });
    const first = (await storage.read(['doc'])).doc;
    await storage.write({ doc: { ...first, v: 2 } });
    await expect(storage.write({ doc: { ...first, v: 3 } })).rejects.toThrow(/eTag conflict/);
    const current = (await storage.read(['doc'])).doc;
    expect(current.v).toBe(2);
    await storage.write({ doc: { ...current, v: 4 } });
    expect((await storage.read(['doc'])).doc.v).toBe(4);
  });

  it("always writes with '*' or without an eTag", async () => {
    await storage.write({ star: { v: 1 } });
    await storage.write({ star: { v: 2, eTag: '*' } });
    await storage.write({ star: { v: 3 } });
    expect((await storage.read(['star'])).star.v).toBe(3);
  });

  it('creates a document written with an eTag when none exists yet', async () => {
    await storage.write({ fresh: { v: 1, eTag: 'whatever' } });
    expect((await storage.read(['fresh'])).fresh.v).toBe(1);
  });

  it('keeps documents across a reopening of the database (a restart)', async () => {
    await storage.write({ persistent: { step: 2 } });
    await db.destroy();
    db = await openDatabase(url);
    storage = new SqlStorage(new StateRepository(db));
    expect((await storage.read(['persistent'])).persistent.step).toBe(2);
  });

  it('survives concurrent writers on the same database (SQLite: WAL and busy timeout, no SQLITE_BUSY)', async () => {
    const other = await openDatabase(url);
    const otherStorage = new SqlStorage(new StateRepository(other));
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? storage : otherStorage).write({ [`k${i}`]: { i } })));
    const read = await storage.read(Array.from({ length: 40 }, (_, i) => `k${i}`));
    expect(Object.keys(read)).toHaveLength(40);
    if (databases.engine === 'sqlite') {
      const [{ journal_mode }] = (await db.raw('PRAGMA journal_mode')) as Array<{ journal_mode: string }>;
      expect(journal_mode).toBe('wal');
      // Statement journals (a batch of the interaction log runs several inserts in one transaction) in memory, not in temporary files.
      const [{ temp_store }] = (await db.raw('PRAGMA temp_store')) as Array<{ temp_store: number }>;
      expect(temp_store).toBe(2);
    }
    await other.destroy();
  });

  it('two instances writing the same conversation with the same eTag: exactly one wins, never a silent overwrite', async () => {
    const instances = await Promise.all([openDatabase(url), openDatabase(url)]);
    try {
      const [a, b] = instances.map((d) => new SqlStorage(new StateRepository(d)));
      for (let round = 0; round < 20; round += 1) {
        const key = `conversation/${round}`;
        await a.write({ [key]: { turn: 0 } });
        const [readA, readB] = [(await a.read([key]))[key], (await b.read([key]))[key]];
        expect(readA.eTag).toBe(readB.eTag);
        const results = await Promise.allSettled([a.write({ [key]: { ...readA, turn: 1, by: 'a' } }), b.write({ [key]: { ...readB, turn: 1, by: 'b' } })]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(String(lost[0].reason)).toMatch(/eTag conflict/);
        const winner = results[0].status === 'fulfilled' ? 'a' : 'b';
        expect((await a.read([key]))[key]).toMatchObject({ turn: 1, by: winner });
      }
    } finally {
      await Promise.all(instances.map((d) => d.destroy()));
    }
  });

  it('two instances creating the same new document with an eTag: one creates it, the other gets a conflict', async () => {
    const instances = await Promise.all([openDatabase(url), openDatabase(url)]);
    try {
      const repos = instances.map((d) => new StateRepository(d));
      for (let round = 0; round < 20; round += 1) {
        const key = `fresh/${round}`;
        const results = await Promise.allSettled(repos.map((r, i) => r.write(key, { by: i }, 'stale-etag')));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const winner = results.findIndex((r) => r.status === 'fulfilled');
        const stored = await repos[0].read([key]);
        expect(stored.get(key)).toEqual({ data: { by: winner }, json: JSON.stringify({ by: winner }), etag: (results[winner] as PromiseFulfilledResult<string>).value });
      }
    } finally {
      await Promise.all(instances.map((d) => d.destroy()));
    }
  });
});
