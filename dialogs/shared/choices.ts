import { ActionTypes } from 'botbuilder';
import { Choice, ChoicePrompt, FoundChoice, ListStyle, PromptValidator } from 'botbuilder-dialogs';
import { LANGS, translator, type Translate } from '../../domain/i18n';
import { choiceKey, choiceList, isOneOf, isSkip } from '../../domain/text/choices';

/**
 * The dialogs' side of domain/text/choices.ts: buttons and their synonyms, and the word lists of a
 * locale key (« complaint:intake.storyUseWords ») compared with the one normalizer.
 */

/**
 * A ChoicePrompt shown as buttons (suggested actions) and recognized by the choices' text and synonyms
 * only. Number and ordinal recognition are off: the buttons show no numbers, the French number model
 * reads « un » in « parler à un agent » as choice 1, and it costs seconds of CPU on every answer.
 */
export function buttonChoicePrompt(id: string, validator?: PromptValidator<FoundChoice>): ChoicePrompt {
  const prompt = new ChoicePrompt(id, validator);
  prompt.style = ListStyle.suggestedAction;
  prompt.recognizerOptions = { recognizeNumbers: false, recognizeOrdinals: false };
  return prompt;
}

/**
 * Choices shown by their label, recognized by the label, a synonym (matched folded) or the digit of
 * their position, which channels without buttons print in front of them (« (2) Téléphone »).
 */
export function buttonChoices(labels: string[], synonyms: string[][] = []): Choice[] {
  return labels.map((label, i) => ({
    value: label,
    action: { type: ActionTypes.ImBack, title: label, value: label },
    synonyms: [choiceKey(label), String(i + 1), ...(synonyms[i] ?? [])],
  }));
}

/** A yes button and a no button, recognized by the yes and no words of both languages plus their own synonyms. */
export function yesNoChoices(yesTitle: string, noTitle: string, synonyms: { yes?: string[]; no?: string[] } = {}): Choice[] {
  return [
    { value: 'yes', action: { type: ActionTypes.ImBack, title: yesTitle, value: yesTitle }, synonyms: [...choiceList('yes'), ...(synonyms.yes ?? [])] },
    { value: 'no', action: { type: ActionTypes.ImBack, title: noTitle, value: noTitle }, synonyms: [...choiceList('no'), ...(synonyms.no ?? [])] },
  ];
}

/** The words of a locale key holding a list. */
export function wordsOf(t: Translate, listKey: string): string[] {
  return t(listKey, { returnObjects: true, defaultValue: [] }) as string[];
}

const foldedLists = new WeakMap<Translate, Map<string, ReadonlySet<string>>>();

/** The folded words of a locale key holding a list, once per translator: i18next translates each word of a list anew on every call. */
function foldedWordsOf(t: Translate, listKey: string): ReadonlySet<string> {
  let lists = foldedLists.get(t);
  if (!lists) foldedLists.set(t, (lists = new Map()));
  let words = lists.get(listKey);
  if (!words) lists.set(listKey, (words = new Set(wordsOf(t, listKey).map(choiceKey))));
  return words;
}

/** Whether the text is one of the words of a locale key (plus an optional button label). */
export function isOneOfKey(text: string, t: Translate, listKey: string, label?: string): boolean {
  const key = choiceKey(text);
  return key !== '' && ((label !== undefined && label !== '' && choiceKey(label) === key) || foldedWordsOf(t, listKey).has(key));
}

/** Whether the text is a given button (a locale key), in either language. */
export function isButton(text: string, key: string): boolean {
  return isOneOf(
    text,
    LANGS.map((lang) => translator(lang)(key)),
  );
}

/** A skip word (« passer », « je sais pas », “skip”) or one of the skip buttons (locale keys), in either language. */
export function isSkipAnswer(text: string, ...buttonKeys: string[]): boolean {
  return isSkip(text) || buttonKeys.some((key) => isButton(text, key));
}
