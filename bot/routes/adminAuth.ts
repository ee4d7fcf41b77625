import { createHash, timingSafeEqual } from 'node:crypto';
import type { AdminRole, AdminToken } from '../config';

export interface AdminPrincipal {
  role: AdminRole;
  /** The token's name (ADMIN_TOKENS role:name:token), recorded as the actor of what it does. */
  name: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Bearer tokens from ADMIN_TOKENS. A presented token is hashed and compared with every configured
 * token's SHA-256 digest using crypto.timingSafeEqual (equal lengths by construction), without stopping
 * at the first match, so the time taken says nothing about which characters or which token matched.
 * Tokens are never logged: only the principal (role and name) leaves this class.
 */
export class AdminAuthenticator {
  private readonly entries: Array<{ digest: Buffer; principal: AdminPrincipal }>;

  constructor(tokens: readonly AdminToken[]) {
    this.entries = tokens.map((t) => ({ digest: digest(t.token), principal: { role: t.role, name: t.name } }));
  }

  get configured(): boolean {
    return this.entries.length > 0;
  }

  /** The principal of an `Authorization: Bearer <token>` header, or undefined. */
  authenticate(header: string | undefined): AdminPrincipal | undefined {
    const match = header ? /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header) : null;
    if (!match || match[1].length > 512) return undefined;
    const presented = digest(match[1]);
    let found: AdminPrincipal | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(presented, entry.digest) && !found) found = entry.principal;
    }
    return found;
  }
}

/** Managers can do everything staff can. */
export function hasRole(principal: AdminPrincipal, required: AdminRole): boolean {
  return required === 'staff' || principal.role === 'manager';
}
