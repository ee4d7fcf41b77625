import { PersonalInformationMasker } from './masking';
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
