import type { TurnContext } from 'botbuilder';
import { Lang, langFromLocale, Translate, translator } from '../../domain/i18n';

const TURN_LANGUAGE = Symbol('turnLanguage');

/** The locale the prompts of botbuilder-dialogs read (they choose their locale from activity.locale first). */
const LOCALES: Record<Lang, string> = { fr: 'fr-CA', en: 'en-CA' };

/**
 * Sets the language of the rest of this turn, e.g. the one the person chose for the conversation
 * (dialogs/shared/languageChoice.ts). The activity's locale follows, so that the prompts of the forms
 * recognize and word their choices in that language too.
 */
export function setTurnLanguage(context: TurnContext, lang: Lang): void {
  context.turnState.set(TURN_LANGUAGE, lang);
  if (langFromLocale(context.activity.locale) !== lang) context.activity.locale = LOCALES[lang];
}

/** The person's language for this turn: the one chosen in the conversation, else the channel's locale (fr-CA by default). */
export function langOf(context: TurnContext): Lang {
  return (context.turnState.get(TURN_LANGUAGE) as Lang | undefined) ?? langFromLocale(context.activity.locale);
}

export function tOf(context: TurnContext): Translate {
  return translator(langOf(context));
}

/** The turn's language and its translate function together. */
export function localize(context: TurnContext): { t: Translate; lang: Lang } {
  const lang = langOf(context);
  return { t: translator(lang), lang };
}
