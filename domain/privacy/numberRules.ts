import { MaskingRule, regexSpans, Span, whole } from './rule';

/** Between groups of digits: a space or two (no-break spaces too: the assistant writes « 418 528-7157 »), or a dot or dash with optional spaces (« 046 - 454 - 286 »). */
const SEP = String.raw`(?:[ \t\u00a0\u202f]{0,2}[.\-–][ \t\u00a0\u202f]{0,2}|[ \t\u00a0\u202f]{1,2})`;

// The lookbehind lets only the start of a run of address characters be tried: linear, not quadratic.
const EMAIL = /(?<![\p{L}\p{N}._%+'’-])[\p{L}\p{N}._%+'’-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// 418 555-0199, (418) 555-0199, +1 418 555 0199, 1-418-555-0199, 418.555.0199, 4185550199, 418 555 01 42, with an optional extension.
const NORTH_AMERICAN_PHONE = new RegExp(
  String.raw`(?<![\w+-])(?:\+?1${SEP}?)?(?:\(\d{3}\)|\d{3})${SEP}?\d{3}${SEP}?(?:\d{4}|\d{2}${SEP}\d{2})(?:[ \t\u00a0\u202f]{0,3}(?:poste|p\.|ext\.?|x)[ \t\u00a0\u202f]{0,3}\d{1,6})?(?!\d)`,
  'gi',
);
// +33 1 23 45 67 89, +33 (0)1 23 45 67 89, +442079460000: 8 to 15 digits after a country code other than 1.
const INTERNATIONAL_PHONE = new RegExp(String.raw`(?<![\w+])\+(?!1)\d{1,3}(?:(?:${SEP}\(?\d{1,5}\)?|(?<=\))\d{1,5}){2,7}|\d{5,12})(?!\d)`, 'g');

// 046 454 286, 046-454-286, 046.454.286, 046 - 454 - 286, 046454286 (the same separator twice).
const SIN = new RegExp(String.raw`(?<![\w-])\d{3}(${SEP}?)\d{3}\1\d{3}(?!\d)`, 'g');

// 13 to 19 digits, together or in groups (4-4-4-4, 4-4-4-4-3, 4-6-5 for American Express).
const PAYMENT_CARD = /(?<![\w-])(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{3})?|\d{4}([ -])\d{6}\2\d{5})(?!\d)/g;

// RAMQ health-insurance number: 4 letters, then year, month (+50 for women), day and 2 digits: TREJ 8512 2514.
const HEALTH_CARD = /(?<![\p{L}\p{N}])[A-Za-z]{4}[ -]?(\d{2})(\d{2})[ -]?(\d{2})\d{2}(?![\p{L}\p{N}])/gu;

const POSTAL_CODE = /\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][\s-]?\d[ABCEGHJ-NPRSTV-Z]\d\b/gi;

export const emailRule: MaskingRule = { kind: 'email', find: (text) => (text.includes('@') ? regexSpans(text, EMAIL) : []) };

export const phoneRule: MaskingRule = {
  kind: 'phone',
  needsDigit: true,
  find: (text) => sorted([...regexSpans(text, NORTH_AMERICAN_PHONE), ...regexSpans(text, INTERNATIONAL_PHONE, internationalPhone)]),
};

export const sinRule: MaskingRule = { kind: 'sin', needsDigit: true, find: (text) => regexSpans(text, SIN) };

export const paymentCardRule: MaskingRule = {
  kind: 'paymentCard',
  needsDigit: true,
  find: (text) => regexSpans(text, PAYMENT_CARD, (m) => (luhnValid(m[0].replace(/\D/g, '')) ? whole(m) : undefined)),
};

export const healthCardRule: MaskingRule = {
  kind: 'healthCard',
  needsDigit: true,
  find: (text) =>
    regexSpans(text, HEALTH_CARD, (m) => {
      const month = Number(m[2]) % 50;
      const day = Number(m[3]);
      return month >= 1 && month <= 12 && Number(m[2]) <= 62 && day >= 1 && day <= 31 ? whole(m) : undefined;
    }),
};

export const postalCodeRule: MaskingRule = { kind: 'postalCode', needsDigit: true, find: (text) => regexSpans(text, POSTAL_CODE) };

function internationalPhone(match: RegExpExecArray): Span | undefined {
  const digits = match[0].replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15 ? whole(match) : undefined;
}

/** The check digit of payment cards: a random long reference number fails it 9 times out of 10. */
export function luhnValid(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Two sorted span lists merged; a span overlapping an earlier one is dropped. */
function sorted(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start);
  const result: Span[] = [];
  for (const span of spans) if (!result.length || span.start >= result[result.length - 1].end) result.push(span);
  return result;
}
