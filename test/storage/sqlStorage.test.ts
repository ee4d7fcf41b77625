import { SqlStorage } from '../../bot/storage/sqlStorage';
import { Database, openDatabase } from '../../domain/db/database';
import { StateRepository } from '../../domain/db/stateRepository';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';

describe('SqlStorage on a SQLite file', () => {
  const dir = tempDir();
  const url = tempDatabaseUrl(dir.path);
  let db: Database;
  let storage: SqlStorage;

  beforeEach(async () => {
    db = await openDatabase(url);
    storage = new SqlStorage(new StateRepository(db));
  });
  afterEach(async () => db.destroy());
  afterAll(() => dir.cleanup());

  it('writes, reads back with an eTag, and deletes', async () => {
    await storage.write({ 'a/b': { count: 1, nested: { list: [1, 2] } } });
    const read = await storage.read(['a/b', 'missing']);
    expect(read['a/b']).toMatchObject({ count: 1, nested: { list: [1, 2] } });
    expect(typeof read['a/b'].eTag).toBe('string');
    expect(read.missing).toBeUndefined();
    await storage.delete(['a/b']);
    expect(await storage.read(['a/b'])).toEqual({});
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

  it('keeps documents across a reopening of the file (a restart)', async () => {
    await storage.write({ persistent: { step: 2 } });
    await db.destroy();
    db = await openDatabase(url);
    storage = new SqlStorage(new StateRepository(db));
    expect((await storage.read(['persistent'])).persistent.step).toBe(2);
  });

  it('survives concurrent writers on the same file without SQLITE_BUSY (WAL and busy timeout)', async () => {
    const other = await openDatabase(url);
    const otherStorage = new SqlStorage(new StateRepository(other));
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? storage : otherStorage).write({ [`k${i}`]: { i } })));
    const read = await storage.read(Array.from({ length: 40 }, (_, i) => `k${i}`));
    expect(Object.keys(read)).toHaveLength(40);
    const [{ journal_mode }] = (await db.raw('PRAGMA journal_mode')) as Array<{ journal_mode: string }>;
    expect(journal_mode).toBe('wal');
    await other.destroy();
  });
});
