import { publicInformationMasker } from './publicMasker';

const MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december';
/** A full date (with its year): in a question nobody understood, most likely a date of birth. */
const FULL_DATE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(?:1er|\d{1,2})[ \t]+(?:${MONTHS})[ \t]+\d{4})(?![\p{L}\p{N}])`,
  'giu',
);
/** « je suis Marie Tremblay », « moi c'est Luc Gagnon », « Marie Tremblay ici »: a capitalised name after (or before) a cue. */
const INTRODUCED_NAME = /(?<![\p{L}])((?:je[ \t]+suis|moi[ \t]+c['’]est|c['’]est|ici|this[ \t]+is|i[ \t]+am|i['’]m)[ \t]+)\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,3}/gu;
/** Two or more capitalised words in a row (« Marie Tremblay »), but the names of the services people ask about. */
const NAME_RUN = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}[\p{L}'’-]*(?:[ \t]+\p{Lu}\p{Ll}[\p{L}'’-]*)+(?![\p{L}\p{N}])/gu;
const KNOWN_WORDS = new Set(
  'bonjour|allo|allô|salut|merci|québec|quebec|montréal|montreal|canada|carrières|carrieres|portail|emplois|ligne|sagir|centre|secrétariat|secretariat|conseil|trésor|tresor|protecteur|citoyen|ministère|ministere|cybersécurité|numérique|dotation|fonction|publique|gouvernement|examen|processus|hello|hi|thanks'.split(
    '|',
  ),
);
/** Six digits or more: a file, employee or case number. */
const LONG_NUMBER = /(?<![\p{L}\p{N}])\d(?:[ -]?\d){5,}(?![\p{L}\p{N}])/gu;

/** « Merci Jean Tremblay » → « Merci [nom] »: the known words at either end of a run stay. */
function maskNameRun(run: string): string {
  const words = run.split(/[ \t]+/);
  const known = (w: string) => KNOWN_WORDS.has(w.toLowerCase());
  if (words.every(known)) return run;
  let start = 0;
  let end = words.length;
  while (known(words[start])) start += 1;
  while (known(words[end - 1])) end -= 1;
  return [...words.slice(0, start), '[nom]', ...words.slice(end)].join(' ');
}

/**
 * Free text that managers read in the statistics (questions not understood, satisfaction comments):
 * already masked when stored, masked again more strictly here, where no sentence needs to stay whole —
 * names without a cue, full dates and long numbers as well. A name typed all in lower case
 * (« marie tremblay ») is not recognized.
 */
export function maskForManagers(text: string): string {
  return publicInformationMasker()
    .mask(text)
    .replace(FULL_DATE, '[date]')
    .replace(INTRODUCED_NAME, (_m, cue: string) => `${cue}[nom]`)
    .replace(NAME_RUN, maskNameRun)
    .replace(LONG_NUMBER, '[numéro]');
}
