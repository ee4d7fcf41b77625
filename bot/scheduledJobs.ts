import { Cron } from 'croner';
import { QUEBEC_TIME_ZONE } from '../domain/format/dates';
import { errorSummary } from './errorSummary';
import type { Logger } from './logger';

export interface JobDefinition {
  name: string;
  pattern: string;
  run: () => Promise<void>;
}

/** Cron jobs that run inside the server (America/Toronto); each can also be run once from the CLI. */
export class ScheduledJobs {
  private readonly definitions: JobDefinition[] = [];
  private readonly running: Cron[] = [];

  constructor(private readonly logger: Logger) {}

  add(definition: JobDefinition): void {
    this.definitions.push(definition);
  }

  start(): void {
    for (const job of this.definitions) {
      const cron = new Cron(job.pattern, { timezone: QUEBEC_TIME_ZONE, protect: true, name: job.name }, async () => {
        try {
          await job.run();
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
}
