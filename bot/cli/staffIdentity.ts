import { userInfo } from 'node:os';
import type { Translate } from '../../domain/i18n';
import { staffDirectory } from '../staffAccounts';
import type { Config } from '../config';
import { CliError, ExitCode } from './cliContext';

/**
 * Who runs a command that changes something, for the history: `--as <name>` (or the older `--by`),
 * else STAFF_NAME. When ADMIN_TOKENS names the staff, the name must be one of them (any case; the
 * directory's spelling is recorded), and `manager` commands need a manager. Without ADMIN_TOKENS
 * nothing can be checked: the name is taken as given, or the operating-system account.
 */
export function staffActor(
  config: Pick<Config, 'ADMIN_TOKENS' | 'STAFF_NAME'>,
  given: string | undefined,
  t: Translate,
  required: 'staff' | 'manager' = 'staff',
): string {
  if (given !== undefined && (!given.trim() || given.trim().length > 100)) throw new CliError(t('officer:cli.identity.invalid'), ExitCode.usage);
  const name = given?.trim() ?? config.STAFF_NAME;
  const directory = staffDirectory(config);
  if (!directory.configured) return name ?? systemUser();
  const known = directory.members.map((m) => m.name).join(', ');
  if (!name) throw new CliError(t('officer:cli.identity.missing', { known }), ExitCode.usage);
  const member = directory.find(name);
  if (!member) throw new CliError(t('officer:cli.identity.unknown', { name, known }), ExitCode.usage);
  if (required === 'manager' && member.role !== 'manager') {
    throw new CliError(t('officer:cli.identity.managerOnly', { name: member.name }), ExitCode.failure);
  }
  return member.name;
}

function systemUser(): string {
  try {
    return userInfo().username || process.env.USER || 'cli';
  } catch {
    return process.env.USER || 'cli';
  }
}
