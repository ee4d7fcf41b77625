import type { Knex } from 'knex';
import * as m001 from './001_foundation';

export interface Migration {
  name: string;
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

/** Applied in this order, once each; add new files at the end and never edit a released one. */
export const migrations: Migration[] = [{ name: '001_foundation', ...m001 }];

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
