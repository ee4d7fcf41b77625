import type { Command } from 'commander';
import { fixedClock } from '../../domain/clock';
import { LookupThrottle } from '../../domain/complaints/lookupThrottle';
import { StateRepository } from '../../domain/db/stateRepository';
import { translator } from '../../domain/i18n';
import { purgeConversationState } from '../../domain/retention';
import { lookupThrottlePolicies } from '../domainServices';
import { CliContext } from './cliContext';
import { parseDays, parseInstant } from './options';

/**
 * `purge-state`: deletes conversation state (half-filled complaint drafts included) not written for
 * STATE_RETENTION_DAYS, and the ended complaint-lookup counters. The server does it daily (STATE_PURGE_CRON).
 */
export function registerStateRetentionCommands(program: Command, context: () => CliContext): void {
  const t = translator('fr');
  program
    .command('purge-state')
    .description(t('admin:cli.retention.stateDescription'))
    .option('--now <iso>', t('admin:cli.retention.now'))
    .option('--days <n>', t('admin:cli.retention.days'))
    .action(async (options: { now?: string; days?: string }) => {
      const ctx = context();
      const now = options.now ? parseInstant(options.now, '--now', t) : ctx.clock.now();
      const days = options.days === undefined ? ctx.config.STATE_RETENTION_DAYS : parseDays(options.days, '--days', t);
      const db = await ctx.database();
      const { deleted, cutoff } = await purgeConversationState(new StateRepository(db), now, days);
      const counters = await new LookupThrottle(db, fixedClock(now), lookupThrottlePolicies(ctx.config)).purgeExpired();
      ctx.print(t('admin:cli.retention.stateDone', { deleted, counters, cutoff: cutoff.toISOString(), days }));
    });
}
