import type { Command } from 'commander';
import { fixedClock } from '../../domain/clock';
import { ComplaintRepository } from '../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../domain/complaints/complaintService';
import { LookupThrottle } from '../../domain/complaints/lookupThrottle';
import { InteractionRepository } from '../../domain/db/interactionRepository';
import { StateRepository } from '../../domain/db/stateRepository';
import { translator } from '../../domain/i18n';
import { purgeConversationState, purgeInteractions } from '../../domain/retention';
import { lookupThrottlePolicies } from '../services';
import { LiveHelpRepository } from '../../domain/liveHelp/liveHelpRepository';
import { CliContext, cliCalendar } from './cliContext';
import { parseDays, parseInstant } from './options';

/**
 * One purge run by hand: its command, the retention variable `--days` defaults to, its French
 * description and result line (admin:cli.retention.*), and the work, which returns the counts and the
 * cutoff the result line shows.
 */
interface PurgeCommand {
  command: string;
  retention: 'INTERACTION_RETENTION_DAYS' | 'COMPLAINT_RETENTION_DAYS' | 'STATE_RETENTION_DAYS' | 'LIVE_HELP_RETENTION_DAYS' | 'CALLBACK_RETENTION_DAYS';
  description: string;
  done: string;
  purge: (ctx: CliContext, now: Date, days: number) => Promise<{ cutoff: Date } & Record<string, unknown>>;
}

const purgeCommands: PurgeCommand[] = [
  {
    // Applies INTERACTION_RETENTION_DAYS now (the server also does it daily).
    command: 'purge-interactions',
    retention: 'INTERACTION_RETENTION_DAYS',
    description: 'admin:cli.retention.interactionsDescription',
    done: 'admin:cli.retention.interactionsDone',
    purge: async (ctx, now, days) => purgeInteractions(new InteractionRepository(await ctx.database()), now, days),
  },
  {
    // Erases the personal information (name, contact, description, outcome wished) of complaints closed
    // or abandoned more than COMPLAINT_RETENTION_DAYS ago. The server does it daily (COMPLAINT_PURGE_CRON).
    // Dates, service and status stay for the statistics.
    command: 'purge-complaints',
    retention: 'COMPLAINT_RETENTION_DAYS',
    description: 'admin:cli.retention.complaintsDescription',
    done: 'admin:cli.retention.complaintsDone',
    purge: async (ctx, now, days) => {
      // The complaint register on a clock fixed at --now, so the cutoff and the history record that instant.
      const complaints = new ComplaintService(new ComplaintRepository(await ctx.database()), cliCalendar(), fixedClock(now));
      const anonymized = await complaints.anonymizeFinished(days);
      return { anonymized, cutoff: new Date(now.getTime() - days * 86_400_000) };
    },
  },
  {
    // Deletes conversation state (half-filled complaint drafts included) not written for
    // STATE_RETENTION_DAYS, and the ended complaint-lookup counters. The server does it daily (STATE_PURGE_CRON).
    command: 'purge-state',
    retention: 'STATE_RETENTION_DAYS',
    description: 'admin:cli.retention.stateDescription',
    done: 'admin:cli.retention.stateDone',
    purge: async (ctx, now, days) => {
      const db = await ctx.database();
      const { deleted, cutoff } = await purgeConversationState(new StateRepository(db), now, days);
      const counters = await new LookupThrottle(db, fixedClock(now), lookupThrottlePolicies(ctx.config)).purgeExpired();
      return { deleted, counters, cutoff };
    },
  },
  {
    // Deletes live-help sessions ended more than LIVE_HELP_RETENTION_DAYS ago, with their messages and
    // notes. The server does it daily (STATE_PURGE_CRON).
    command: 'purge-live-help',
    retention: 'LIVE_HELP_RETENTION_DAYS',
    description: 'liveHelp:cli.purgeDescription',
    done: 'liveHelp:cli.purgeDone',
    purge: async (ctx, now, days) => {
      const cutoff = new Date(now.getTime() - days * 86_400_000);
      return { deleted: await new LiveHelpRepository(await ctx.database()).deleteOlderThan(cutoff), cutoff };
    },
  },
  {
    // Erases the personal information (name, phone, e-mail, subject, notes) of callback requests made
    // more than CALLBACK_RETENTION_DAYS ago. The server does it daily (CALLBACK_PURGE_CRON).
    command: 'purge-callbacks',
    retention: 'CALLBACK_RETENTION_DAYS',
    description: 'callback:cli.purgeDescription',
    done: 'callback:cli.purgeDone',
    purge: async (ctx, now, days) => (await ctx.services()).callbacks.anonymizeOlderThan(days, now),
  },
];

/** `purge-interactions`, `purge-complaints`, `purge-state`: each retention purge run once, now or at `--now`. */
export function registerPurgeCommands(program: Command, context: () => CliContext): void {
  const t = translator('fr');
  for (const purge of purgeCommands) {
    program
      .command(purge.command)
      .description(t(purge.description))
      .option('--now <iso>', t('admin:cli.retention.now'))
      .option('--days <n>', t('admin:cli.retention.days'))
      .action(async (options: { now?: string; days?: string }) => {
        const ctx = context();
        const now = options.now ? parseInstant(options.now, '--now', t) : ctx.clock.now();
        const days: number = options.days === undefined ? ctx.config[purge.retention] : parseDays(options.days, '--days', t);
        const { cutoff, ...counts } = await purge.purge(ctx, now, days);
        ctx.print(t(purge.done, { ...counts, cutoff: cutoff.toISOString(), days }));
      });
  }
}
