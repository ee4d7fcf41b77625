import { COMPLAINT_REFERENCE_PREFIX } from './complaints/complaint';
import { EXAM_INCIDENT_REFERENCE_PREFIX } from './exams/examIncident';
import { parseReference } from './references';

/** A reference the person typed: a complaint (PL-…) or an online-exam incident (EX-…). */
export interface MentionedReference {
  kind: 'complaint' | 'exam';
  reference: string;
}

function referenceKind(kind: MentionedReference['kind'], prefix: string) {
  return { kind, prefix, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${prefix}[\\s-]*\\d{4}[\\s-]*\\d{1,6}(?!\\p{N})`, 'iu') };
}

const KINDS = [referenceKind('complaint', COMPLAINT_REFERENCE_PREFIX), referenceKind('exam', EXAM_INCIDENT_REFERENCE_PREFIX)];

/**
 * The first prefixed reference anywhere in a message, in its canonical form: « ma plainte pl 2026 123 »
 * → PL-2026-000123, « EX-2026-000045 » → EX-2026-000045. A bare number is not enough here: only the
 * prefix says which follow-up to start.
 */
export function mentionedReference(text: string | undefined): MentionedReference | undefined {
  // Every message of a conversation is checked: most have no digit, so no reference.
  if (!text || !/\d/.test(text)) return undefined;
  let found: (MentionedReference & { index: number }) | undefined;
  for (const { kind, prefix, pattern } of KINDS) {
    const match = pattern.exec(text);
    const reference = match ? parseReference(prefix, match[0]) : undefined;
    if (match && reference && (!found || match.index < found.index)) found = { kind, reference, index: match.index };
  }
  return found ? { kind: found.kind, reference: found.reference } : undefined;
}
