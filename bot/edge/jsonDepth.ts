/**
 * Whether a JSON text nests arrays and objects deeper than `limit`, found by one pass over the text,
 * before any parsing: JSON.parse copes with deep nesting, but JSON.stringify, zod and the masking walk
 * recurse, and a stack overflow there would surface as a 500 far from the edge.
 */
export function jsonNestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** The size of a value once serialized (0 for undefined); call on parsed JSON whose depth is already bounded. */
export function serializedBytes(value: unknown): number {
  if (value === undefined) return 0;
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}
