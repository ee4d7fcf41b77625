import { COMPLAINT_REFERENCE_PREFIX } from './complaints/complaint';
import { EXAM_INCIDENT_REFERENCE_PREFIX } from './exams/examIncident';
import { parseReference } from './references';

/** A reference the person typed: a complaint (PL-…) or an online-exam incident (EX-…). */
export interface MentionedReference {
  kind: 'complaint' | 'exam';
  reference: string;
}

const KINDS: Array<{ kind: MentionedReference['kind']; prefix: string }> = [
  { kind: 'complaint', prefix: COMPLAINT_REFERENCE_PREFIX },
  { kind: 'exam', prefix: EXAM_INCIDENT_REFERENCE_PREFIX },
];

/**
 * The first prefixed reference anywhere in a message, in its canonical form: « ma plainte pl 2026 123 »
 * → PL-2026-000123, « EX-2026-000045 » → EX-2026-000045. A bare number is not enough here: only the
 * prefix says which follow-up to start.
 */
export function mentionedReference(text: string | undefined): MentionedReference | undefined {
  if (!text) return undefined;
  let found: (MentionedReference & { index: number }) | undefined;
  for (const { kind, prefix } of KINDS) {
    const match = new RegExp(`(?<![\\p{L}\\p{N}])${prefix}[\\s-]*\\d{4}[\\s-]*\\d{1,6}(?!\\p{N})`, 'iu').exec(text);
    const reference = match ? parseReference(prefix, match[0]) : undefined;
    if (match && reference && (!found || match.index < found.index)) found = { kind, reference, index: match.index };
  }
  return found ? { kind: found.kind, reference: found.reference } : undefined;
}
