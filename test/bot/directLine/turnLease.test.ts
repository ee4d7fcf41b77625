import { TurnSequencer } from '../../../bot/directLine/turnSequencer';
import { systemClock } from '../../../domain/clock';
import { Database, openDatabase } from '../../../domain/db/database';
import { DirectLineRepository } from '../../../domain/directLine/directLineRepository';
import { describeEachDatabase } from '../../helpers/databases';

/**
 * Two instances (two sequencers) on one database: a turn longer than the lease keeps it by renewing,
 * and a lease whose holder died (never released, never renewed) runs out after one lease.
 */
describeEachDatabase('the turn lease of a conversation', (databases) => {
  const leaseMs = 1_000;
  let db: Database;
  let repository: DirectLineRepository;
  const sequencer = (maxWaitMs = 60_000) => new TurnSequencer(repository, { leaseMs, maxWaitMs, accepting: () => true });

  beforeEach(async () => {
    db = await openDatabase(await databases.url());
    repository = new DirectLineRepository(db, systemClock);
    await repository.ensure({ id: 'c1', userId: 'u1', locale: 'fr-CA' });
  });
  afterEach(async () => db.destroy());

  it('is renewed while a long turn runs: the other instance waits for its end, not for the first lease to run out', async () => {
    const order: string[] = [];
    let finishLong!: () => void;
    const long = sequencer().run('c1', async () => {
      order.push('long starts');
      // Several leases long: without renewal the other instance would start in the middle.
      await new Promise<void>((resolve) => (finishLong = resolve));
      order.push('long ends');
    });
    while (!order.length) await new Promise((r) => setTimeout(r, 5));
    const other = sequencer().run('c1', async () => {
      order.push('other runs');
    });
    await new Promise((r) => setTimeout(r, leaseMs * 3));
    expect(order).toEqual(['long starts']);
    finishLong();
    await Promise.all([long, other]);
    expect(order).toEqual(['long starts', 'long ends', 'other runs']);
  });

  it('runs out when its holder died: the next turn starts after at most one lease', async () => {
    const now = Date.now();
    expect(await repository.acquireTurn('c1', 'a dead instance', now, now + leaseMs)).toBe(true);
    let ran = false;
    await sequencer().run('c1', async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    expect(await repository.renewTurn('c1', 'a dead instance', Date.now() + leaseMs)).toBe(false);
  });
});
