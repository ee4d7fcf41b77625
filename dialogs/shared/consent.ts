import type { Choice, FoundChoice, PromptValidatorContext } from 'botbuilder-dialogs';
import { foldText } from '../../domain/format/textFolding';
import { buttonChoices } from './choices';

/** « Oui, j'accepte » and « Non », with the words that mean the same. */
export function consentChoices(yesTitle: string, noTitle: string): Choice[] {
  return buttonChoices(
    [yesTitle, noTitle],
    [
      ['oui', 'o', 'j accepte', 'accepte', 'd accord', 'ok', 'yes', 'y', 'i agree'],
      ['non', 'n', 'no', 'refuse', 'je refuse'],
    ],
  );
}

/** « ok merci quand même », « oui mais non », “ok, no thanks”: a yes word inside a refusal or a doubt. */
const RESERVATION = /\b(non|pas|refuse\w*|quand meme|plus tard|no|not|don t|never|jamais|later|maybe|peut etre)\b/;

/**
 * Consent must be given plainly: the choice recognizer finds « ok » in « ok merci quand même », which is
 * a polite refusal. A yes with a reservation is asked again, never taken as consent.
 */
export async function plainConsent(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
  if (!prompt.recognized.succeeded) return false;
  if (prompt.recognized.value?.index !== 0) return true;
  return !RESERVATION.test(foldText(prompt.context.activity.text ?? ''));
}
