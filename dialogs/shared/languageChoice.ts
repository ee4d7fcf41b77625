import type { TurnContext } from 'botbuilder';
import { Choice, Dialog, DialogTurnResult, FoundChoice, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { recordDialog } from './turnInsights';
import { foldText } from '../../domain/format/textFolding';
import { withMenu } from './menu';
import { Lang, langFromLocale, translator } from '../../domain/i18n';
import { detectLanguage } from '../../domain/understanding/languageDetector';
import { buttonChoicePrompt, wordsOf } from './choices';
import { langOf, setTurnLanguage } from './localization';
import type { DialogServices } from './services';

/**
 * « It looks like you write in English » on the French page: offered once per conversation, to a person
 * whose message is plainly English. The choice is kept in conversation state and applied at the start of
 * every later turn (`applyLanguageChoice`); the message that prompted the offer is then answered in the
 * chosen language.
 */
export const LANGUAGE_OFFER_DIALOG = 'language.offer';
const LANGUAGE_PROMPT = 'language.offer.prompt';

/** What the offer ends with: the message to route now, in the language just chosen. */
export interface LanguageReroute {
  languageReroute: true;
  text: string;
}

export function isLanguageReroute(result: unknown): result is LanguageReroute {
  return typeof result === 'object' && result !== null && (result as LanguageReroute).languageReroute === true;
}

/** Applies the language chosen earlier in the conversation to this turn (replies, prompts, recognizer). */
export async function applyLanguageChoice(context: TurnContext, services: Pick<DialogServices, 'conversationData'>): Promise<void> {
  const data = await services.conversationData.get(context, {});
  if (data.languageChoice) setTurnLanguage(context, data.languageChoice);
}

/**
 * True (and remembered, so it is asked once) when the person writes plainly English on the French page,
 * or asks in French for English (« parlez-vous anglais? »), and has not chosen a language yet.
 */
export async function shouldOfferEnglish(context: TurnContext, services: Pick<DialogServices, 'conversationData'>, text: string): Promise<boolean> {
  if (context.activity.type !== 'message' || !text) return false;
  if (langFromLocale(context.activity.locale) !== 'fr' || langOf(context) !== 'fr') return false;
  const data = await services.conversationData.get(context, {});
  if (data.englishOffered || data.languageChoice) return false;
  if (detectLanguage(text) !== 'en' && !(asksOnlyAboutLanguage(text) && /\b(anglais|english)\b/.test(foldText(text)))) return false;
  data.englishOffered = true;
  return true;
}

const LANGUAGE_WORDS = new Set(['english', 'anglais', 'speak', 'parlez', 'parles', 'parle', 'language', 'langue']);
const ABOUT_LANGUAGE = new Set([
  ...LANGUAGE_WORDS,
  ...'hi hello hey bonjour allo salut do does you u speak can could i we write talk is there anyone someone somebody who in en please pls svp thanks est ce que qu qui quelqu un une personne vous tu ici here ok sorry excuse me my french francais is very well not good bad'.split(' '),
]);

/** « hi, do you speak English? », « english please », « parlez-vous anglais »: a question about the language and nothing else. */
function asksOnlyAboutLanguage(text: string): boolean {
  const words = foldText(text).split(' ').filter(Boolean);
  return words.some((w) => LANGUAGE_WORDS.has(w)) && words.every((w) => ABOUT_LANGUAGE.has(w));
}

/** The offer (bilingual, two buttons), then the choice applied and the original message routed again. */
export function languageOfferDialogs(services: Pick<DialogServices, 'conversationData'>): Dialog[] {
  const offer = async (step: WaterfallStepContext<{ text?: string }>): Promise<DialogTurnResult> => {
    recordDialog(step.context, LANGUAGE_OFFER_DIALOG);
    const t = translator('fr');
    const choices: Choice[] = (['english', 'french'] as const).map((key) => ({
      value: key === 'english' ? 'en' : 'fr',
      action: { type: 'imBack', title: t(`language:offer.${key}`), value: t(`language:offer.${key}`) },
      synonyms: wordsOf(t, `language:offer.${key}Words`),
    }));
    return step.prompt(LANGUAGE_PROMPT, { prompt: t('language:offer.text'), choices });
  };

  const choose = async (step: WaterfallStepContext<{ text?: string }>): Promise<DialogTurnResult> => {
    const { context } = step;
    recordDialog(context, LANGUAGE_OFFER_DIALOG);
    const original = step.options.text ?? '';
    const found = step.result as FoundChoice | undefined;
    // A button or a yes/no: the first message is answered. Anything else is a new message, in its own language.
    const typed = context.activity.text?.trim() ?? '';
    const lang: Lang = found ? (found.value as Lang) : detectLanguage(typed) === 'en' ? 'en' : 'fr';
    const data = await services.conversationData.get(context, {});
    data.languageChoice = lang;
    setTurnLanguage(context, lang);
    if (found && asksOnlyAboutLanguage(original)) {
      // « Do you speak English? » asked nothing more: the menu, rather than « I did not understand your request ».
      const t = translator(lang);
      await context.sendActivity(withMenu(lang, `${t(`language:chosen.${lang}`)} ${t('common:welcome.prompt')}`));
      return step.endDialog();
    }
    if (found) await context.sendActivity(translator(lang)(`language:chosen.${lang}`));
    const reroute: LanguageReroute = { languageReroute: true, text: found ? original : typed };
    return step.endDialog(reroute);
  };

  // Every answer ends the prompt: one that is not a choice is read as a new message (see `choose`).
  const prompt = buttonChoicePrompt(LANGUAGE_PROMPT, async () => true);
  return [new WaterfallDialog<{ text?: string }>(LANGUAGE_OFFER_DIALOG, [offer, choose]), prompt];
}
