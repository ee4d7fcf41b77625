import { DESCRIPTION_MAX_LENGTH } from './complaintService';
import { LANGS, translator } from '../i18n';
import { choiceWords, PhraseSet, TypoTolerance } from '../text/choices';
import { rememberLast } from '../text/rememberLast';

/** A first message at least this long, once the words asking for a complaint are set aside, already tells what happened. */
const STORY_MIN_WORDS = 5;
const STORY_MIN_LENGTH = 15;

/** What the message that opened the complaint says about the person's situation. */
export interface FirstMessage {
  /** It tells what happened (« ça fait 3 fois que j'appelle et personne me rappelle »): offered back as the description. */
  story?: string;
  /** It expresses frustration (« c'est inacceptable », “I'm fed up”): the form opens with one empathetic sentence. */
  upset: boolean;
}

interface WordLists {
  request: Set<string>;
  anger: PhraseSet;
  frustration: PhraseSet;
  staff: PhraseSet;
  dateTalk: PhraseSet;
}

let lists: WordLists | undefined;

/**
 * The feeling and staff words are matched with one typo from 8 letters only (« innacceptable »): with the usual
 * tolerance, « face à face » read as « fâché », « ma tante » as « tanné » and « argent » as « agent », and a calm
 * question was met with sympathy.
 */
const FEELING_TYPOS: TypoTolerance = { oneFrom: 8, twoFrom: Number.POSITIVE_INFINITY };

/** The word lists of both languages; being upset is the anger words or the broader frustration ones. */
function wordLists(): WordLists {
  const words = (key: string): string[] => LANGS.flatMap((lang) => translator(lang)(key, { returnObjects: true }) as string[]);
  if (!lists) {
    lists = {
      request: new Set(words('complaint:firstMessage.requestWords').flatMap(choiceWords)),
      anger: new PhraseSet(words('complaint:firstMessage.anger'), FEELING_TYPOS),
      frustration: new PhraseSet(words('complaint:firstMessage.frustration'), FEELING_TYPOS),
      staff: new PhraseSet(words('complaint:firstMessage.staff'), FEELING_TYPOS),
      dateTalk: new PhraseSet(words('complaint:firstMessage.dateTalk')),
    };
  }
  return lists;
}

/**
 * The anger words of a message, its last one remembered: a turn asks it of the same message several times
 * (the main dialog's rules, then the FAQ answer's sympathy), each reading scanning every anger word.
 */
const angerIn = rememberLast((text) => wordLists().anger.foundIn(choiceWords(text)));

/**
 * Whether a message says the person is angry or fed up (« c'est ridicule », « tabarnak », “unacceptable”):
 * locales/<lang>/complaint.json, firstMessage.anger. Narrower than `upset`, which also reads « encore une
 * fois » or « jamais » as frustration once the person has asked to complain.
 */
export function soundsAngry(utterance: string | undefined): boolean {
  return angerIn(utterance ?? '');
}

/**
 * Whether a message speaks of someone who served the person (« l'agent », « la dame au téléphone », “the rep”):
 * locales/<lang>/complaint.json, firstMessage.staff.
 */
export function speaksOfTheStaff(utterance: string): boolean {
  const tokens = choiceWords(utterance);
  return wordLists().staff.foundIn(tokens);
}

/** readFirstMessage's reading of a trimmed text, the last one remembered (the main dialog and the complaint form read the same message). */
const firstMessageOf = rememberLast((text): FirstMessage => {
  const tokens = choiceWords(text);
  // « si jamais je suis pas content » supposes: its « jamais » says no frustration.
  const felt = tokens.filter((token, i) => !(token === 'jamais' && tokens[i - 1] === 'si'));
  const upset = /!{2,}/.test(text) || soundsAngry(text) || wordLists().frustration.foundIn(felt);
  return { story: storyIn(text, tokens), upset };
});

/**
 * « Déposer une plainte » or « je veux porter plainte » only ask for the form; a message with more
 * than a few other words tells the story. Word lists in locales/<lang>/complaint.json (firstMessage).
 */
export function readFirstMessage(utterance: string | undefined): FirstMessage {
  // A copy of the last reading remembered: callers may change what they get.
  return { ...firstMessageOf((utterance ?? '').trim()) };
}

/** The text (trimmed), when its words besides those asking for a complaint (`tokens`, its choiceWords) tell a story. */
function storyIn(text: string, tokens: string[]): string | undefined {
  const { request } = wordLists();
  const storyWords = tokens.filter((w) => !request.has(w));
  return storyWords.length >= STORY_MIN_WORDS && text.length >= STORY_MIN_LENGTH && text.length <= DESCRIPTION_MAX_LENGTH ? text : undefined;
}

/**
 * The story told in an answer to « Quand la situation s'est-elle produite? » (« l'agente m'a raccroché au
 * nez »), or undefined: too short to be one, or talking about the date itself (« je me souviens plus de la
 * date », « ça fait longtemps, genre à l'automne »: firstMessage.dateTalk in locales/<lang>/complaint.json).
 */
export function storyToldAtDate(text: string): string | undefined {
  const trimmed = text.trim();
  const tokens = choiceWords(trimmed);
  const story = storyIn(trimmed, tokens);
  return story && !wordLists().dateTalk.foundIn(tokens) ? story : undefined;
}
