import { foldText } from '../format/textFolding';
import { parseReference } from '../references';
import { COMPLAINT_REFERENCE_PREFIX } from './complaint';
import { anyContactKey, formatPhone } from './contact';

/** The longest search staff may type; each word must be found. */
export const SEARCH_MAX_LENGTH = 200;
const MAX_WORDS = 8;

/**
 * What a complaint is found by: reference, name, contact (the phone also in its local form, so
 * « 819 555-0177 » finds +18195550177) and the citizen's text, folded (lower case, no accents).
 */
export function complaintSearchText(c: { reference: string; name: string; contactValue: string; description: string; desiredOutcome?: string }): string {
  const phone = c.contactValue.startsWith('+') ? formatPhone(c.contactValue) : '';
  return ` ${foldText([c.reference, c.name, c.contactValue, phone, c.description, c.desiredOutcome ?? ''].join(' '))} `;
}

/** A staff search: an exact reference, an exact contact, or words that must all appear. */
export interface ComplaintSearch {
  reference?: string;
  contactKey?: string;
  words: string[];
}

/** Undefined when the text holds nothing to search for (only punctuation). */
export function parseComplaintSearch(input: string): ComplaintSearch | undefined {
  const text = input.trim().slice(0, SEARCH_MAX_LENGTH);
  const reference = parseReference(COMPLAINT_REFERENCE_PREFIX, text);
  if (reference) return { reference, words: [] };
  const words = [...new Set(foldText(text).split(' ').filter(Boolean))].slice(0, MAX_WORDS);
  if (words.length === 0) return undefined;
  const contact = /@|^[\s\d().+-]{10,}$/.test(text) ? anyContactKey(text) : undefined;
  return contact ? { contactKey: contact, words } : { words };
}
