import { Activity, ActionTypes, MessageFactory, TurnContext } from 'botbuilder';
import { Choice, ListStyle } from 'botbuilder-dialogs';
import type { Translate } from '../../domain/i18n';
import { normalizeUtterance } from '../../domain/understanding/normalize';
import { localize } from '../shared/localization';

/** What a field of the form receives when it is asked. */
export interface FieldOptions {
  /** The message that opened the complaint, when it already tells what happened (offered back as the description). */
  story?: string;
}

/** Buttons where the chat shows suggested actions; elsewhere botbuilder picks (a numbered list on SMS, a card on Teams). */
export function choiceStyle(context: TurnContext): ListStyle {
  return SUGGESTED_ACTION_CHANNELS.has(context.activity.channelId) ? ListStyle.suggestedAction : ListStyle.auto;
}
const SUGGESTED_ACTION_CHANNELS = new Set(['webchat', 'directline', 'directlinespeech', 'emulator', 'test']);

/**
 * Choices shown by their label, recognized by the label, a synonym (matched without accents) or the
 * digit of their position, which channels without buttons print in front of them (« (2) Téléphone »).
 */
export function choices(labels: string[], synonyms: string[][] = []): Choice[] {
  return labels.map((label, i) => ({
    value: label,
    action: { type: ActionTypes.ImBack, title: label, value: label },
    synonyms: [normalizeUtterance(label), String(i + 1), ...(synonyms[i] ?? [])],
  }));
}

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

/** Whether the text is one of the words (a locale key holding a list, plus an optional button label), compared without accents. */
export function isOneOf(text: string, t: Translate, listKey: string, label?: string): boolean {
  const normalized = normalizeUtterance(text);
  const words = [...(label ? [label] : []), ...(t(listKey, { returnObjects: true }) as string[])];
  return words.some((w) => normalizeUtterance(w) === normalized);
}

export function isSkip(text: string, t: Translate): boolean {
  return isOneOf(text, t, 'complaint:intake.skipWords', t('complaint:intake.skip'));
}

/** « 4 000 » in French, “4,000” in English. */
export function formatCount(n: number, context: TurnContext): string {
  const { lang } = localize(context);
  return lang === 'en' ? n.toLocaleString('en-CA') : n.toLocaleString('fr-CA').replace(/[\u202f\u00a0]/g, ' ');
}
