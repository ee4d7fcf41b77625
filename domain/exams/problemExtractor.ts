import { TZDate } from '@date-fns/tz';
import { englishDates, frenchDates } from '../calendar/dateParsers';
import type { Lang } from '../i18n';
import type { ProblemKind } from './examIncident';
import { editDistance, foldText } from '../format/textFolding';
import { leadingYesNo } from '../text/choices';

/**
 * Reads what a message already says about an online-exam problem, so the triage can skip questions:
 * whether the exam is in progress now, the kind of problem, the exam or process number, when it
 * happened, the device and the browser. French (with or without accents, Québec forms, small typos)
 * and English. Every field is left undefined unless the text says it clearly enough.
 */
export interface ExamProblemClues {
  examInProgress?: boolean;
  problemKind?: ProblemKind;
  examName?: string;
  problemAt?: Date;
  device?: string;
  browser?: string;
  /** The message asks something that is not a technical problem (a result, one's own file, a job posting…). */
  notTechnical?: boolean;
}

export interface ExtractionContext {
  now: Date;
  timeZone: string;
  lang?: Lang;
}

export function extractExamProblem(text: string, context: ExtractionContext): ExamProblemClues {
  const input = text.slice(0, 2000);
  const tokens = tokenize(input);
  const examName = detectExamReference(input);
  const { device, browser } = detectDeviceAndBrowser(input);
  const clues: ExamProblemClues = {
    examInProgress: detectInProgress(input),
    problemKind: detectProblemKind(input),
    examName,
    problemAt: detectProblemTime(examName ? input.replace(examName, ' ') : input, context),
    device,
    browser,
  };
  if (!clues.problemKind && matchesAny(tokens, NOT_TECHNICAL)) clues.notTechnical = true;
  return clues;
}

// ---------------------------------------------------------------------------------------------------
// Text folding and keyword matching

function tokenize(text: string): string[] {
  const folded = foldText(text);
  return folded ? folded.split(' ') : [];
}

/**
 * A pattern is one or more words separated by spaces, matched against consecutive tokens. A word is
 * matched exactly, or as a prefix when it ends with `*`; a prefix of 6 letters or more also matches
 * with one typo after the first letter (« conecter », « chorno », « soumetre »).
 */
type Pattern = string;

function wordMatches(token: string, word: string): boolean {
  if (!word.endsWith('*')) return token === word;
  const stem = word.slice(0, -1);
  if (token.startsWith(stem)) return true;
  // Typos rarely hit the first letter; requiring it keeps « déconnecté » apart from « reconnecter ».
  if (stem.length < 6 || token.length < stem.length - 1 || token[0] !== stem[0]) return false;
  for (const len of [stem.length - 1, stem.length, stem.length + 1]) {
    if (len <= token.length && editDistance(token.slice(0, len), stem) <= 1) return true;
  }
  return false;
}

function matchesPattern(tokens: string[], pattern: Pattern): boolean {
  const words = pattern.split(' ');
  for (let i = 0; i + words.length <= tokens.length; i += 1) {
    if (words.every((w, j) => wordMatches(tokens[i + j], w))) return true;
  }
  return false;
}

function matchesAny(tokens: string[], patterns: readonly Pattern[]): boolean {
  return patterns.some((p) => matchesPattern(tokens, p));
}

// ---------------------------------------------------------------------------------------------------
// Problem kind

