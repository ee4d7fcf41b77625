import type { MaskingRule, PersonalInformationKind } from './rule';
import { MASKING_RULES, MASKS } from './rules';

export { MASKS } from './rules';
export type { PersonalInformationKind } from './rule';

/** What replaces a value nested deeper than MAX_DEPTH (or a cycle) in maskDeep. */
export const TOO_DEEP = '[retiré : trop imbriqué]';
const MAX_DEPTH = 64;

/**
 * Masks personal information in free text before it is stored (Québec Law 25): e-mail addresses, phone
 * numbers, social insurance numbers, payment card numbers, health-insurance numbers, dates of birth,
 * street addresses, postal codes and names introduced by « je m'appelle » and the like. Public contact
 * values of the ministry (its phone numbers, e-mails and addresses) stay readable. Linear in the text's length.
 */
export class PersonalInformationMasker {
  private readonly allowed = new Set<string>();

  constructor(publicValues: Iterable<string> = []) {
    for (const value of publicValues) {
      this.allowed.add(normalize(value));
      for (const rule of MASKING_RULES) {
        for (const span of rule.find(value)) this.allowed.add(normalize(value.slice(span.start, span.end)));
      }
    }
  }

  mask(text: string): string {
    let result = text;
    for (const rule of rulesFor(text)) result = this.apply(result, rule);
    return result;
  }

  /** The kinds of personal information in a text, public contact values aside. */
  kindsIn(text: string): Set<PersonalInformationKind> {
    const kinds = new Set<PersonalInformationKind>();
    let rest = text;
    for (const rule of rulesFor(text)) {
      const masked = this.apply(rest, rule);
      if (masked !== rest) kinds.add(rule.kind);
      rest = masked;
    }
    return kinds;
  }

  /**
   * Masks every string inside a JSON-like value (card submissions, channel data). A value nested deeper
   * than 64 levels, or met again inside itself, is replaced by TOO_DEEP rather than overflowing the stack.
   */
  maskDeep<T>(value: T): T {
    return this.maskValue(value, 0, new Set()) as T;
  }

  private maskValue(value: unknown, depth: number, ancestors: Set<object>): unknown {
    if (typeof value === 'string') return this.mask(value);
    if (!value || typeof value !== 'object' || value instanceof Date) return value;
    if (depth >= MAX_DEPTH || ancestors.has(value)) return TOO_DEEP;
    ancestors.add(value);
    const masked = Array.isArray(value)
      ? value.map((v) => this.maskValue(v, depth + 1, ancestors))
      : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.maskValue(v, depth + 1, ancestors)]));
    ancestors.delete(value);
    return masked;
  }

  private apply(text: string, rule: MaskingRule): string {
    let result = '';
    let copied = 0;
    for (const span of rule.find(text)) {
      if (this.allowed.has(normalize(text.slice(span.start, span.end)))) continue;
      result += text.slice(copied, span.start) + MASKS[rule.kind];
      copied = span.end;
    }
    return copied === 0 ? text : result + text.slice(copied);
  }
}

const WITHOUT_DIGITS = MASKING_RULES.filter((rule) => !rule.needsDigit);

/** The rules that can find something in a text: most messages hold no digit, and most rules need one. Masking never adds a digit. */
function rulesFor(text: string): readonly MaskingRule[] {
  return /\d/.test(text) ? MASKING_RULES : WITHOUT_DIGITS;
}

function normalize(value: string): string {
  const lower = value.toLowerCase();
  return lower.includes('@') ? lower.trim() : lower.replace(/[^0-9a-z]/g, '').replace(/^1(?=\d{10}$)/, '');
}
