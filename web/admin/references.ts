/** Complaint (PL-), exam-problem (EX-) and callback (RA-) references, which never break across lines. */
import { type Child, el } from './dom.js';

const REFERENCE = /\b(?:PL|EX|RA)-\d{4}-\d+\b/g;

/** A reference in its own unbreakable span. */
export function refSpan(reference: string): HTMLSpanElement {
  return el('span', { class: 'ref' }, reference);
}

/** A sentence with every reference it holds put in an unbreakable span (« Plainte PL-2026-000001 »). */
export function withRefs(text: string): Child[] {
  const parts: Child[] = [];
  let last = 0;
  for (const match of Array.from(text.matchAll(REFERENCE))) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(refSpan(match[0]));
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
