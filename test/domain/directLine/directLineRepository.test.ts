import { fixedClock } from '../../../domain/clock';
import { Database, openDatabase } from '../../../domain/db/database';
import { DirectLineRepository } from '../../../domain/directLine/directLineRepository';
import { describeEachDatabase } from '../../helpers/databases';

const NOW = '2026-11-23T15:00:00Z';

describeEachDatabase('DirectLineRepository', (databases) => {
  let a: Database;
  let b: Database;
  const clock = fixedClock(NOW);
  let one: DirectLineRepository;
  let two: DirectLineRepository; // a second instance on the same database

  beforeAll(async () => {
    const url = await databases.url();
    a = await openDatabase(url);
    b = await openDatabase(url);
    one = new DirectLineRepository(a, clock);
    two = new DirectLineRepository(b, clock);
  });
  afterAll(async () => {
    await a?.destroy();
    await b?.destroy();
  });

  it('numbers the activities of a conversation from 0 and reads them by watermark', async () => {
    await one.ensure({ id: 'conv-number', userId: 'dl_user', locale: 'fr-CA' });
    for (const text of ['a', 'b', 'c']) await one.append('conv-number', (_seq, id) => ({ type: 'message', text, id }));
    expect(await two.read('conv-number', 0)).toEqual({
      watermark: 3,
      activities: [
        { type: 'message', text: 'a', id: 'conv-number|0000000' },
        { type: 'message', text: 'b', id: 'conv-number|0000001' },
        { type: 'message', text: 'c', id: 'conv-number|0000002' },
      ],
    });
    expect((await two.read('conv-number', 2)).activities.map((x) => x.text)).toEqual(['c']);
    expect(await two.read('conv-number', 3)).toEqual({ activities: [], watermark: 3 });
    expect(await two.read('conv-number', 99)).toEqual({ activities: [], watermark: 3 });
    expect(await two.read('conv-unknown', 0)).toEqual({ activities: [], watermark: 0 });
    expect((await two.read('conv-number', 0, 2)).watermark).toBe(2);
  });

  it('gives every activity its own number when two instances write at once', async () => {
    await one.ensure({ id: 'conv-race', userId: 'dl_user', locale: 'fr-CA' });
    const writes = Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).append('conv-race', (seq, id) => ({ type: 'message', text: `m${i}`, id, seq })));
    const seqs = await Promise.all(writes);
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const { activities } = await one.read('conv-race', 0);
    expect(activities.map((x) => x.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(new Set(activities.map((x) => x.text)).size).toBe(40);
  });

  it('starts a conversation once, whichever instance asks, and keeps it on ensure', async () => {
    await one.ensure({ id: 'conv-start', userId: 'dl_user', locale: 'en-CA' });
    await two.ensure({ id: 'conv-start', userId: 'dl_other', locale: 'fr-CA' });
    const results = await Promise.all([one.markStarted('conv-start'), two.markStarted('conv-start'), one.markStarted('conv-start')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await two.get('conv-start')).toEqual({ id: 'conv-start', userId: 'dl_user', locale: 'en-CA', started: true });
    expect(await two.get('conv-none')).toBeUndefined();
  });

  it('lends the turn of a conversation to one instance at a time, until released or expired', async () => {
    await one.ensure({ id: 'conv-turn', userId: 'dl_user', locale: 'fr-CA' });
    const t = Date.parse(NOW);
    expect(await one.acquireTurn('conv-turn', 'A', t, t + 1000)).toBe(true);
    expect(await two.acquireTurn('conv-turn', 'B', t + 10, t + 1010)).toBe(false);
    await one.releaseTurn('conv-turn', 'A');
    expect(await two.acquireTurn('conv-turn', 'B', t + 20, t + 1020)).toBe(true);
    await one.releaseTurn('conv-turn', 'A'); // not A's: nothing happens
    expect(await one.acquireTurn('conv-turn', 'A', t + 30, t + 1030)).toBe(false);
    // B crashed: its lease runs out.
    expect(await one.acquireTurn('conv-turn', 'A', t + 1021, t + 2021)).toBe(true);
    expect(await one.acquireTurn('conv-missing', 'A', t, t + 1000)).toBe(false);
  });

  it('purges what is older than the retention: old activities, and unused conversations with theirs', async () => {
    const old = fixedClock('2026-11-20T10:00:00Z');
    const before = new DirectLineRepository(a, old);
    await before.ensure({ id: 'conv-old', userId: 'dl_user', locale: 'fr-CA' });
    await before.append('conv-old', (_s, id) => ({ type: 'message', id }));
    await before.ensure({ id: 'conv-active', userId: 'dl_user', locale: 'fr-CA' });
    await before.append('conv-active', (_s, id) => ({ type: 'message', text: 'old', id }));
    await one.ensure({ id: 'conv-active', userId: 'dl_user', locale: 'fr-CA' }); // used again today
    await one.append('conv-active', (_s, id) => ({ type: 'message', text: 'new', id }));

    const deleted = await two.deleteOlderThan(new Date('2026-11-22T15:00:00Z'), 1);
    expect(deleted).toEqual({ conversations: 1, activities: 1 });
    expect(await one.get('conv-old')).toBeUndefined();
    expect((await one.read('conv-old', 0)).activities).toEqual([]);
    expect((await one.read('conv-active', 0)).activities.map((x) => x.text)).toEqual(['new']);
    // Numbering goes on after the purge (watermarks of open pages stay valid).
    expect(await one.append('conv-active', (_s, id) => ({ id }))).toBe(2);
  });
});
