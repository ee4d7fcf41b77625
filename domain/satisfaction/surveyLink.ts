import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The link to the one-question survey sent after a complaint is closed: the reference and a keyed
 * signature, so nobody can rate someone else's complaint by guessing references.
 */
export function surveyToken(reference: string, key: string): string {
  return `${reference}.${signature(reference, key)}`;
}

export function surveyUrl(publicBaseUrl: string, reference: string, key: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/satisfaction/${encodeURIComponent(surveyToken(reference, key))}`;
}

/** The complaint reference a token stands for, or undefined when it was not signed with this key. */
export function verifySurveyToken(token: string, key: string): string | undefined {
  const match = /^(PL-\d{4}-\d{6})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return undefined;
  const expected = Buffer.from(signature(match[1], key));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : undefined;
}

const signature = (reference: string, key: string): string =>
  createHmac('sha256', key).update(`satisfaction\u0000${reference}`).digest('base64url').slice(0, 22);