/** Specific kinds are tested before the generic « ça plante / ça bloque », so « le chrono est bloqué » is a timer problem. */
const KIND_PATTERNS: Array<{ kind: ProblemKind; patterns: Pattern[] }> = [
  {
    kind: 'timer',
    patterns: [
      'chrono*',
      'minuteri*',
      'minuteur*',
      'timer',
      'countdown',
      'decompte*',
      'horloge*',
      'compte a rebours',
      'temps restant*',
      'temps ecoule*',
      'temps arret*',
      'temps s arret*',
      'temps s est arret*',
      'temps est arret*',
      'temps est fige*',
      'temps est bloque*',
      'temps continu*',
      'temps a disparu',
      'temps est a zero',
      'temps a saute',
      'time left',
      'time remaining',
      'clock',
    ],
  },
  {
    kind: 'submission',
    patterns: [
      'soumet*',
      'soumis*',
      'soumission*',
      'soumettre',
      'envoy* mes reponse*',
      'envoy* les reponse*',
      'envoy* l examen',
      'envoy* mon examen',
      'envoi* des reponse*',
      'transmet* mes reponse*',
      'transmet* l examen',
      'transmet* mon examen',
      'transmis*',
      'enregistr*',
      'sauvegard*',
      'remettre* mon examen',
      'remettre* l examen',
      'bouton terminer',
      'bouton envoyer',
      'bouton soumettre',
      'valider mes reponse*',
      'submit*',
      'save',
      'saved',
      'saving',
      'send my answer*',
    ],
  },
  {
    kind: 'access',
    patterns: [
      'connect*',
      'reconnect*',
      'reconnexion*',
      'conexion*',
      'connexion*',
      'login',
      'log in',
      'logon',
      'sign in',
      'signin',
      'identifiant*',
      'mot de passe',
      'mdp',
      'password',
      'authentif*',
      'authenticat*',
      'clicsequr*',
      'acced*',
      'acces',
      'access',
      'code d acces',
      'lien',
      'link',
      'ouvrir l examen',
      'ouvrir mon examen',
      'commencer l examen',
      'commencer mon examen',
      'demarrer l examen',
      'demarrer mon examen',
      'entrer dans l examen',
      'can t open',
      'cannot open',
      'can t start',
      'cannot start',
      'expuls*',
      'session expir*',
      'session a expir*',
      'session est expir*',
      'kicked out',
      'logged out',
      'session expired',
    ],
  },
  {
    kind: 'display',
    patterns: [
      'audio',
      'son',
      'sons',
      'video',
      'videos',
      'camera*',
      'webcam*',
      'micro',
      'microphone',
      'affich*',
      'ecran noir',
      'image',
      'images',
      'zoom',
      'illisible*',
      'flou',
      'floue',
      'sound',
      'display*',
      'screen is black',
      'black screen',
    ],
  },
  {
    kind: 'frozen',
    patterns: [
      'plant*',
      'gele',
      'gelee',
      'geler',
      'gel',
      'fige*',
      'freez*',
      'frozen',
      'bloqu*',
      'stuck',
      'crash',
      'crashe',
      'crashed',
      'charg*',
      'load',
      'loading',
      'tourne',
      'lent',
      'lente',
      'lag',
      'ecran blanc',
      'page blanche',
      'est blanche',
      'est blanc',
      'reste blanche',
      'reste blanc',
      'tout blanc',
      'toute blanche',
      'blank',
      'white screen',
      'repond plus',
      'repond pas',
      'bug',
      'bugge',
      'beug',
      'beugue',
      'bogu*',
      'erreur*',
      'error',
      'marche pas',
      'marche plus',
      'fonctionne pas',
      'fonctionne plus',
      'deconnect*',
      's est ferme*',
      'ferme tout* seul*',
      'ferme toute seule',
      'coupe',
      'coupee',
      'not working',
      'doesn t work',
      'hang*',
    ],
  },
];

export function detectProblemKind(text: string): ProblemKind | undefined {
  const tokens = tokenize(text);
  return KIND_PATTERNS.find(({ patterns }) => matchesAny(tokens, patterns))?.kind;
}

/** Questions that are not technical problems: a result, one's own file, a job posting. */
const NOT_TECHNICAL: Pattern[] = [
  'resultat*',
  'result',
  'results',
  'dossier',
  'candidature*',
  'offre* d emploi',
  'affichage de poste',
  'appel de candidature*',
  'copie*',
  'contester',
  'contestation',
  'revision*',
  'ma note',
  'mes notes',
  'copy',
  'appeal',
  'my score',
  'my grade',
];

// ---------------------------------------------------------------------------------------------------
// Exam in progress right now?

/** Say the exam runs now, whatever else the message says. */
const STRONG_NOW: Pattern[] = [
  'en ce moment',
  'presentement',
  'maintenant',
  'actuellement',
  'right now',
  'currently',
  'il me reste',
  'il reste encore',
  'time is running',
];

