import type { Knex } from 'knex';

/** "Cette réponse vous a-t-elle été utile ?" answers, per knowledge-base entry. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('faq_feedback', (t) => {
    t.increments('id').primary();
    t.string('created_at', 30).notNullable();
    t.string('entry_id', 64).notNullable();
    t.boolean('helpful').notNullable();
    t.string('channel_id', 64);
    t.string('conversation_id', 256);
    t.string('locale', 16);
    t.index(['entry_id', 'created_at'], 'faq_feedback_entry_idx');
    t.index(['created_at'], 'faq_feedback_created_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('faq_feedback');
}
