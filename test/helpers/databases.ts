import { join } from 'node:path';
import { createTestPostgresDatabase, postgresTestsSkipped, testPostgresUrl } from './postgres';
import { tempDir } from './tempDir';

/** The engines the database-touching suites run on. */
export type Engine = 'sqlite' | 'postgres';

/** sqlite always; postgres unless SKIP_POSTGRES_TESTS=1. */
export function testEngines(): Engine[] {
  return postgresTestsSkipped() ? ['sqlite'] : ['sqlite', 'postgres'];
}

/** Fresh empty databases on one engine, all removed by `cleanup()`. */
export interface TestDatabases {
  engine: Engine;
  /** A new empty database: a SQLite file in a temp folder, or a new database on the run's PostgreSQL server. */
  url(): Promise<string>;
  cleanup(): Promise<void>;
}

export function testDatabases(engine: Engine): TestDatabases {
  let dir: { path: string; cleanup: () => void } | undefined;
  let count = 0;
  const drops: Array<() => Promise<void>> = [];
  return {
    engine,
    async url() {
      count += 1;
      if (engine === 'sqlite') {
        dir ??= tempDir();
        return `sqlite:${join(dir.path, `test-${count}.sqlite`)}`;
      }
      const created = await createTestPostgresDatabase();
      drops.push(created.drop);
      return created.url;
    },
    async cleanup() {
      dir?.cleanup();
      dir = undefined;
      await Promise.all(drops.splice(0).map((drop) => drop()));
    },
  };
}

/**
 * `describe(title, body)` once per engine, titled « title [sqlite] » and « title [postgres] », so both
 * runs of every test show in jest's output. `body` gets the engine's databases; those it creates are
 * removed after the block. Without a PostgreSQL server (and without SKIP_POSTGRES_TESTS=1) the
 * postgres block fails with the install command instead of passing silently.
 */
export function describeEachDatabase(title: string, body: (databases: TestDatabases) => void): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine}]`, () => {
      const databases = testDatabases(engine);
      if (engine === 'postgres') {
        beforeAll(() => {
          testPostgresUrl(); // throws with the reason and INSTALL_HINT
        });
      }
      body(databases);
      // Registered after the body's hooks, so it runs after them (its connections are closed by then).
      afterAll(() => databases.cleanup());
    });
  }
}
