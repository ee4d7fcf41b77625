import { faqIntent } from '../faq/knowledgeBase';
import { mandateKey } from '../faq/outOfMandate';
import type { ScoredIntent } from './intents';

/**
 * What a message asks of the ways to reach the Centre, read where the recognizer hesitates between them and another
 * entry (messageOutcome.ts): when to call, the phone number, the hours or the contact details it names, and what the
 * Centre does not take by e-mail. All on the folded text (mandateKey).
 */

export const WEEKLY_HOURS = faqIntent('hours');
export const NO_NOMINATIVE_EMAIL = faqIntent('no-nominative-email');
/** « mon numéro de dossier », “my file number”: a number that is not a phone's. */
const NOT_A_PHONE_NUMBER = '(?! (?:de|du|of) (?:dossier|processus|reference|candidature|concours|poste|employe|matricule|file|application|process))';

/** « À quelles heures puis-je vous téléphoner? », “what time can I call” (folded text, mandateKey): when, to call, and no number, address or means asked (« comment »). */
const ASKS_WHEN = /(?:^| )(?:quand|a quelle heure|a quelles heures|quelles heures|quelle heure|what time|when)(?= |$)/;
const TO_CALL = /(?:^| )(?:telephoner|appeler|joindre|rejoindre|call|reach|phone)(?= |$)/;
const ASKS_HOW_TO_REACH = /(?:^| )(?:comment|numero|numeros|no|courriel|adresse|how|number|email|e-mail|address)(?= |$)/;

export function asksWhenToCall(text: string): boolean {
  if (!text.includes('?')) return false;
  const key = mandateKey(text);
  return ASKS_WHEN.test(key) && TO_CALL.test(key) && !ASKS_HOW_TO_REACH.test(key);
}

/** How to reach the Centre, asked by name (folded text, mandateKey): its phone number, its hours, its contact details. */
const MEANS_BY_NAME: ReadonlyArray<readonly [string, RegExp]> = [
  [faqIntent('phone'), new RegExp(`(?:^| )(?:numero|numeros|tel|telephone|phone number|number)(?= |$)${NOT_A_PHONE_NUMBER}`)],
  [WEEKLY_HOURS, /(?:^| )(?:heures|horaire|horaires|hours)(?= |$)/],
  [faqIntent('contact'), /(?:^| )(?:coordonnees|contacter|joindre|rejoindre|rejoins|contact details|contact info)(?= |$)/],
];
const ALSO = /(?:^| )(?:aussi|en plus|also|as well)(?= |$)/;
/** The entries on what the Centre does, which a question about reaching it on that subject is torn with. */
const SUBJECT_ENTRIES: ReadonlySet<string> = new Set(
  ['services', 'selection-processes', 'portals', 'online-systems', 'employee-file', 'job-postings', 'specialized-users', 'sagir'].map(faqIntent),
);

/**
 * « un numéro pour parler de mon processus de qualif », « horaire du centre d'aide pour les concours du gouvernement? »,
 * offered a means of reaching the Centre and an entry on what it does (in either order): the message names the means it
 * wants (and no other), which answers it.
 */
export function meansAskedByName(text: string, options: readonly ScoredIntent[]): string | undefined {
  const firstTwo = options.slice(0, 2).map((o) => o.intent);
  if (firstTwo.length < 2 || !firstTwo.some((o) => SUBJECT_ENTRIES.has(o))) return undefined;
  const key = mandateKey(text);
  // « …est encore ouverte, c'est quoi votre numéro aussi »: a second question, after the one on the subject.
  if (ALSO.test(key)) return undefined;
  const named = MEANS_BY_NAME.filter(([, words]) => words.test(key)).map(([entry]) => entry);
  return named.length === 1 && firstTwo.includes(named[0]) ? named[0] : undefined;
}

/** One's own file or account (folded text, mandateKey). */
const OWN_FILE =
  /(?:^| )(?:mon compte|mon dossier|ma candidature|mon cas|a moi|personnel|personnelle|nominative|me concerne|my account|my file|my application|my case|personal)(?= |$)/;

/**
 * « je peux tu vous écrire par mail pour une question sur mon compte à moi? », torn between the Centre's e-mail and
 * what it does not take by e-mail: a question about one's own file is the latter's (which gives the phone instead).
 */
export function writesAboutOwnFile(text: string, options: readonly ScoredIntent[]): boolean {
  const firstTwo = new Set(options.slice(0, 2).map((o) => o.intent));
  return firstTwo.has(NO_NOMINATIVE_EMAIL) && firstTwo.has(faqIntent('email-general')) && OWN_FILE.test(mandateKey(text));
}

/**
 * « y a tu un numéro où je peux poser une question sur les concours », « ça ferme à quelle heure le centre d'aide pour
 * les jobs du gouvernement », answered with what the Centre does or its processes: the phone number or the closing time
 * asked for (narrower than MEANS_BY_NAME: « comment vous contacter pour… » is about the subject's help).
 */
const ABOUT_THE_CENTRE: ReadonlySet<string> = new Set(['services', 'selection-processes'].map(faqIntent));
const NUMBER_ASKED = new RegExp(`(?:^| )(?:numero|phone number)(?= |$)${NOT_A_PHONE_NUMBER}`);
const TIME_ASKED = /(?:^| )(?:a quelle heure|heures d ouverture|vos heures|horaire|what time|opening hours|your hours)(?= |$)/;

export function numberOrHoursAsked(text: string, answered: string): string | undefined {
  if (!ABOUT_THE_CENTRE.has(answered)) return undefined;
  const key = mandateKey(text);
  if (ALSO.test(key)) return undefined;
  const number = NUMBER_ASKED.test(key);
  const time = TIME_ASKED.test(key);
  return number === time ? undefined : number ? faqIntent('phone') : WEEKLY_HOURS;
}
