import { openDatabase } from '../../../domain/db/database';
import { describeEachDatabase } from '../../helpers/databases';

/**
 * Instances that start together on a new database all open it, and exactly one migrates. knex creates
 * its lock table by checking then inserting, so two processes could each insert a lock row, and every
 * later start then found the table « already locked » (a CI failure of scaleOut.test.ts).
 */
describeEachDatabase('several instances opening a new database together', (databases) => {
  it('all open it, the schema is migrated once, and knex keeps a single free lock row', async () => {
    for (let round = 0; round < 6; round += 1) {
      const url = await databases.url();
      const opened = await Promise.all([1, 2, 3].map(() => openDatabase(url)));
      try {
        const locks = (await opened[0]('knex_migrations_lock').select('is_locked')) as Array<{ is_locked: number }>;
        expect(locks.map((l) => Number(l.is_locked))).toEqual([0]);
        const names = ((await opened[1]('knex_migrations').select('name')) as Array<{ name: string }>).map((r) => r.name);
        expect(new Set(names).size).toBe(names.length);
        // A later start finds nothing to do and no lock in the way.
        const later = await openDatabase(url);
        await later.destroy();
      } finally {
        await Promise.all(opened.map((db) => db.destroy()));
      }
    }
  });
});
