import { ActionTypes, Activity, CardAction, MessageFactory } from 'botbuilder';
import { foldText } from '../../domain/format/textFolding';
import type { Lang } from '../../domain/i18n';
import { LANGS, translator } from '../../domain/i18n';
import { normalizeUtterance } from '../../domain/understanding/normalize';
import { menuActions } from '../shared/menu';

/** The main menu, then « Demander un rappel »: the answer to « Parler à une personne » (the menu keeps its place for keyboard users). */
export function withCallbackOffer(lang: Lang, text: string): Partial<Activity> {
  const t = translator(lang);
  const title = t('callback:offer.button');
  const offer: CardAction = { type: ActionTypes.ImBack, title, value: title };
  return MessageFactory.suggestedActions([...menuActions(lang), offer], `${text}\n\n${t('callback:offer.text')}`);
}

/** « rappelez-moi », « je veux qu'on me rappelle », « pouvez-vous me rappeler? », “call me back”. */
const ASKS = /\b(rappelez[- ]?moi|me rappeler|qu ?on me rappelle|(demander|demande|faire) (un|de|une demande de) rappel|call me back|callback|call-back|be called back|a call back)\b/;
/** « personne ne me rappelle », « vous ne m'avez jamais rappelé »: a complaint, not a request. */
const COMPLAINS = /\b(personne|jamais|pas|ne|n|plus|encore|toujours|inacceptable|never|nobody|no one|didn t|did not|still)\b/;
/** « j'ai postulé, quand vont-ils me rappeler? »: an employer's call awaited, not a request to the Centre. */
const SOMEONE_ELSE = /\b(vont ils|ils vont|va t il|va t elle|vont elles|ils me|elles me|il me|elle me|employeur|postule\w*|candidature|entrevue|will they|they|employer|applied|application|interview)\b/;

let buttons: ReadonlySet<string> | undefined;

/** « Demander un rappel » and “Request a callback”, normalized once (asksForCallback reads every message). */
function offerButtons(): ReadonlySet<string> {
  buttons ??= new Set(LANGS.map((l) => normalizeUtterance(translator(l)('callback:offer.button'))));
  return buttons;
}

/** Whether a whole message asks for a callback (the button's text, or a short request in words). */
export function asksForCallback(text: string | undefined): boolean {
  if (!text || text.length > 120) return false;
  if (offerButtons().has(normalizeUtterance(text))) return true;
  const folded = foldText(text).replace(/['’]/g, ' ');
  return ASKS.test(folded) && !COMPLAINS.test(folded) && !SOMEONE_ELSE.test(folded);
}
