import { editDistance } from '../../domain/format/textFolding';
import { baseWords, STOPWORDS } from '../../domain/understanding/frenchText';
import { exactKey } from '../../domain/understanding/trainedClassifier';

/** A sentence normalized once: thousands of training sentences are compared with every held-out one. */
export interface NormalizedSentence {
  key: string;
  content: Set<string>;
  /** How many of each letter (by code modulo 64). */
  letters: Int16Array;
}

export function normalizedSentence(text: string): NormalizedSentence {
  const key = exactKey(text);
  const letters = new Int16Array(64);
  for (let i = 0; i < key.length; i += 1) letters[key.charCodeAt(i) & 63] += 1;
  return { key, content: new Set(baseWords(text).filter((w) => !STOPWORDS.has(w))), letters };
}

/**
 * Two sentences are near-duplicates when, normalized (case, accents, punctuation, chat spellings), they
 * are equal, differ by at most 10 % of their characters (from 12 characters on), or share at least
 * 80 % of their content words (from 3 content words on).
 */
export function nearDuplicate(a: NormalizedSentence, b: NormalizedSentence): boolean {
  if (a.key === b.key) return true;
  const length = Math.max(a.key.length, b.key.length);
  if (length >= 12) {
    const max = Math.max(1, Math.floor(length * 0.1));
    if (Math.abs(a.key.length - b.key.length) <= max && lettersApart(a, b) <= 2 * max && editDistance(a.key, b.key, max) <= max) return true;
  }
  const [small, large] = a.content.size <= b.content.size ? [a.content, b.content] : [b.content, a.content];
  // Sharing 80 % of the words of both needs two sets of near size.
  if (small.size < 3 || small.size < 0.8 * large.size) return false;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared += 1;
  return shared / (small.size + large.size - shared) >= 0.8;
}

/**
 * Letters in one count and not the other: an edit changes it by 2 at most, so twice the edit distance
 * bounds it. It rules out nearly every pair before the edit distance, which is slow in Jest's sandbox.
 */
function lettersApart(a: NormalizedSentence, b: NormalizedSentence): number {
  let apart = 0;
  for (let i = 0; i < 64; i += 1) apart += Math.abs(a.letters[i] - b.letters[i]);
  return apart;
}
