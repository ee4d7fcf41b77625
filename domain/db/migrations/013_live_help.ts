import type { Knex } from 'knex';

/**
 * Live help (issue 16): a citizen handed to a person during opening hours.
 * - live_help_sessions: one request each; `status` waiting (the queue), active (with an agent), or
 *   final: ended, left (the citizen left the queue), timed_out, refused (not offered, `refused_reason`).
 *   An agent accepts by a conditional UPDATE on status = 'waiting', so two agents never both win.
 *   `conversation_reference` is the Bot Framework reference the agent's messages are sent to.
 * - live_help_messages: what the citizen and the agent wrote during the session (masked).
 * - live_help_notes: the agent's private notes (masked), never shown to the citizen.
 * - live_help_agents: the named agents signed in to the console, their availability and last sign of life.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('live_help_sessions', (t) => {
    t.increments('id').primary();
    t.string('channel_id', 64).notNullable();
    t.string('conversation_id', 200).notNullable();
    t.string('lang', 2).notNullable();
    t.string('status', 12).notNullable();
    t.string('refused_reason', 16);
    t.string('topic', 100);
    t.string('reference', 20);
    t.text('conversation_reference');
    t.string('requested_at', 30).notNullable();
    // When the item entered the queue (kept when it goes back after an agent's disconnection: it stays first).
    t.string('queued_at', 30);
    t.string('accepted_at', 30);
    t.string('ended_at', 30);
    // agent, citizen, timeout
    t.string('ended_by', 12);
    t.string('agent', 100);
    t.integer('announced_place');
    t.integer('requeued').notNullable().defaultTo(0);
    t.index(['status', 'queued_at'], 'live_help_sessions_status_idx');
    t.index(['conversation_id'], 'live_help_sessions_conversation_idx');
    t.index(['requested_at'], 'live_help_sessions_requested_idx');
  });

  await db.schema.createTable('live_help_messages', (t) => {
    t.increments('id').primary();
    t.integer('session_id').notNullable().references('id').inTable('live_help_sessions').onDelete('CASCADE');
    // citizen or agent
    t.string('author', 8).notNullable();
    t.string('agent', 100);
    t.text('text').notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['session_id', 'id'], 'live_help_messages_session_idx');
  });

  await db.schema.createTable('live_help_notes', (t) => {
    t.increments('id').primary();
    t.integer('session_id').notNullable().references('id').inTable('live_help_sessions').onDelete('CASCADE');
    t.string('agent', 100).notNullable();
    t.text('text').notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['session_id'], 'live_help_notes_session_idx');
  });

  await db.schema.createTable('live_help_agents', (t) => {
    t.string('name', 100).primary();
    // available or away
    t.string('status', 10).notNullable();
    t.string('last_seen_at', 30).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('live_help_agents');
  await db.schema.dropTable('live_help_notes');
  await db.schema.dropTable('live_help_messages');
  await db.schema.dropTable('live_help_sessions');
}
