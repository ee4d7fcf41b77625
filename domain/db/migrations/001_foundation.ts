import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('bot_state', (t) => {
    t.string('key', 512).primary();
    t.string('etag', 64).notNullable();
    t.text('data').notNullable();
    t.string('updated_at', 30).notNullable();
  });

  await db.schema.createTable('settings', (t) => {
    t.string('key', 128).primary();
    t.text('value').notNullable();
  });

  await db.schema.createTable('interactions', (t) => {
    t.increments('id').primary();
    t.string('occurred_at', 30).notNullable();
    t.string('channel_id', 64).notNullable();
    t.string('conversation_id', 256).notNullable();
    t.string('activity_id', 256);
    t.string('reply_to_id', 256);
    t.string('direction', 8).notNullable();
    t.string('activity_type', 32).notNullable();
    t.string('locale', 16);
    t.string('user_pseudonym', 32);
    t.text('text');
    t.boolean('redacted').notNullable().defaultTo(false);
    t.string('dialog', 64);
    t.string('intent', 128);
    t.float('intent_score');
    t.integer('latency_ms');
    t.text('activity_json').notNullable();
    t.index(['channel_id', 'conversation_id', 'id'], 'interactions_conversation_idx');
    t.index(['occurred_at'], 'interactions_occurred_at_idx');
    t.index(['intent'], 'interactions_intent_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('interactions');
  await db.schema.dropTable('settings');
  await db.schema.dropTable('bot_state');
}
