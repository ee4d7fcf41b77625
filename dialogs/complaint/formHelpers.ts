import { Activity, ActionTypes, MessageFactory, TurnContext } from 'botbuilder';
import { ListStyle } from 'botbuilder-dialogs';
import type { Translate } from '../../domain/i18n';
import { localize } from '../shared/localization';

/** What a field of the form receives when it is asked. */
export interface FieldOptions {
  /**
   * What happened, as the person already told it (offered back as the description): the message that
   * opened the complaint, or an answer to an earlier question (the date) that told the story instead.
   */
  story?: string;
}

/** Buttons where the chat shows suggested actions; elsewhere botbuilder picks (a numbered list on SMS, a card on Teams). */
export function choiceStyle(context: TurnContext): ListStyle {
  return SUGGESTED_ACTION_CHANNELS.has(context.activity.channelId) ? ListStyle.suggestedAction : ListStyle.auto;
}
const SUGGESTED_ACTION_CHANNELS = new Set(['webchat', 'directline', 'directlinespeech', 'emulator', 'test']);

/** A question with quick replies; free text is accepted too. */
export function withButtons(text: string, titles: string[]): Partial<Activity> {
  return MessageFactory.suggestedActions(
    titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
    text,
  );
}

export function withSkip(t: Translate, text: string): Partial<Activity> {
  return withButtons(text, [t('complaint:intake.skip')]);
}

/** « 4 000 » in French, “4,000” in English. */
export function formatCount(n: number, context: TurnContext): string {
  const { lang } = localize(context);
  return lang === 'en' ? n.toLocaleString('en-CA') : n.toLocaleString('fr-CA').replace(/[\u202f\u00a0]/g, ' ');
}
