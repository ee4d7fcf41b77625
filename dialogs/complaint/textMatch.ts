import { editDistance, foldText } from '../../domain/format/textFolding';

/**
 * Small, forgiving phrase matching for the complaint form's free-text answers: accents, case and
 * punctuation folded away, one typo tolerated in a word of 5 letters or more (two from 8 letters),
 * a final « s » ignored. A phrase is a sequence of words; a word ending with `*` matches as a prefix.
 */

/** « J'ai appelé au Téléphone! » → ['j', 'ai', 'appele', 'au', 'telephone']. */
export function foldWords(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
}

export function wordMatches(token: string, word: string): boolean {
  if (word.endsWith('*')) {
    const stem = word.slice(0, -1);
    return token.startsWith(stem) || (stem.length >= 5 && token.length >= stem.length && editDistance(token.slice(0, stem.length), stem) <= 1);
  }
  const [a, b] = [singular(token), singular(word)];
  if (a === b) return true;
  const allowed = b.length >= 8 ? 2 : b.length >= 5 ? 1 : 0;
  return allowed > 0 && a[0] === b[0] && Math.abs(a.length - b.length) <= allowed && editDistance(a, b) <= allowed;
}

/** Whether the phrase's words appear one after the other in the tokens. */
export function containsPhrase(tokens: string[], phrase: string): boolean {
  const words = foldPhrase(phrase);
  if (words.length === 0) return false;
  for (let i = 0; i + words.length <= tokens.length; i += 1) {
    if (words.every((w, j) => wordMatches(tokens[i + j], w))) return true;
  }
  return false;
}

/** A phrase from a locale file, folded the same way as the text, keeping a final `*`. */
function foldPhrase(phrase: string): string[] {
  const prefix = phrase.trim().endsWith('*');
  const words = foldWords(phrase);
  if (prefix && words.length > 0) words[words.length - 1] += '*';
  return words;
}

/**
 * The key whose phrases match the text best: the longest matching phrase wins (« l'examen en ligne »
 * beats « en ligne »); undefined when nothing matches or two keys tie.
 */
export function bestMatch<K extends string>(text: string, phrases: ReadonlyArray<readonly [K, readonly string[]]>): K | undefined {
  const tokens = foldWords(text);
  let best: { key: K; length: number } | undefined;
  let tie = false;
  for (const [key, list] of phrases) {
    for (const phrase of list) {
      if (!containsPhrase(tokens, phrase)) continue;
      const length = foldWords(phrase).length;
      if (!best || length > best.length) {
        best = { key, length };
        tie = false;
      } else if (length === best.length && key !== best.key) tie = true;
    }
  }
  return best && !tie ? best.key : undefined;
}
