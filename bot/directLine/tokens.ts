import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a built-in Direct Line token grants: one conversation, for one user, until it expires. */
export interface DirectLineGrant {
  conversationId: string;
  userId: string;
  /** fr-CA or en-CA: the language of the page that asked for the token (used for the welcome). */
  locale: string;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

export type TokenCheck = { ok: true; grant: DirectLineGrant } | { ok: false; reason: 'invalid' | 'expired' };

const ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const LOCALE_PATTERN = /^[a-z]{2}(-[A-Z]{2})?$/;

/**
 * Tokens of the built-in Direct Line endpoint: `<payload>.<signature>`, the payload being base64url
 * JSON (conversation, user, locale, expiry) and the signature an HMAC-SHA256 with a key kept in the
 * database settings. A token is therefore checked without any lookup, and stays valid across a
 * restart of the server until it expires. It is opaque to the page and never logged.
 */
export class DirectLineTokens {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('the Direct Line token key needs at least 32 bytes');
  }

  static newConversationId(): string {
    return randomBytes(18).toString('base64url');
  }

  static newUserId(): string {
    return `dl_${randomBytes(12).toString('base64url')}`;
  }

  sign(grant: DirectLineGrant): string {
    const payload = Buffer.from(
      JSON.stringify({ c: grant.conversationId, u: grant.userId, l: grant.locale, exp: grant.exp, n: randomBytes(6).toString('base64url') }),
    ).toString('base64url');
    return `${payload}.${this.signature(payload)}`;
  }

  verify(token: string, nowSeconds: number): TokenCheck {
    if (token.length > 1024) return { ok: false, reason: 'invalid' };
    const dot = token.indexOf('.');
    if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'invalid' };
    const payload = token.slice(0, dot);
    const expected = Buffer.from(this.signature(payload));
    const given = Buffer.from(token.slice(dot + 1));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    let decoded: { c?: unknown; u?: unknown; l?: unknown; exp?: unknown };
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof decoded;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    const { c, u, l, exp } = decoded;
    if (typeof c !== 'string' || !ID_PATTERN.test(c) || typeof u !== 'string' || !/^dl_[A-Za-z0-9_-]{8,64}$/.test(u)) return { ok: false, reason: 'invalid' };
    if (typeof l !== 'string' || !LOCALE_PATTERN.test(l) || typeof exp !== 'number' || !Number.isFinite(exp)) return { ok: false, reason: 'invalid' };
    if (exp <= nowSeconds) return { ok: false, reason: 'expired' };
    return { ok: true, grant: { conversationId: c, userId: u, locale: l, exp } };
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match?.[1];
}
