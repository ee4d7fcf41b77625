import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from './database';
import { dialectOf, tryAdvisoryTransactionLock } from './dialect';

export type JobRun<T> = { ran: true; value: T } | { ran: false; reason: 'busy' | 'done' };

export interface JobLockOptions {
  /** Who this instance is, for the SQLite lock row (host, process and a random part by default). */
  holder?: string;
  /** SQLite: how long a lock row holds if its holder dies without releasing it. */
  ttlMs?: number;
  /** Wall-clock time for the SQLite lock's expiry (not the application's clock, which tests may freeze). */
  now?: () => number;
}

const DEFAULT_TTL_MS = 30 * 60_000;

/**
 * Runs a scheduled job at most once per tick across every instance on the same database.
 *
 * PostgreSQL: a transaction takes the job's advisory lock (pg_try_advisory_xact_lock) and holds it
 * while the job runs; an instance that does not get it skips the tick. The row of `scheduler_locks`
 * keeps the last tick run, so an instance whose cron fires a little later (clock skew) skips it too.
 * Should the instance die, the server ends its session and the lock goes with it.
 *
 * SQLite (one machine, several processes at most): the row is the lock — taken by a conditional
 * UPDATE, with an expiry in case its holder dies, released when the job ends.
 *
 * Only the scheduling is serialized here: the jobs stay safe to run twice (alerts are claimed once by
 * their unique key, digests by a conditional update, purges are idempotent), as the CLI may run them
 * by hand at any time.
 */
export class JobLock {
  private readonly holder: string;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database,
    options: JobLockOptions = {},
  ) {
    this.holder = (options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`).slice(0, 64);
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** Runs `work` unless another instance runs job `job` now, or already ran tick `tick` (or a later one). */
  async runOnce<T>(job: string, tick: Date | undefined, work: () => Promise<T>): Promise<JobRun<T>> {
    const tickIso = tick?.toISOString();
    return dialectOf(this.db) === 'postgres' ? this.runWithAdvisoryLock(job, tickIso, work) : this.runWithLockRow(job, tickIso, work);
  }

  private runWithAdvisoryLock<T>(job: string, tick: string | undefined, work: () => Promise<T>): Promise<JobRun<T>> {
    return this.db.transaction(async (trx): Promise<JobRun<T>> => {
      if (!(await tryAdvisoryTransactionLock(trx, `scheduled-job:${job}`))) return { ran: false, reason: 'busy' };
      const row = (await trx('scheduler_locks').where({ job }).first('last_tick')) as { last_tick: string | null } | undefined;
      if (tick && row?.last_tick && row.last_tick >= tick) return { ran: false, reason: 'done' };
      // The work uses its own connections: the lock only needs this transaction to stay open.
      const value = await work();
      await trx('scheduler_locks')
        .insert({ job, last_tick: tick ?? row?.last_tick ?? null, updated_at: new Date(this.now()).toISOString() })
        .onConflict('job')
        .merge(['last_tick', 'updated_at']);
      return { ran: true, value };
    });
  }

  private async runWithLockRow<T>(job: string, tick: string | undefined, work: () => Promise<T>): Promise<JobRun<T>> {
    const now = new Date(this.now()).toISOString();
    await this.db('scheduler_locks').insert({ job, updated_at: now }).onConflict('job').ignore();
    const taken = await this.db('scheduler_locks')
      .where({ job })
      .where((q) => q.whereNull('locked_until').orWhere('locked_until', '<=', now))
      .where((q) => (tick ? q.whereNull('last_tick').orWhere('last_tick', '<', tick) : q))
      .update({ holder: this.holder, locked_until: new Date(this.now() + this.ttlMs).toISOString(), updated_at: now });
    if (taken !== 1) {
      const row = (await this.db('scheduler_locks').where({ job }).first('last_tick')) as { last_tick: string | null } | undefined;
      return { ran: false, reason: tick && row?.last_tick && row.last_tick >= tick ? 'done' : 'busy' };
    }
    try {
      const value = await work();
      if (tick) await this.db('scheduler_locks').where({ job, holder: this.holder }).update({ last_tick: tick });
      return { ran: true, value };
    } finally {
      await this.db('scheduler_locks')
        .where({ job, holder: this.holder })
        .update({ holder: null, locked_until: null, updated_at: new Date(this.now()).toISOString() });
    }
  }
}