/** Say it is over, not started yet, happened before, or may happen. */
const PAST: Pattern[] = [
  'hier',
  'avant hier',
  'semaine derniere',
  'l autre jour',
  'tantot',
  'la veille',
  'etait',
  'avait',
  'yesterday',
  'last week',
  'earlier',
  'was',
  'est termine*',
  'est fini*',
  'c est termine*',
  'c est fini*',
  'apres l examen',
  'after the exam',
  'viens de finir',
  'vient de finir',
  'viens de terminer',
  'vient de terminer',
  'just finished',
  // « si jamais mon examen plante, j'écris où? »: a problem that may come, not one that runs.
  'si jamais',
  'au cas ou',
  'si mon examen',
  'si mon test',
  'si mon ordi',
  'si l examen',
  'si ca plante',
  'si ca bug*',
  'si ca gele',
  'si ca fige',
  'if my exam',
  'if the exam',
  'if it crash*',
  'in case',
  'pas encore commence*',
  'a pas commence*',
  'demain',
  'tomorrow',
  'semaine prochaine',
  'next week',
];

/** Suggest it runs now, unless a past marker says otherwise. */
const WEAK_NOW: Pattern[] = [
  'en cours',
  'en train',
  'in progress',
  'il reste',
  'encore bloque*',
  'toujours bloque*',
  'still stuck',
  'now',
  'urgent*',
  'vite',
  // « mon examen vient de planter »: it happened a moment ago, the session is most likely still open.
  'vient de',
  'viens de',
  'just crash*',
  'just froze',
];

const SUBJECTS = ['examen', 'exam', 'page', 'ecran', 'ca', 'sa', 'site', 'systeme', 'ordi', 'ordinateur', 'test', 'plateforme', 'il', 'elle', 'tout'];
const PRESENT_BLOCKED = ['plante', 'plantent', 'gele', 'fige', 'bloque', 'tourne', 'beug', 'bug', 'bogue', 'lague', 'charge', 'repond', 'freeze', 'crash'];
const STATE_AUXILIARIES = ['est', 'suis', 'reste', 'is', 'am'];
const STATE_PARTICIPLES = ['bloque', 'bloquee', 'fige', 'figee', 'gele', 'gelee', 'plante', 'plantee', 'coince', 'coincee', 'stuck', 'frozen'];

/**
 * true: the text says the exam is running now (« en ce moment », « mon examen plante », « je suis bloqué »);
 * false: it says it is over, not started, or happened before (« hier », « c'est terminé »);
 * undefined: it does not say (« le chrono s'est arrêté », « j'ai pas pu soumettre »).
 */
export function detectInProgress(text: string): boolean | undefined {
  const tokens = tokenize(text);
  if (matchesAny(tokens, STRONG_NOW)) return true;
  if (matchesAny(tokens, PAST)) return false;
  if (matchesAny(tokens, WEAK_NOW)) return true;
  for (let i = 1; i < tokens.length; i += 1) {
    const before = tokens[i - 1];
    const word = tokens[i];
    // « mon examen plante », « la page charge pas », « ça gèle »: present tense right after the subject.
    if (SUBJECTS.includes(before) && PRESENT_BLOCKED.includes(word)) return true;
    // « je suis bloqué », « l'examen est figé » (a present state; « s'est figé » is a past event).
    if (STATE_AUXILIARIES.includes(before) && STATE_PARTICIPLES.includes(word) && tokens[i - 2] !== 's') return true;
  }
  return undefined;
}

/** An answer to « Faites-vous l'examen en ce moment? »: a yes or a no first (« ben oui », « pas encore »), then the clues of detectInProgress. */
export function parseInProgressAnswer(text: string): boolean | undefined {
  if (tokenize(text).length === 0) return undefined;
  return leadingYesNo(text) ?? detectInProgress(text);
}

// ---------------------------------------------------------------------------------------------------
// Exam or process reference

const NOT_IN_WORD = String.raw`(?<![\p{L}\p{N}])`;
const REFERENCE = new RegExp(
  String.raw`${NOT_IN_WORD}(?:processus(?:\s+de\s+qualification)?|concours|examen|exam|test|process|num[ée]ro|number|no\.?|n°|nº|#)\s*(?:(?:no\.?|n°|nº|num[ée]ro|number|#|:)\s*)?([0-9A-Za-z]+(?:[-/][0-9A-Za-z]+)*)`,
  'giu',
);
const QUOTED = new RegExp(String.raw`${NOT_IN_WORD}(?:processus|concours|examen|exam|test)\s+(?:(?:de|du|d['’]|:)\s*)?[«"“]\s*([^»"”]{2,120}?)\s*[»"”]`, 'iu');

