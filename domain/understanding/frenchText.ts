import { StemmerFr, StopwordsFr } from '@nlpjs/lang-fr';
import { editDistance, withoutAccents } from '../format/textFolding';
import { rememberLast } from '../text/rememberLast';

/**
 * Turns what people type into comparable words: no accents, lower case, chat abbreviations and Québec
 * spellings expanded (« c koi le # » → « c est quoi le numero »), elisions split, typos corrected against
 * the training vocabulary, then reduced to French Snowball stems (NLP.js, @nlpjs/lang-fr).
 */

/** Longest text looked at: a long polite paragraph fits; a 20 000-character paste is not read to the end. */
export const MAX_TEXT_LENGTH = 600;

/** Chat, SMS and Québec spellings → standard words (already accent-free and lower case). */
const EXPANSIONS: Record<string, string> = {
  c: 'c est',
  ce: 'ce',
  cé: 'c est',
  ces: 'ces',
  koi: 'quoi',
  kwa: 'quoi',
  quoa: 'quoi',
  kel: 'quel',
  kelle: 'quelle',
  kels: 'quels',
  ke: 'que',
  ki: 'qui',
  keske: 'qu est ce que',
  kesse: 'qu est ce que',
  kosse: 'qu est ce que',
  koss: 'qu est ce que',
  quossé: 'qu est ce que',
  quosse: 'qu est ce que',
  pkoi: 'pourquoi',
  pk: 'pourquoi',
  pq: 'pourquoi',
  pourkoi: 'pourquoi',
  cmt: 'comment',
  cmnt: 'comment',
  komment: 'comment',
  jpeux: 'je peux',
  jpx: 'je peux',
  jpourrais: 'je pourrais',
  jveux: 'je veux',
  jvoudrais: 'je voudrais',
  jsuis: 'je suis',
  jsui: 'je suis',
  chu: 'je suis',
  chui: 'je suis',
  jsais: 'je sais',
  jai: 'j ai',
  jaimerais: 'j aimerais',
  jarrive: 'j arrive',
  jcomprends: 'je comprends',
  jcomprend: 'je comprends',
  pis: 'et',
  pi: 'et',
  pu: 'plus',
  pantoute: 'pas du tout',
  icitte: 'ici',
  astheure: 'maintenant',
  asteure: 'maintenant',
  mtn: 'maintenant',
  mnt: 'maintenant',
  auj: 'aujourd hui',
  ajd: 'aujourd hui',
  ajourdhui: 'aujourd hui',
  aujourdhui: 'aujourd hui',
  ben: 'bien',
  bcp: 'beaucoup',
  tjrs: 'toujours',
  ds: 'dans',
  pcq: 'parce que',
  pck: 'parce que',
  qqn: 'quelqu un',
  qqun: 'quelqu un',
  qqch: 'quelque chose',
  vs: 'vous',
  vx: 'veux',
  tel: 'telephone',
  tél: 'telephone',
  telephoner: 'appeler',
  no: 'numero',
  num: 'numero',
  '#': 'numero',
  pb: 'probleme',
  pbm: 'probleme',
  pblm: 'probleme',
  prob: 'probleme',
  gouv: 'gouvernement',
  gvt: 'gouvernement',
  min: 'minutes',
  mins: 'minutes',
  hr: 'heure',
  hrs: 'heures',
  hre: 'heure',
  hres: 'heures',
  fds: 'fin de semaine',
  weekend: 'fin de semaine',
  weekends: 'fin de semaine',
  email: 'courriel',
  emails: 'courriel',
  mail: 'courriel',
  mails: 'courriel',
  courriels: 'courriel',
  job: 'emploi',
  jobs: 'emploi',
  appliquer: 'postuler',
  applique: 'postule',
  appliqué: 'postule',
  ordi: 'ordinateur',
  rh: 'ressources humaines',
  nas: 'numero d assurance sociale',
  info: 'information',
  infos: 'information',
  svp: '',
  stp: '',
  slt: 'salut',
  bjr: 'bonjour',
  cc: 'coucou',
  thx: 'merci',
  mci: 'merci',
};

