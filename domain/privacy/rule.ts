/** The kinds of personal information the masker recognizes, in the order it masks them. */
export const PERSONAL_INFORMATION_KINDS = ['email', 'paymentCard', 'healthCard', 'sin', 'phone', 'birthDate', 'address', 'postalCode', 'name'] as const;
export type PersonalInformationKind = (typeof PERSONAL_INFORMATION_KINDS)[number];

/** A run of text [start, end) holding personal information. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Finds one kind of personal information. Every finder runs in linear time: its patterns either have a
 * bounded length or start with a lookbehind that lets only the start of a run be tried.
 */
export interface MaskingRule {
  kind: PersonalInformationKind;
  /** Spans in increasing order, without overlap. */
  find(text: string): Iterable<Span>;
  /** Every span holds a digit (0-9): a text without one is not searched. */
  needsDigit?: boolean;
}

/**
 * The spans of a global regular expression's matches; `accept` may refuse a match (a failed check digit)
 * or narrow or widen it. Matches starting inside the previous span are skipped. An exec loop on the
 * shared expression, not matchAll, which copies the expression on every call (most of the cost of a
 * rule that finds nothing, and every message goes through nine).
 */
export function regexSpans(text: string, pattern: RegExp, accept: (match: RegExpExecArray) => Span | undefined = whole): Span[] {
  const spans: Span[] = [];
  let lastEnd = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0] === '') pattern.lastIndex += 1;
    if (match.index < lastEnd) continue;
    const span = accept(match);
    if (span && span.end > span.start) {
      spans.push(span);
      lastEnd = span.end;
    }
  }
  return spans;
}

export function whole(match: RegExpExecArray): Span {
  return { start: match.index, end: match.index + match[0].length };
}

/**
 * The words from `from` on (the first may start right there), each at most 40 letters, separated by
 * 1 or 2 spaces; at most `max` of them.
 */
export function wordsAfter(text: string, from: number, max: number): Array<Span & { word: string }> {
  const words: Array<Span & { word: string }> = [];
  let at = from;
  while (words.length < max) {
    const next = words.length === 0 ? FIRST_WORD : NEXT_WORD;
    next.lastIndex = at;
    const m = next.exec(text);
    if (!m) break;
    at = next.lastIndex;
    words.push({ word: m[1], start: at - m[1].length, end: at });
  }
  return words;
}

const FIRST_WORD = /[ \t]{0,2}(\p{L}[\p{L}'’-]{0,39})(?![\p{L}\p{N}])/uy;
const NEXT_WORD = /[ \t]{1,2}(\p{L}[\p{L}'’-]{0,39})(?![\p{L}\p{N}])/uy;
