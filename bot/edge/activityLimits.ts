import { translator } from '../../domain/i18n';
import type { HttpError } from '../httpErrors';
import { serializedBytes } from './jsonDepth';

/** Set by the edge on an activity whose text was too long; the bot answers it instead of reading it. */
export const OVERSIZED_TEXT = 'oversizedText';

export interface OversizedText {
  /** Characters (code points) the person sent. */
  chars: number;
  max: number;
}

/** Characters as a person counts them (an emoji is one), not UTF-16 units. */
export function countChars(text: string): number {
  let surrogates = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) surrogates += 1;
  }
  return text.length - surrogates;
}

/** The first `max` characters, never cutting a surrogate pair in two. */
export function firstChars(text: string, max: number): string {
  let end = 0;
  for (let n = 0; n < max && end < text.length; n += 1) {
    const c = text.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && end + 1 < text.length ? 2 : 1;
  }
  return text.slice(0, end);
}

/**
 * Replaces the text of an over-long message by a short marker, before anything reads it (masking,
 * recognition, the interaction log), and records its length where the bot finds it. A marker sent by
 * the client itself is dropped first, so only the edge can set one.
 */
export function markOversizedText(activity: Record<string, unknown>, maxChars: number): OversizedText | undefined {
  delete activity[OVERSIZED_TEXT];
  const text = activity.text;
  if (typeof text !== 'string' || text.length <= maxChars) return undefined;
  const chars = countChars(text);
  if (chars <= maxChars) return undefined;
  const oversized: OversizedText = { chars, max: maxChars };
  // The interaction log's record of the message (staff read it in French); none of what was typed.
  activity.text = translator('fr')('edge:oversizedMarker', { chars });
  activity[OVERSIZED_TEXT] = oversized;
  return oversized;
}

export function oversizedTextOf(activity: object): OversizedText | undefined {
  const marker = (activity as Record<string, unknown>)[OVERSIZED_TEXT] as Partial<OversizedText> | undefined;
  return marker && typeof marker.chars === 'number' && typeof marker.max === 'number' ? { chars: marker.chars, max: marker.max } : undefined;
}

/** `value` and `channelData` are machine-made: beyond the limit they are refused, not answered. */
export function payloadRefusal(activity: Record<string, unknown>, maxBytes: number): HttpError | undefined {
  for (const field of ['value', 'channelData'] as const) {
    if (serializedBytes(activity[field]) > maxBytes) {
      return { status: 413, code: 'PayloadTooLarge', message: `The activity's ${field} may not exceed ${maxBytes} bytes.` };
    }
  }
  return undefined;
}
