import type { Knex } from 'knex';

/**
 * Deadline reminders (issue 6): one row per alert raised on a complaint's clock, claimed once thanks
 * to the unique (complaint_id, clock, level) key, and the outbox of staff digests that carry them.
 * The staff tools read both: deadline_alerts for breach statistics, reminder_digests for failures.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('reminder_digests', (t) => {
    t.increments('id').primary();
    t.string('created_at', 30).notNullable();
    // pending: not tried yet; failed: the last attempt failed and the digest stays queued until
    // next_attempt_at; sent: delivered to the SMTP server (final).
    t.enu('status', ['pending', 'sent', 'failed']).notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('next_attempt_at', 30).notNullable();
    t.string('last_attempt_at', 30);
    // An error code only (ECONNECTION, EAUTH, EENVELOPE:550…), never a server message.
    t.string('last_error_code', 64);
    t.string('sent_at', 30);
    // Staff addresses (STAFF_EMAILS when the digest was made), comma-separated.
    t.text('recipients').notNullable();
    t.text('subject').notNullable();
    t.text('text_body').notNullable();
    t.text('html_body').notNullable();
    // Alerts mailed by this digest (superseded ones are not counted).
    t.integer('alert_count').notNullable().defaultTo(0);
    t.index(['status', 'next_attempt_at'], 'reminder_digests_due_idx');
  });

  await db.schema.createTable('deadline_alerts', (t) => {
    t.increments('id').primary();
    t.integer('complaint_id').notNullable().references('id').inTable('complaints').onDelete('CASCADE');
    t.string('reference', 20).notNullable();
    t.enu('clock', ['firstContact', 'answer']).notNullable();
    t.enu('level', ['atRisk', 'dueToday', 'overdue']).notNullable();
    t.string('due_date', 10).notNullable();
    // Business days from the evaluation day to the due date: positive when left, 0 on the due date,
    // negative when late.
    t.integer('business_days_left').notNullable();
    t.string('raised_at', 30).notNullable();
    t.integer('digest_id').references('id').inTable('reminder_digests').onDelete('SET NULL');
    t.string('sent_at', 30);
    // Reached while no pass ran (downtime, weekend, holiday) and overtaken by a more severe level in
    // the same pass: recorded for statistics, never mailed.
    t.boolean('superseded').notNullable().defaultTo(false);
    t.unique(['complaint_id', 'clock', 'level'], { indexName: 'deadline_alerts_key' });
    t.index(['digest_id'], 'deadline_alerts_digest_idx');
    t.index(['level', 'due_date'], 'deadline_alerts_level_idx');
  });

  // The scheduler's scans: only the clocks still running, by due date, covering what a pass reads
  // (id, reference, service), so a pass over 100 000 open complaints never touches the table rows.
  await db.raw(
    `create index complaints_first_contact_running_idx on complaints (first_contact_due_date, reference, service, status, first_contact_at) where status = 'received' and first_contact_at is null`,
  );
  await db.raw(
    `create index complaints_answer_running_idx on complaints (answer_due_date, reference, service, status, answered_at) where status in ('received', 'contacted') and answered_at is null`,
  );
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop index if exists complaints_answer_running_idx');
  await db.raw('drop index if exists complaints_first_contact_running_idx');
  await db.schema.dropTable('deadline_alerts');
  await db.schema.dropTable('reminder_digests');
}
