import type { Knex } from 'knex';

/**
 * Callback requests (issue 16): a citizen asks to be called back in a slot within the Centre's
 * opening hours.
 * - callbacks: the request (RA-YYYY-NNNNNN), stored once per submission id (a repeated « Confirmer »
 *   stores nothing new); name, phone, e-mail and subject are personal information, erased after
 *   CALLBACK_RETENTION_DAYS (the dates, slot and status stay for the statistics).
 * - callback_events: who did what (assignment, attempts, done, cancelled), named staff.
 * - callback_reminders: a slot about to pass without a call, signalled once per callback and slot
 *   (unique key: the claim), mailed through the staff outbox reminder_digests (kind `callback`).
 * - citizen_mails.callback_id: the acknowledgement of a callback goes through the citizens' outbox;
 *   such a row has no complaint.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('callbacks', (t) => {
    t.increments('id').primary();
    t.string('reference', 20).notNullable().unique('callbacks_reference_key');
    t.string('submission_id', 64).notNullable().unique('callbacks_submission_key');
    // pending, attempted (no answer yet, still to call), done, cancelled
    t.string('status', 16).notNullable();
    t.text('name');
    t.text('phone').notNullable();
    t.text('email');
    // Masked (domain/privacy) before it is stored.
    t.text('subject').notNullable();
    t.string('locale', 10);
    t.string('channel_id', 32);
    // The local day and the half-day (morning or afternoon opening period) chosen, and its bounds.
    t.string('slot_date', 10).notNullable();
    t.string('slot_period', 16).notNullable();
    t.string('slot_start', 30).notNullable();
    t.string('slot_end', 30).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('assigned_to', 100);
    t.string('assigned_at', 30);
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('last_attempt_at', 30);
    // reached or messageLeft, when done
    t.string('outcome', 16);
    t.string('done_at', 30);
    t.string('cancelled_at', 30);
    t.string('anonymized_at', 30);
    t.index(['status', 'slot_end'], 'callbacks_status_slot_idx');
    t.index(['assigned_to', 'status'], 'callbacks_assigned_idx');
    t.index(['created_at'], 'callbacks_created_idx');
  });

  await db.schema.createTable('callback_events', (t) => {
    t.increments('id').primary();
    t.integer('callback_id').notNullable().references('id').inTable('callbacks').onDelete('CASCADE');
    t.string('occurred_at', 30).notNullable();
    // created, assigned, unassigned, attempt, done, cancelled
    t.string('type', 16).notNullable();
    t.string('from_status', 16);
    t.string('to_status', 16);
    t.string('actor', 128).notNullable();
    t.string('result', 16);
    t.string('assignee', 100);
    t.text('note');
    t.index(['callback_id', 'id'], 'callback_events_callback_idx');
  });

  await db.schema.createTable('callback_reminders', (t) => {
    t.increments('id').primary();
    t.integer('callback_id').notNullable().references('id').inTable('callbacks').onDelete('CASCADE');
    t.string('reference', 20).notNullable();
    t.string('slot_start', 30).notNullable();
    // officer (the assigned one) or managers (unassigned)
    t.string('routed_to', 16).notNullable();
    t.string('claimed_at', 30).notNullable();
    t.integer('digest_id').references('id').inTable('reminder_digests').onDelete('SET NULL');
    t.unique(['callback_id', 'slot_start'], { indexName: 'callback_reminders_key' });
  });

  await db.schema.alterTable('citizen_mails', (t) => {
    t.integer('callback_id').references('id').inTable('callbacks').onDelete('CASCADE');
  });
  await db.schema.alterTable('citizen_mails', (t) => {
    t.setNullable('complaint_id');
  });
  await db.schema.alterTable('citizen_mails', (t) => {
    t.unique(['callback_id', 'kind'], { indexName: 'citizen_mails_callback_key' });
  });
}

export async function down(db: Knex): Promise<void> {
  await db('citizen_mails').whereNull('complaint_id').delete();
  await db.schema.alterTable('citizen_mails', (t) => {
    t.dropUnique(['callback_id', 'kind'], 'citizen_mails_callback_key');
  });
  await db.schema.alterTable('citizen_mails', (t) => {
    t.dropForeign(['callback_id']);
    t.dropColumn('callback_id');
  });
  await db.schema.alterTable('citizen_mails', (t) => {
    t.dropNullable('complaint_id');
  });
  await db.schema.dropTable('callback_reminders');
  await db.schema.dropTable('callback_events');
  await db.schema.dropTable('callbacks');
}
