import { rememberLast } from '../text/rememberLast';

/**
 * The text without its accents (canonical decomposition, combining marks dropped): « Été » → "Ete". Several
 * readers of a message take its accents off (the folds, the language detector, the recognizer's words):
 * the last text is remembered. Plain ASCII has none to take off: the costly decomposition is skipped.
 */
export const withoutAccents: (text: string) => string = rememberLast((text) =>
  /[\u0080-\uffff]/.test(text) ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : text,
);

/**
 * Lower case, no accents, every non-alphanumeric character a space: « J'peux pas m'connecter! » → "j peux
 * pas m connecter". The last text is remembered: a turn's checks fold the same message one after the other.
 */
export const foldText: (text: string) => string = rememberLast((text) => {
  return withoutAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
});

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). With `max`,
 * gives up as soon as the distance must exceed it and returns max + 1.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  // Three rows, reused from call to call: the typo-tolerant matching runs this for many word pairs a message.
  if (rows.length < width * 3) rows = new Int32Array(width * 6);
  let before = 0; // row i - 2
  let previous = width; // row i - 1
  let current = width * 2; // row i
  for (let j = 0; j < width; j += 1) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    rows[current] = i;
    let rowMin = i;
    for (let j = 1; j < width; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[previous + j] + 1, rows[current + j - 1] + 1, rows[previous + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[before + j - 2] + 1);
      rows[current + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return rows[previous + width - 1];
}

let rows = new Int32Array(0);
