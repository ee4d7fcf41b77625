import type { Knex } from 'knex';

/**
 * Scale-out (issue 13): one lock row per scheduled job, so each job runs once per tick across
 * instances (domain/db/jobLock.ts). On PostgreSQL the lock itself is an advisory lock; the row keeps
 * the last tick run. On SQLite the row is also the lock, with an expiry in case its holder died.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('scheduler_locks', (t) => {
    // deadline-reminders, interaction-retention-purge…
    t.string('job', 64).primary();
    // The tick (scheduled time, ISO-8601 UTC) last run by some instance: the others skip it.
    t.string('last_tick', 30);
    // SQLite only: who holds the job now and until when.
    t.string('holder', 64);
    t.string('locked_until', 30);
    t.string('updated_at', 30).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('scheduler_locks');
}
