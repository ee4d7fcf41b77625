import type { Knex } from 'knex';

/**
 * The citizen kept informed, and reminders people act on (issue 14):
 * - citizen_mails: the outbox of e-mails to complainants (acknowledgement, answer), one of each kind
 *   per complaint, claimed for delivery by a conditional UPDATE like the staff digests; the address
 *   and the bodies are blanked once the message is sent.
 * - digest_entries: which complaint went in which staff digest, once per local day and recipient
 *   group (an overdue complaint comes back every business day, never twice the same day).
 * - deadline_escalations: an overdue clock signalled to the managers, once per complaint and clock.
 * - reminder_digests.kind: a staff digest or a managers' escalation.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('citizen_mails', (t) => {
    t.increments('id').primary();
    t.integer('complaint_id').notNullable().references('id').inTable('complaints').onDelete('CASCADE');
    t.string('reference', 20).notNullable();
    // acknowledgement (accusé de réception) or answer
    t.string('kind', 16).notNullable();
    t.string('lang', 2).notNullable();
    t.string('created_at', 30).notNullable();
    // pending, failed (kept for a retry at next_attempt_at) or sent (final)
    t.string('status', 8).notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('next_attempt_at', 30).notNullable();
    t.string('last_attempt_at', 30);
    // An error code only (ECONNECTION, EENVELOPE:550…), never a server message.
    t.string('last_error_code', 64);
    t.string('sent_at', 30);
    // Personal information until sent, then blanked.
    t.text('recipient').notNullable();
    t.text('subject').notNullable();
    t.text('text_body').notNullable();
    t.text('html_body').notNullable();
    t.unique(['complaint_id', 'kind'], { indexName: 'citizen_mails_key' });
    t.index(['status', 'next_attempt_at'], 'citizen_mails_due_idx');
  });

  await db.schema.alterTable('reminder_digests', (t) => {
    // digest (staff: the assigned officer or the team) or escalation (managers)
    t.string('kind', 16).notNullable().defaultTo('digest');
  });

  await db.schema.createTable('digest_entries', (t) => {
    t.increments('id').primary();
    t.integer('digest_id').notNullable().references('id').inTable('reminder_digests').onDelete('CASCADE');
    t.integer('complaint_id').notNullable().references('id').inTable('complaints').onDelete('CASCADE');
    t.string('reference', 20).notNullable();
    // The local day (Québec) of the pass.
    t.string('digest_day', 10).notNullable();
    // A hash of the recipients' addresses: the same complaint may reach a new officer the same day.
    t.string('recipient_key', 64).notNullable();
    t.string('created_at', 30).notNullable();
    t.unique(['complaint_id', 'digest_day', 'recipient_key'], { indexName: 'digest_entries_key' });
    t.index(['digest_id'], 'digest_entries_digest_idx');
  });

  await db.schema.createTable('deadline_escalations', (t) => {
    t.increments('id').primary();
    t.integer('complaint_id').notNullable().references('id').inTable('complaints').onDelete('CASCADE');
    t.string('reference', 20).notNullable();
    t.string('clock', 16).notNullable();
    t.string('due_date', 10).notNullable();
    t.integer('business_days_late').notNullable();
    t.string('escalated_at', 30).notNullable();
    t.integer('digest_id').references('id').inTable('reminder_digests').onDelete('SET NULL');
    t.string('sent_at', 30);
    t.unique(['complaint_id', 'clock'], { indexName: 'deadline_escalations_key' });
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('deadline_escalations');
  await db.schema.dropTable('digest_entries');
  await db.schema.alterTable('reminder_digests', (t) => t.dropColumn('kind'));
  await db.schema.dropTable('citizen_mails');
}
