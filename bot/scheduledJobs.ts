import { Cron } from 'croner';
import type { JobLock } from '../domain/db/jobLock';
import { QUEBEC_TIME_ZONE } from '../domain/format/dates';
import { errorSummary } from './errorSummary';
import type { Logger } from './logger';

export interface JobDefinition {
  name: string;
  pattern: string;
  run: () => Promise<void>;
}

/**
 * Cron jobs that run inside the server (America/Toronto); each can also be run once from the CLI.
 * With a JobLock (the server always has one), each tick of a job runs on one instance only, however
 * many instances share the database.
 */
export class ScheduledJobs {
  private readonly definitions: JobDefinition[] = [];
  private readonly running: Cron[] = [];

  constructor(
    private readonly logger: Logger,
    private readonly lock?: JobLock,
  ) {}

  add(definition: JobDefinition): void {
    this.definitions.push(definition);
  }

  start(): void {
    for (const job of this.definitions) {
      const cron = new Cron(job.pattern, { timezone: QUEBEC_TIME_ZONE, protect: true, name: job.name }, async (self: Cron) => {
        try {
          await this.runTick(job, scheduledTime(self));
        } catch (err) {
          this.logger.error({ err: errorSummary(err), job: job.name }, 'scheduled job failed');
        }
      });
      this.running.push(cron);
      this.logger.info({ job: job.name, next: cron.nextRun()?.toISOString() }, 'job scheduled');
    }
  }

  stop(): void {
    this.running.splice(0).forEach((cron) => cron.stop());
  }

  /** Runs the tick `tick` of the job named `name` now, as its cron would; false when another instance has it. */
  runTickOf(name: string, tick: Date): Promise<boolean> {
    const job = this.definitions.find((d) => d.name === name);
    if (!job) throw new Error(`no scheduled job named ${name}`);
    return this.runTick(job, tick);
  }

  /** One tick of a job (the scheduled time `tick`): runs it unless another instance runs or ran it. */
  async runTick(job: JobDefinition, tick: Date): Promise<boolean> {
    if (!this.lock) {
      await job.run();
      return true;
    }
    const outcome = await this.lock.runOnce(job.name, tick, job.run);
    if (!outcome.ran) this.logger.debug({ job: job.name, tick: tick.toISOString(), reason: outcome.reason }, 'job tick left to another instance');
    return outcome.ran;
  }
}

/** The scheduled time of the run in progress (the same on every instance, whatever their clocks' skew). */
function scheduledTime(cron: Cron): Date {
  return cron.previousRuns(1, new Date(Date.now() + 1000))[0] ?? new Date();
}
