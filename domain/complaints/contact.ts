import { z } from 'zod';

const emailSchema = z.email();

/** A normalized e-mail address (trimmed, lower case), or undefined when it is not one. */
export function normalizeEmail(input: string): string | undefined {
  const value = input.trim().toLowerCase();
  return value.length <= 254 && emailSchema.safeParse(value).success ? value : undefined;
}

/**
 * A North American phone number in E.164 (+14185550199), or undefined. Accepts the usual Québec
 * forms: 418 555-0199, (418) 555-0199, 418.555.0199, 4185550199, 1 418 555-0199, +1 418 555 0199,
 * with an optional extension (poste 123) kept after a comma.
 */
export function normalizePhone(input: string): string | undefined {
  const match = /^\s*(?:\+?1[\s.-]?)?\(?(\d{3})\)?[\s.-]?(\d{3})[\s.-]?(\d{4})(?:\s*(?:,|poste|p\.|ext\.?|x)\s*(\d{1,6}))?\s*$/i.exec(input);
  if (!match) return undefined;
  const [, area, exchange, line, extension] = match;
  // North American numbering plan: area code and exchange cannot start with 0 or 1.
  if (/^[01]/.test(area) || /^[01]/.test(exchange)) return undefined;
  return `+1${area}${exchange}${line}${extension ? `,${extension}` : ''}`;
}

/** « 418 555-0199 » from +14185550199, for display to staff and citizens. */
export function formatPhone(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})(?:,(\d+))?$/.exec(e164);
  if (!match) return e164;
  // No-break space: the number never breaks across lines.
  return `${match[1]}\u00a0${match[2]}-${match[3]}${match[4] ? `, poste ${match[4]}` : ''}`;
}

/** The comparable form of a contact, used to check a status request against the complaint. */
export function contactKey(method: 'email' | 'phone', value: string): string | undefined {
  if (method === 'email') return normalizeEmail(value);
  return normalizePhone(value)?.replace(/,.*$/, '');
}

/** The key of whatever the person typed, e-mail or phone. */
export function anyContactKey(value: string): string | undefined {
  return value.includes('@') ? contactKey('email', value) : contactKey('phone', value);
}
