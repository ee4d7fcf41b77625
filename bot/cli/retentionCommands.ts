import type { Command } from 'commander';
import { InteractionRepository } from '../../domain/db/interactionRepository';
import { purgeInteractions } from '../../domain/retention';
import { CliContext } from './cliContext';
import { parseInstant } from './options';

export function registerRetentionCommands(program: Command, context: () => CliContext): void {
  program
    .command('purge-interactions')
    .description(`Delete interaction-log rows older than INTERACTION_RETENTION_DAYS (the server also does it daily).`)
    .option('--now <iso>', 'evaluate the retention period as of this date-time (ISO 8601)')
    .option('--days <n>', 'override the retention period for this run', (v) => Number.parseInt(v, 10))
    .action(async (options: { now?: string; days?: number }) => {
      const ctx = context();
      const now = options.now ? parseInstant(options.now, '--now') : ctx.clock.now();
      const days = options.days ?? ctx.config.INTERACTION_RETENTION_DAYS;
      const { deleted, cutoff } = await purgeInteractions(new InteractionRepository(await ctx.database()), now, days);
      ctx.print(`Interactions supprimées : ${deleted} (antérieures au ${cutoff.toISOString()}, conservation de ${days} jours).`);
    });
}
