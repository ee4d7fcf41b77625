import type { Knex } from 'knex';
import * as m001 from './001_foundation';
import * as m002 from './002_complaints';
import * as m003 from './003_exam_incidents';
import * as m004 from './004_faq_feedback';
import * as m005 from './005_deadline_reminders';
import * as m006 from './006_lookup_throttle';
import * as m007 from './007_direct_line';
import * as m008 from './008_scale_out';
import * as m009 from './009_staff_workflow';
import * as m010 from './010_satisfaction';
import * as m011 from './011_citizen_mail';
import * as m012 from './012_callbacks';
import * as m013 from './013_live_help';

export interface Migration {
  name: string;
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

/** Applied in this order, once each; add new files at the end and never edit a released one. */
export const migrations: Migration[] = [
  { name: '001_foundation', ...m001 },
  { name: '002_complaints', ...m002 },
  { name: '003_exam_incidents', ...m003 },
  { name: '004_faq_feedback', ...m004 },
  { name: '005_deadline_reminders', ...m005 },
  { name: '006_lookup_throttle', ...m006 },
  { name: '007_direct_line', ...m007 },
  { name: '008_scale_out', ...m008 },
  { name: '009_staff_workflow', ...m009 },
  { name: '010_satisfaction', ...m010 },
  { name: '011_citizen_mail', ...m011 },
  { name: '012_callbacks', ...m012 },
  { name: '013_live_help', ...m013 },
];

/** Lists migrations from code rather than from the file system, so they run the same from sources and from dist/. */
export class ListMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly list: Migration[]) {}

  getMigrations(): Promise<Migration[]> {
    return Promise.resolve(this.list);
  }

  getMigrationName(migration: Migration): string {
    return migration.name;
  }

  getMigration(migration: Migration): Promise<Knex.Migration> {
    return Promise.resolve({ up: migration.up, down: migration.down });
  }
}
