import type { Knex } from 'knex';

/** Officers' workflow (issue 14): a complaint is assigned to a named officer (a name from ADMIN_TOKENS). */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('complaints', (t) => {
    t.string('assigned_to', 100);
    t.string('assigned_at', 30);
    t.index(['assigned_to', 'status']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('complaints', (t) => {
    t.dropIndex(['assigned_to', 'status']);
    t.dropColumn('assigned_to');
    t.dropColumn('assigned_at');
  });
}
