import type { Knex } from 'knex';

/**
 * Hardening (issue 11): failed complaint-status lookups counted per conversation, per reference and
 * per client address, so a limit holds across conversations and restarts. Keys are keyed hashes
 * (domain/complaints/lookupThrottle.ts), never an address or a reference in clear. And an index for
 * the purge of conversation state older than STATE_RETENTION_DAYS.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('lookup_throttle', (t) => {
    t.string('key', 128).primary();
    t.integer('failures').notNullable().defaultTo(0);
    t.string('window_started_at', 30).notNullable();
    t.string('locked_until', 30);
    // When the row no longer matters (end of its window or of its lock): purged after that.
    t.string('expires_at', 30).notNullable();
    t.index(['expires_at'], 'lookup_throttle_expires_idx');
  });
  await db.schema.alterTable('bot_state', (t) => {
    t.index(['updated_at'], 'bot_state_updated_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('bot_state', (t) => {
    t.dropIndex(['updated_at'], 'bot_state_updated_idx');
  });
  await db.schema.dropTable('lookup_throttle');
}
