import type { TurnContext } from 'botbuilder';
import { Lang, langFromLocale, Translate, translator } from '../../domain/i18n';

/** The person's language for this turn: the channel's locale (fr-CA by default). */
export function langOf(context: TurnContext): Lang {
  return langFromLocale(context.activity.locale);
}

export function tOf(context: TurnContext): Translate {
  return translator(langOf(context));
}

/** The turn's language and its translate function together. */
export function localize(context: TurnContext): { t: Translate; lang: Lang } {
  const lang = langOf(context);
  return { t: translator(lang), lang };
}
