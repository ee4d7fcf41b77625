import type { Knex } from 'knex';

/** Online-exam technical problems reported in the chat (issue: exam triage). */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('exam_incidents', (t) => {
    t.increments('id').primary();
    t.string('reference', 20).notNullable().unique();
    t.string('submission_id', 64).notNullable().unique();
    t.string('created_at', 30).notNullable();
    t.string('problem_at', 30);
    t.boolean('exam_in_progress').notNullable();
    t.string('problem_kind', 32).notNullable();
    t.text('exam_name');
    t.text('device');
    t.text('browser');
    t.string('priority', 16).notNullable();
    t.string('route', 32).notNullable();
    t.boolean('centre_open').notNullable();
    t.string('status', 16).notNullable().defaultTo('open');
    t.string('calendar_version', 32).notNullable();
    t.string('channel_id', 64);
    t.string('conversation_id', 256);
    t.string('locale', 16);
    t.index(['created_at'], 'exam_incidents_created_idx');
    t.index(['problem_kind', 'route'], 'exam_incidents_kind_route_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('exam_incidents');
}