/** « processus 12345 », « examen no 2026-0456 », « concours #A123-45 », or a quoted name: examen « Agent de bureau ». */
export function detectExamReference(text: string): string | undefined {
  const quoted = QUOTED.exec(text);
  if (quoted) return quoted[1].trim();
  for (const match of text.matchAll(REFERENCE)) {
    if (/\d{3,}/.test(match[1].replace(/[-/]/g, ''))) return match[0].trim();
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Device and browser

const BROWSERS: Array<{ label: string; patterns: Pattern[] }> = [
  { label: 'Edge', patterns: ['edge', 'microsoft edge'] },
  { label: 'Chrome', patterns: ['chrome', 'google chrome'] },
  { label: 'Firefox', patterns: ['firefox', 'mozilla'] },
  { label: 'Safari', patterns: ['safari'] },
  { label: 'Opera', patterns: ['opera'] },
  { label: 'Brave', patterns: ['brave'] },
  { label: 'Internet Explorer', patterns: ['internet explorer', 'ie'] },
];

const DEVICES: Array<{ label: string; patterns: Pattern[] }> = [
  { label: 'Chromebook', patterns: ['chromebook'] },
  { label: 'iPad', patterns: ['ipad'] },
  { label: 'iPhone', patterns: ['iphone'] },
  { label: 'Mac', patterns: ['mac', 'macbook', 'imac', 'macos'] },
  { label: 'tablette', patterns: ['tablette*', 'tablet'] },
  { label: 'téléphone', patterns: ['cellulaire*', 'cell', 'telephone', 'phone', 'mobile', 'android', 'smartphone'] },
  { label: 'ordinateur portable', patterns: ['portable', 'laptop', 'ordinateur portable', 'ordi portable'] },
  { label: 'ordinateur', patterns: ['ordinateur*', 'ordi', 'pc', 'desktop', 'computer', 'windows'] },
];

export function detectDeviceAndBrowser(text: string): { device?: string; browser?: string } {
  const tokens = tokenize(text);
  const pick = (list: typeof BROWSERS) => list.find(({ patterns }) => matchesAny(tokens, patterns))?.label;
  return { device: pick(DEVICES), browser: pick(BROWSERS) };
}

// ---------------------------------------------------------------------------------------------------
// When it happened

/**
 * « à 9 h 30 », « hier vers 14 h », « il y a 10 minutes », « ce matin à 9h », “yesterday at 2 pm”.
 * Only times with an hour count (« hier » alone is not precise enough); times in the future are ignored.
 */
export function detectProblemTime(text: string, context: ExtractionContext): Date | undefined {
  return statedTimes(text, context).find((at) => at.getTime() <= context.now.getTime() + 60_000);
}

/** The first time of day the text states, even a future one (« à 14 h » said at 10 h), to ask which day was meant. */
export function detectStatedTime(text: string, context: ExtractionContext): Date | undefined {
  return statedTimes(text, context)[0];
}

function statedTimes(text: string, context: ExtractionContext): Date[] {
  const prepared = text
    .slice(0, 500)
    .replace(/\b\d{5,}\b/g, ' ')
    .replace(/(\d{1,2})\s*h\s*(\d{2})\b/gi, '$1h$2')
    .replace(/(\d{1,2})\s+h\b/gi, '$1h')
    .replace(/(?<!apr[eè]s[-\s])\bmidi\b/gi, '12h')
    .replace(/\bminuit\b/gi, '0h');
  const offset = -new TZDate(context.now.getTime(), context.timeZone).getTimezoneOffset();
  const reference = { instant: context.now, timezone: offset };
  const parsers = context.lang === 'en' ? [englishDates, frenchDates] : [frenchDates, englishDates];
  const found: Date[] = [];
  for (const parser of parsers) {
    for (const { start } of parser.parse(prepared, reference)) {
      if (!start.isCertain('hour')) continue;
      const local = new TZDate(
        start.get('year')!,
        start.get('month')! - 1,
        start.get('day')!,
        start.get('hour')!,
        start.get('minute') ?? 0,
        0,
        0,
        context.timeZone,
      );
      found.push(new Date(local.getTime()));
    }
  }
  return found;
}
