import type { Writable } from 'node:stream';
import type { Config } from '../config';
import type { Database } from '../../domain/db/database';
import { openDatabase } from '../../domain/db/database';
import type { Clock } from '../../domain/clock';
import { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { createServices, Services } from '../services';

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

let sharedCalendar: BusinessCalendar | undefined;

/** The business calendar (data/calendar), loaded once: options are checked with it before the database opens. */
export function cliCalendar(): BusinessCalendar {
  sharedCalendar ??= BusinessCalendar.fromDataFile();
  return sharedCalendar;
}

/**
 * What every command gets: the validated configuration, the database and the services (built on first
 * use by createServices, the one composition root), output streams and a clock.
 */
export class CliContext {
  private db: Database | undefined;
  private built: Services | undefined;

  constructor(
    readonly config: Config,
    readonly io: CliIo,
    readonly clock: Clock,
  ) {}

  async database(): Promise<Database> {
    this.db ??= await openDatabase(this.config.DATABASE_URL, { poolMax: this.config.DATABASE_POOL_MAX });
    return this.db;
  }

  /** The services on the CLI's database, built once (no outgoing e-mail: the commands that send build their own mailer). */
  async services(): Promise<Services> {
    this.built ??= await createServices(this.config, await this.database(), this.clock, { calendar: cliCalendar() });
    return this.built;
  }

  print(line = ''): void {
    this.io.stdout.write(`${line}\n`);
  }

  async close(): Promise<void> {
    await this.db?.destroy();
    this.db = undefined;
    this.built = undefined;
  }
}
