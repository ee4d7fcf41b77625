import type { Command } from 'commander';
import { InteractionRepository } from '../../domain/db/interactionRepository';
import { translator } from '../../domain/i18n';
import { purgeInteractions } from '../../domain/retention';
import { CliContext } from './cliContext';
import { parseDays, parseInstant } from './options';

/** `purge-interactions`: applies INTERACTION_RETENTION_DAYS now (the server also does it daily). */
export function registerRetentionCommands(program: Command, context: () => CliContext): void {
  const t = translator('fr');
  program
    .command('purge-interactions')
    .description(t('admin:cli.retention.interactionsDescription'))
    .option('--now <iso>', t('admin:cli.retention.now'))
    .option('--days <n>', t('admin:cli.retention.days'))
    .action(async (options: { now?: string; days?: string }) => {
      const ctx = context();
      const now = options.now ? parseInstant(options.now, '--now', t) : ctx.clock.now();
      const days = options.days === undefined ? ctx.config.INTERACTION_RETENTION_DAYS : parseDays(options.days, '--days', t);
      const { deleted, cutoff } = await purgeInteractions(new InteractionRepository(await ctx.database()), now, days);
      ctx.print(t('admin:cli.retention.interactionsDone', { deleted, cutoff: cutoff.toISOString(), days }));
    });
}
