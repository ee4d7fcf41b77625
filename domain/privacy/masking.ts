/**
 * Masks personal information in free text before it reaches the interaction log (Québec Law 25):
 * e-mail addresses, North American phone numbers, social insurance numbers and Canadian postal codes.
 * Public contact values of the ministry (its phone numbers, e-mails and addresses) stay readable.
 */
export const MASKS = {
  email: '[courriel]',
  phone: '[téléphone]',
  sin: '[NAS]',
  postalCode: '[code postal]',
} as const;

const EMAIL = /[\p{L}\p{N}._%+'’-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// 418 555-0199, (418) 555-0199, +1 418 555 0199, 1-418-555-0199, 418.555.0199, 4185550199, with an optional extension.
const PHONE = /(?<![\w-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?:\s*(?:poste|p\.|ext\.?|x)\s*\d{1,6})?(?!\d)/gi;
// 046 454 286, 046-454-286, 046454286.
const SIN = /(?<![\w-])\d{3}([\s-]?)\d{3}\1\d{3}(?!\d)/g;
const POSTAL_CODE = /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][\s-]?\d[ABCEGHJ-NPRSTV-Z]\d\b/gi;

export class PersonalInformationMasker {
  private readonly allowed: Set<string>;

  constructor(publicValues: Iterable<string> = []) {
    this.allowed = new Set<string>();
    for (const value of publicValues) {
      this.allowed.add(normalize(value));
      for (const pattern of [EMAIL, PHONE, SIN, POSTAL_CODE]) {
        for (const match of value.matchAll(pattern)) this.allowed.add(normalize(match[0]));
      }
    }
  }

  mask(text: string): string {
    return text
      .replace(EMAIL, (m) => this.keep(m) ?? MASKS.email)
      .replace(PHONE, (m) => this.keep(m) ?? MASKS.phone)
      .replace(SIN, (m) => this.keep(m) ?? MASKS.sin)
      .replace(POSTAL_CODE, (m) => this.keep(m) ?? MASKS.postalCode);
  }

  /** Masks every string inside a JSON-like value (card submissions, channel data). */
  maskDeep<T>(value: T): T {
    if (typeof value === 'string') return this.mask(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.maskDeep(v)) as T;
    if (value instanceof Date) return value;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.maskDeep(v)])) as T;
    }
    return value;
  }

  private keep(match: string): string | undefined {
    return this.allowed.has(normalize(match)) ? match : undefined;
  }
}

function normalize(value: string): string {
  const lower = value.toLowerCase();
  return lower.includes('@') ? lower.trim() : lower.replace(/[^0-9a-z]/g, '').replace(/^1(?=\d{10}$)/, '');
}
