import { StaffDirectory } from '../domain/staff/staffDirectory';
import type { Config } from './config';

/** The named staff of ADMIN_TOKENS (names, roles, e-mail addresses; never the tokens). */
export function staffDirectory(config: Pick<Config, 'ADMIN_TOKENS'>): StaffDirectory {
  return new StaffDirectory(config.ADMIN_TOKENS.map(({ name, role, email }) => (email ? { name, role, email } : { name, role })));
}
