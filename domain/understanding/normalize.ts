import { withoutAccents } from '../format/textFolding';

/** Lower case, no accents, apostrophes and punctuation as spaces: « Parler à l'agent! » → "parler a l agent". */
export function normalizeUtterance(text: string): string {
  return withoutAccents(text)
    .toLowerCase()
    .replace(/[’'`´]/g, ' ')
    .replace(/[^\p{L}\p{N}?#@.\s-]/gu, ' ')
    .replace(/[.\s-]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
