import { withoutAccents } from '../format/textFolding';

/**
 * A small French/English detector for chat messages: counts the function words (and a few greeting or
 * chat words) of each language, plus French accents. Built for short texts: one telling word is enough
 * when nothing points the other way; `undefined` when the message gives no clue or the clues disagree.
 */

/** Words that belong to one language only (accent-free, lower case). Words both languages use (« a », « on », « me », « plus », « date »…) are left out. */
const FRENCH = new Set(
  (
    'le la les un une des du de au aux et ou est sont suis es etes etait ont avez avons ai je tu il elle nous vous ils elles ' +
    'mon ma mes ton ta tes sa ses notre nos votre vos leur leurs ce cet cette ces que qui quoi quel quelle quels quelles ' +
    'dans sur sous avec pour par chez sans mais donc car ne pas jamais rien tres aussi comment pourquoi quand combien ' +
    'oui non bonjour bonsoir salut allo merci svp stp sil plait voudrais veux peux pouvez faire fait faut etre avoir ' +
    'aujourd hui demain hier maintenant ya cest jai quest chu pis ben toute tout tous moi toi lui eux y en'
  ).split(' '),
);
const ENGLISH = new Set(
  (
    'the and or is are am was were be been being have has had do does did i you he she it we they my your his her its our their ' +
    'this that these those what which who whom whose when where why how there here with without for from of to in at by about ' +
    'not yes can could would should will shall may might must please thanks thank hi hello hey goodbye ' +
    'want need get got help today tomorrow yesterday now just also very any some if than then so but because ' +
    'im ive dont cant wont isnt arent doesnt didnt whats hows thats theres youre lets'
  ).split(' '),
);

function words(text: string): string[] {
  return withoutAccents(text)
    .toLowerCase()
    .replace(/[’'`´‘]/g, '')
    .split(/[^a-z]+/)
    .filter(Boolean);
}

export interface LanguageScores {
  fr: number;
  en: number;
}

/** The clues found for each language (function words, French accents). */
export function languageScores(text: string): LanguageScores {
  const scores = { fr: 0, en: 0 };
  for (const word of words(text)) {
    if (FRENCH.has(word)) scores.fr += 1;
    if (ENGLISH.has(word)) scores.en += 1;
  }
  // French accents and ligatures (not the apostrophe: English has « don't »).
  const accents = (text.match(/[éèêàâùûçîïôœë]/gi) ?? []).length;
  scores.fr += Math.min(accents, 3) * 0.75;
  // English contractions: « what's », « I'm », « don't ».
  if (/\b(i'm|i've|don't|can't|won't|it's|what's|that's|there's|you're|let's)\b/i.test(text.replace(/’/g, "'"))) scores.en += 1;
  return scores;
}

/**
 * 'fr' or 'en' when the message clearly leans one way, `undefined` when unsure (no clue, or as many
 * clues for each). One clue is enough when none points the other way; otherwise the leading language
 * needs twice the clues of the other.
 */
export function detectLanguage(text: string): 'fr' | 'en' | undefined {
  const { fr, en } = languageScores(text);
  if (fr === 0 && en === 0) return undefined;
  if (en === 0) return 'fr';
  if (fr === 0) return 'en';
  if (fr >= 2 * en && fr - en >= 1) return 'fr';
  if (en >= 2 * fr && en - fr >= 1) return 'en';
  return undefined;
}
