import type { Knex } from 'knex';
import { complaintSearchText } from '../../complaints/complaintSearch';

/**
 * Officers' workflow (issue 14): a complaint is assigned to a named officer (a name from ADMIN_TOKENS),
 * contact attempts are told apart (message left or person reached), a closed complaint has an outcome,
 * complaints can be searched without accents, and exam incidents are taken in charge and resolved.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('complaints', (t) => {
    t.string('assigned_to', 100);
    t.string('assigned_at', 30);
    // founded | partlyFounded | unfounded, set when the complaint is closed.
    t.string('outcome', 24);
    t.text('corrective_measures');
    // Name, contact, description and reference folded (lower case, no accents): search with LIKE on both engines.
    t.text('search_text');
    t.index(['assigned_to', 'status']);
  });
  await db.schema.alterTable('complaint_events', (t) => {
    t.string('contact_channel', 8);
    t.string('contact_result', 16);
    t.string('assignee', 100);
    t.string('previous_assignee', 100);
  });
  await backfillSearchText(db);

  await db.schema.alterTable('exam_incidents', (t) => {
    t.string('assigned_to', 100);
    t.string('taken_at', 30);
    t.string('resolved_at', 30);
    t.index(['status', 'created_at'], 'exam_incidents_status_idx');
  });
  await db.schema.createTable('exam_incident_events', (t) => {
    t.increments('id').primary();
    t.integer('incident_id').notNullable().references('id').inTable('exam_incidents').onDelete('CASCADE');
    t.string('occurred_at', 30).notNullable();
    t.string('type', 32).notNullable();
    t.string('from_status', 16);
    t.string('to_status', 16);
    t.string('actor', 128).notNullable();
    t.text('note');
    t.index(['incident_id', 'id'], 'exam_incident_events_incident_idx');
  });
}

/** Complaints stored before this migration get their search text, by pages of ids. */
async function backfillSearchText(db: Knex): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = (await db('complaints')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .select('id', 'reference', 'complainant_name', 'contact_value', 'description', 'desired_outcome')) as Array<{
      id: number;
      reference: string;
      complainant_name: string;
      contact_value: string;
      description: string;
      desired_outcome: string | null;
    }>;
    if (rows.length === 0) return;
    for (const r of rows) {
      const text = complaintSearchText({
        reference: r.reference,
        name: r.complainant_name,
        contactValue: r.contact_value,
        description: r.description,
        desiredOutcome: r.desired_outcome ?? undefined,
      });
      await db('complaints').where({ id: r.id }).update({ search_text: text });
    }
    after = rows[rows.length - 1].id;
  }
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('exam_incident_events');
  await db.schema.alterTable('exam_incidents', (t) => {
    t.dropIndex(['status', 'created_at'], 'exam_incidents_status_idx');
    t.dropColumn('assigned_to');
    t.dropColumn('taken_at');
    t.dropColumn('resolved_at');
  });
  await db.schema.alterTable('complaint_events', (t) => {
    t.dropColumn('contact_channel');
    t.dropColumn('contact_result');
    t.dropColumn('assignee');
    t.dropColumn('previous_assignee');
  });
  await db.schema.alterTable('complaints', (t) => {
    t.dropIndex(['assigned_to', 'status']);
    t.dropColumn('assigned_to');
    t.dropColumn('assigned_at');
    t.dropColumn('outcome');
    t.dropColumn('corrective_measures');
    t.dropColumn('search_text');
  });
}
