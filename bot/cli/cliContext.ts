import type { Writable } from 'node:stream';
import type { Config } from '../config';
import type { Database } from '../../domain/db/database';
import { openDatabase } from '../../domain/db/database';
import type { Clock } from '../../domain/clock';

/** Exit codes scripts can rely on. */
export const ExitCode = { ok: 0, failure: 1, usage: 2, notFound: 3 } as const;

/** Thrown by a command to end with a clear message and a given exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
}

/** What every command gets: the validated configuration, the database (opened on first use), output streams and a clock. */
export class CliContext {
  private db: Database | undefined;

  constructor(
    readonly config: Config,
    readonly io: CliIo,
    readonly clock: Clock,
  ) {}

  async database(): Promise<Database> {
    this.db ??= await openDatabase(this.config.DATABASE_URL, { poolMax: this.config.DATABASE_POOL_MAX });
    return this.db;
  }

  print(line = ''): void {
    this.io.stdout.write(`${line}\n`);
  }

  async close(): Promise<void> {
    await this.db?.destroy();
    this.db = undefined;
  }
}