function fold(text: string): string {
  return withoutAccents(text).toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

const FOLDED_EXPANSIONS = new Map(Object.entries(EXPANSIONS).map(([k, v]) => [fold(k), v]));
const ELISION = /^(qu|j|l|d|m|t|s|n|c)(.{3,})$/;

/** Stopwords of @nlpjs/lang-fr (accent-free), plus chat fillers: kept out of the lexical index, weak in the classifier. */
export const STOPWORDS: ReadonlySet<string> = (() => {
  const words = new Set<string>();
  const dictionary = (new StopwordsFr() as unknown as { dictionary: Record<string, boolean> }).dictionary;
  for (const word of Object.keys(dictionary)) words.add(fold(word));
  for (const word of ['est', 'ce', 'ca', 'ya', 'bonjour', 'merci', 'alors', 'donc', 'aussi', 'bien', 'tres', 'plait', 'sil', 'svp']) words.add(word);
  return words;
})();

/** The recognizer reads a message's words several times in a row (its button check, the small talk, the politeness, the preparer). */
const baseWordsOfLast = rememberLast(baseWordsAnew);

/** Lower case, no accents, punctuation as spaces, chat abbreviations expanded; no vocabulary needed. */
export function baseWords(text: string): string[] {
  // A copy of the last words remembered: callers may change the array they get.
  return baseWordsOfLast(text).slice();
}

function baseWordsAnew(text: string): string[] {
  const folded = fold(text.slice(0, MAX_TEXT_LENGTH))
    .replace(/#/g, ' # ')
    .replace(/(\d)\s*h\s*(\d{0,2})\b/g, '$1 h $2')
    .replace(/[’'`´‘]/g, ' ')
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1$1');
  const words: string[] = [];
  for (const raw of folded.split(' ')) {
    if (!raw) continue;
    const expanded = FOLDED_EXPANSIONS.get(raw);
    if (expanded === undefined) words.push(raw);
    else if (expanded) words.push(...expanded.split(' '));
  }
  return words;
}

export interface PreparedText {
  /** Words after expansion, elision splitting and spelling correction. */
  words: string[];
  /** Snowball stem of each of `words` (same positions), stopwords included. */
  stems: string[];
  /** Stems of the words that are not stopwords, in order. */
  contentStems: string[];
  /** Content words found neither in the vocabulary nor as a typo of a vocabulary word. */
  unknownWords: number;
}

const CACHE_LIMIT = 5000;

/**
 * Prepares texts against a vocabulary (the words of the training phrasings). Unknown words are split
 * at an elision (« lexamen » → « examen ») or replaced by the closest vocabulary word when the typo is
 * small (one edit up to 7 letters, two beyond), the most frequent word winning a tie.
 */
export class FrenchTextPreparer {
  private readonly stemmer = new StemmerFr();
  private readonly corrections = new Map<string, string | null>();
  private readonly stems = new Map<string, string>();
  private readonly byLength = new Map<number, string[]>();

  constructor(private readonly vocabulary: ReadonlyMap<string, number> = new Map()) {
    for (const word of [...vocabulary.keys()].sort((a, b) => (vocabulary.get(b) ?? 0) - (vocabulary.get(a) ?? 0))) {
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  /** Counts the words of the training texts, the vocabulary typos are corrected against. */
  static vocabularyOf(texts: Iterable<string>): Map<string, number> {
    const counts = new Map<string, number>();
    for (const text of texts) for (const word of baseWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
    return counts;
  }

  prepare(text: string): PreparedText {
    const words: string[] = [];
    let unknownWords = 0;
    for (const word of baseWords(text)) {
      if (this.vocabulary.size === 0 || this.vocabulary.has(word) || /^\d+$/.test(word)) {
        words.push(word);
        continue;
      }
      const corrected = this.correct(word);
      if (corrected) words.push(...corrected.split(' '));
      else {
        words.push(word);
        if (!STOPWORDS.has(word) && word.length > 1) unknownWords += 1;
      }
    }
    const stems = words.map((w) => this.stem(w));
    const contentStems = stems.filter((_, i) => !STOPWORDS.has(words[i]) && (words[i].length > 1 || /\d/.test(words[i])));
    return { words, stems, contentStems, unknownWords };
  }

  stem(word: string): string {
    let stem = this.stems.get(word);
    if (stem === undefined) {
      if (this.stems.size >= CACHE_LIMIT) this.resetCaches();
      stem = this.stemmer.stemWord(word) || word;
      this.stems.set(word, stem);
    }
    return stem;
  }

  private correct(word: string): string | null {
    let result = this.corrections.get(word);
    if (result !== undefined) return result;
    if (this.corrections.size >= CACHE_LIMIT) this.resetCaches();
    result = this.findCorrection(word);
    this.corrections.set(word, result);
    return result;
  }

  private findCorrection(word: string): string | null {
    const elision = ELISION.exec(word);
    if (elision && this.vocabulary.has(elision[2])) return `${elision[1]} ${elision[2]}`;
    if (word.length < 4) return null;
    const max = word.length <= 7 ? 1 : 2;
    let best: string | null = null;
    let bestDistance = max + 1;
    for (let length = word.length - max; length <= word.length + max; length += 1) {
      for (const candidate of this.byLength.get(length) ?? []) {
        if (candidate.length < 4) continue;
        const distance = editDistance(word, candidate, Math.min(max, bestDistance));
        // Candidates are sorted by frequency: the first at the smallest distance wins.
        if (distance < bestDistance) {
          best = candidate;
          bestDistance = distance;
        }
      }
    }
    if (best) return best;
    if (elision) {
      const rest = this.findCorrection(elision[2]);
      if (rest) return `${elision[1]} ${rest}`;
    }
    return null;
  }

  /** Bounded memory whatever people type: the stemmer of NLP.js keeps its own unbounded cache. */
  private resetCaches(): void {
    this.corrections.clear();
    this.stems.clear();
    (this.stemmer as unknown as { cache: Record<string, string> }).cache = {};
  }
}
