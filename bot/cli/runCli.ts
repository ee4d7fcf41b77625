import { Command, CommanderError } from 'commander';
import { systemClock, Clock } from '../../domain/clock';
import { ConfigError, loadConfig } from '../config';
import { CliContext, CliError, CliIo, ExitCode } from './cliContext';
import { registerPurgeCommands } from './purgeCommands';
import { registerReminderCommands } from './reminderCommands';
import { registerComplaintCommands } from './complaintCommands';
import { registerStatsCommands } from './statsCommands';
import { registerIncidentCommands } from './incidentCommands';
import { registerCallbackCommands } from './callbackCommands';
import { cliLang } from './staffCli';
import { localizeCommander } from './cliHelp';
import { translator } from '../../domain/i18n';

/**
 * Runs one command line (`npm run cli -- <command>`) and returns its exit code: 0 success, 1 failure,
 * 2 usage or configuration error, 3 not found. Uses the same DATABASE_URL as the server.
 */
export async function runCli(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
  env: NodeJS.ProcessEnv = process.env,
  clock: Clock = systemClock,
): Promise<number> {
  let context: CliContext | undefined;
  const getContext = (): CliContext => {
    if (!context) {
      try {
        context = new CliContext(loadConfig(env), io, clock);
      } catch (err) {
        if (err instanceof ConfigError) throw new CliError(err.message, ExitCode.usage);
        throw err;
      }
    }
    return context;
  };

  const t = translator(cliLang(argv));
  const program = new Command('assistant')
    .description(t('admin:cli.program.description'))
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError();
  localizeCommander(program, t, cliLang(argv));
  registerPurgeCommands(program, getContext);
  registerReminderCommands(program, getContext);
  registerComplaintCommands(program, getContext, cliLang(argv));
  registerStatsCommands(program, getContext, cliLang(argv));
  registerIncidentCommands(program, getContext, cliLang(argv));
  registerCallbackCommands(program, getContext, cliLang(argv));
  for (const command of program.commands) command.exitOverride();

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    if (err instanceof CliError) {
      io.stderr.write(`${err.message}\n`);
      return err.exitCode;
    }
    io.stderr.write(`${t('admin:cli.program.unexpectedError', { type: err instanceof Error ? err.name : typeof err })}\n`);
    return ExitCode.failure;
  } finally {
    await context?.close();
  }
}
