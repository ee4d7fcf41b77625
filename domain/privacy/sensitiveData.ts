import { PersonalInformationMasker } from './masking';
import { MASKING_RULES } from './rules';
import type { PersonalInformationKind } from './rule';

/** Identifiers a person should never type in the chat: the assistant warns when it sees one. */
export const SENSITIVE_KINDS = ['sin', 'healthCard', 'birthDate', 'paymentCard'] as const satisfies readonly PersonalInformationKind[];
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

// Public contact values are never sensitive identifiers, so no allowed values are needed here.
const detector = new PersonalInformationMasker();

/** The sensitive identifiers a text holds, in SENSITIVE_KINDS order (empty when none). */
export function detectSensitiveData(text: string): SensitiveKind[] {
  if (!text) return [];
  const kinds = detector.kindsIn(text);
  return SENSITIVE_KINDS.filter((kind) => kinds.has(kind));
}

const SENSITIVE_RULES = MASKING_RULES.filter((rule) => (SENSITIVE_KINDS as readonly string[]).includes(rule.kind));

/**
 * The text with its sensitive identifiers blanked out (a space each), e.g. for the recognizer: the digits
 * of a SIN say nothing about the question around it, and should not sway its intent.
 */
export function withoutSensitiveData(text: string): string {
  let result = text;
  for (const rule of SENSITIVE_RULES) {
    let rebuilt = '';
    let copied = 0;
    for (const span of rule.find(result)) {
      if (span.start < copied) continue;
      rebuilt += `${result.slice(copied, span.start)} `;
      copied = span.end;
    }
    if (copied > 0) result = rebuilt + result.slice(copied);
  }
  return result;
}
