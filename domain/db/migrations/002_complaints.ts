import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // One counter per reference prefix and year: PL-2026-000123, EX-2026-000045.
  await db.schema.createTable('reference_counters', (t) => {
    t.string('prefix', 8).notNullable();
    t.integer('year').notNullable();
    t.integer('last_value').notNullable();
    t.primary(['prefix', 'year']);
  });

  await db.schema.createTable('complaints', (t) => {
    t.increments('id').primary();
    t.string('reference', 20).notNullable().unique();
    t.string('submission_id', 64).notNullable().unique();
    t.string('status', 16).notNullable();
    t.string('received_at', 30).notNullable();
    t.string('received_date', 10).notNullable();
    t.string('calendar_version', 32).notNullable();
    t.string('first_contact_due_date', 10).notNullable();
    t.string('first_contact_due_at', 30).notNullable();
    t.string('answer_due_date', 10).notNullable();
    t.string('answer_due_at', 30).notNullable();
    t.string('first_contact_at', 30);
    t.string('answered_at', 30);
    // Business days from the day of receipt to the event: kept so statistics are plain SQL aggregates.
    t.integer('first_contact_business_days');
    t.integer('answer_business_days');
    t.string('closed_at', 30);
    t.string('abandoned_at', 30);
    t.text('complainant_name').notNullable();
    t.string('contact_method', 8).notNullable();
    t.text('contact_value').notNullable();
    t.string('contact_key', 320).notNullable();
    t.string('service', 64).notNullable();
    t.string('incident_date', 10);
    t.text('description').notNullable();
    t.text('desired_outcome');
    t.string('channel_id', 64);
    t.string('conversation_id', 256);
    t.string('locale', 16);
    t.boolean('anonymized').notNullable().defaultTo(false);
    t.string('updated_at', 30).notNullable();
    t.index(['status', 'received_at'], 'complaints_status_idx');
    t.index(['received_at'], 'complaints_received_idx');
    t.index(['status', 'first_contact_due_at'], 'complaints_first_contact_due_idx');
    t.index(['status', 'answer_due_at'], 'complaints_answer_due_idx');
  });

  await db.schema.createTable('complaint_events', (t) => {
    t.increments('id').primary();
    t.integer('complaint_id').notNullable().references('id').inTable('complaints').onDelete('CASCADE');
    t.string('occurred_at', 30).notNullable();
    t.string('type', 32).notNullable();
    t.string('from_status', 16);
    t.string('to_status', 16);
    t.string('actor', 128).notNullable();
    t.text('note');
    t.index(['complaint_id', 'id'], 'complaint_events_complaint_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('complaint_events');
  await db.schema.dropTable('complaints');
  await db.schema.dropTable('reference_counters');
}
