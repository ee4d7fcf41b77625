import type { Knex } from 'knex';

/**
 * Scale-out (issue 13): the built-in Direct Line's conversations and activities in the database, so
 * that any instance can serve any request of any conversation and a page's history survives a reload,
 * a restart and a crash. Activities are numbered per conversation (seq, the watermark), the number
 * taken as max()+1 and made unique by the primary key (a writer that loses the race retries). The
 * turn lease (turn_owner, turn_until) runs the turns of one conversation one at a time across
 * instances. Kept DIRECT_LINE_RETENTION_HOURS, then purged by the daily state job.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('direct_line_conversations', (t) => {
    t.string('id', 64).primary();
    t.string('user_id', 80).notNullable();
    t.string('locale', 8).notNullable();
    // The conversationUpdate (the welcome) has been handed to the bot: set once, by one instance.
    t.boolean('started').notNullable().defaultTo(false);
    t.string('created_at', 30).notNullable();
    // Last start, reconnect or refresh: the conversation is purged once this is older than the retention.
    t.string('updated_at', 30).notNullable();
    // Which instance runs a turn of this conversation, and until when its lease holds (epoch ms).
    t.string('turn_owner', 64);
    t.bigInteger('turn_until');
    t.index(['updated_at'], 'direct_line_conversations_updated_idx');
  });
  await db.schema.createTable('direct_line_activities', (t) => {
    t.string('conversation_id', 64).notNullable();
    t.integer('seq').notNullable();
    // The activity as the page reads it (JSON), unmasked: the citizen sees what they typed.
    t.text('data').notNullable();
    t.string('created_at', 30).notNullable();
    t.primary(['conversation_id', 'seq']);
    t.index(['created_at'], 'direct_line_activities_created_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('direct_line_activities');
  await db.schema.dropTable('direct_line_conversations');
}
