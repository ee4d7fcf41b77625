import type { Knex } from 'knex';

/**
 * One-question satisfaction ratings (issue 14): at the end of a chat, and after a complaint is closed
 * (from the survey link in the answer e-mail, or in the chat's follow-up). The comment is stored masked.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('satisfaction_ratings', (t) => {
    t.increments('id').primary();
    t.string('rated_at', 30).notNullable();
    // conversation (end of a chat) or complaint (after closing)
    t.string('source', 16).notNullable();
    // The service rated: a complaint service key, or the chat's topic (an FAQ entry id, exam-problem…)
    t.string('service', 64).notNullable();
    t.integer('rating').notNullable();
    t.string('comment', 1000);
    t.string('channel_id', 64);
    t.string('conversation_id', 256);
    t.string('complaint_reference', 32);
    t.string('locale', 16);
    t.index(['rated_at'], 'satisfaction_rated_idx');
    // One rating per closed complaint, however many times its link is opened.
    t.unique(['complaint_reference'], { indexName: 'satisfaction_complaint_unique' });
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('satisfaction_ratings');
}
