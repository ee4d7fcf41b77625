import { existsSync } from 'node:fs';
import { openDatabase } from '../../../domain/db/database';
import { withPreparedStatements } from '../../../domain/db/sqlitePrepared';
import { ETagConflictError, StateRepository } from '../../../domain/db/stateRepository';
import { tempDatabaseUrl, tempDir } from '../../helpers/tempDir';

/** The bot state's statements run prepared on knex's own SQLite connection (see sqlitePrepared.ts). */
describe('prepared statements on SQLite', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it('are finalized when the pool closes its connection: the file closes and opens again', async () => {
    const url = tempDatabaseUrl(dir.path, 'closing.sqlite');
    const db = await openDatabase(url);
    const state = new StateRepository(db);
    const etag = await state.write('conv/a', { step: 1 }, 'absent');
    await state.write('conv/a', { step: 2 }, etag);
    expect((await state.read(['conv/a'])).get('conv/a')?.data).toEqual({ step: 2 });
    // sqlite3_close fails while a statement is open: destroy() would leave the WAL files behind.
    await db.destroy();
    expect(existsSync(`${dir.path}/closing.sqlite-wal`)).toBe(false);
    const reopened = await openDatabase(url);
    expect((await new StateRepository(reopened).read(['conv/a'])).get('conv/a')?.data).toEqual({ step: 2 });
    await reopened.destroy();
  });

  it('wait for a transaction holding the connection, as knex queries do', async () => {
    const db = await openDatabase(tempDatabaseUrl(dir.path, 'waiting.sqlite'));
    const state = new StateRepository(db);
    const etag = await state.write('conv/b', { step: 1 }, '*');
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let updated!: () => void;
    const inside = new Promise<void>((resolve) => (updated = resolve));
    const transaction = db.transaction(async (trx) => {
      await trx('bot_state')
        .where({ key: 'conv/b' })
        .update({ data: JSON.stringify({ step: 'in transaction' }) });
      updated();
      await held;
      order.push('transaction committed');
    });
    await inside;
    // The write is queued behind the transaction, which has the pool's only connection.
    const write = state.write('conv/b', { step: 2 }, etag).then(() => order.push('state written'));
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual([]);
    release();
    await Promise.all([transaction, write]);
    expect(order).toEqual(['transaction committed', 'state written']);
    expect((await state.read(['conv/b'])).get('conv/b')?.data).toEqual({ step: 2 });
    await db.destroy();
  });

  it('run the operations waiting together under one acquisition, in order, and let a knex query queued meanwhile go first', async () => {
    const db = await openDatabase(tempDatabaseUrl(dir.path, 'rounds.sqlite'));
    const state = new StateRepository(db);
    const acquisitions = jest.spyOn(db.client, 'acquireConnection');
    const keys = Array.from({ length: 10 }, (_, i) => `conv/${i}`);
    await Promise.all(keys.map((key, i) => state.write(key, { i }, 'not-stored-yet')));
    expect(acquisitions).toHaveBeenCalledTimes(1);
    expect([...(await state.read(keys)).values()].map((d) => d.data.i)).toEqual(keys.map((_, i) => i));

    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withPreparedStatements(db, async (sql) => {
      await held;
      order.push('first');
      return sql.all('select 1', []);
    });
    await new Promise((r) => setTimeout(r, 20));
    const query = db('bot_state')
      .count({ n: '*' })
      .then(() => order.push('knex query'));
    const second = withPreparedStatements(db, async (sql) => {
      order.push('second');
      return sql.all('select 1', []);
    });
    release();
    await Promise.all([first, query, second]);
    expect(order).toEqual(['first', 'knex query', 'second']);
    acquisitions.mockRestore();
    await db.destroy();
  });

  it('keep the eTag rules: a stale eTag is refused, an absent document is created once', async () => {
    const db = await openDatabase(tempDatabaseUrl(dir.path, 'etags.sqlite'));
    const state = new StateRepository(db);
    const first = await state.write('conv/c', { v: 1 }, 'not-stored-yet');
    await expect(state.write('conv/c', { v: 2 }, 'not-stored-yet')).rejects.toBeInstanceOf(ETagConflictError);
    const second = await state.writeJson('conv/c', '{"v":3}', first);
    await expect(state.write('conv/c', { v: 4 }, first)).rejects.toBeInstanceOf(ETagConflictError);
    expect((await state.read(['conv/c'])).get('conv/c')).toEqual({ etag: second, data: { v: 3 }, json: '{"v":3}' });
    // A statement that fails (a constraint) leaves the prepared statement usable for the next call.
    await expect(
      withPreparedStatements(db, (sql) => sql.run('insert into bot_state (key, etag, data, updated_at) values (?, ?, ?, ?)', ['conv/c', 'x', '{}', 'now'])),
    ).rejects.toThrow(/UNIQUE/);
    expect(await withPreparedStatements(db, (sql) => sql.all<{ key: string }>('select key from bot_state where key = ?', ['conv/c']))).toEqual([
      { key: 'conv/c' },
    ]);
    await db.destroy();
  });
});
