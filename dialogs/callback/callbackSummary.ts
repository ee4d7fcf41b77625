import type { TurnContext } from 'botbuilder';
import { Choice } from 'botbuilder-dialogs';
import { formatPhone, normalizePhone } from '../../domain/complaints/contact';
import { slotSentence } from '../../domain/callbacks/slotText';
import type { Lang, Translate } from '../../domain/i18n';
import { buttonChoices } from '../shared/choices';
import type { DialogServices } from '../shared/services';
import type { CallbackDraft } from './callbackDraft';

export const SUMMARY_ACTIONS = ['confirm', 'modify', 'cancel'] as const;
export type CallbackSummaryAction = (typeof SUMMARY_ACTIONS)[number];

/** « Voici votre demande de rappel : » and one line per answer (the phone as it will be dialled). */
export function callbackSummaryText(draft: CallbackDraft, t: Translate, lang: Lang, services: Pick<DialogServices, 'callbacks' | 'calendar'>): string {
  const slot = draft.slot && services.callbacks.slots.slotOf(draft.slot.date, draft.slot.period);
  const phone = draft.phone ? normalizePhone(draft.phone) : undefined;
  const lines = [
    `- **${t('callback:summary.name')}** : ${draft.name ?? t('callback:summary.noName')}`,
    `- **${t('callback:summary.phone')}** : ${phone ? formatPhone(phone) : ''}`,
    `- **${t('callback:summary.slot')}** : ${slot ? slotSentence(slot, t, lang, services.calendar.timeZone) : ''}`,
    `- **${t('callback:summary.subject')}** : ${draft.subject ?? ''}`,
    `- **${t('callback:summary.email')}** : ${draft.email ?? t('callback:summary.noEmail')}`,
  ].map((line) => (lang === 'fr' ? line.replace(' : ', '\u00a0: ') : line.replace(' : ', ': ')));
  return `${t('callback:summary.title')}\n\n${lines.join('\n')}\n\n${t('callback:summary.question')}`;
}

/** Confirmer / Modifier / Annuler, recognized by their label or their words (callback:summary.*Words). */
export function summaryChoices(t: Translate): Choice[] {
  return buttonChoices(
    SUMMARY_ACTIONS.map((a) => t(`callback:summary.${a}`)),
    SUMMARY_ACTIONS.map((a) => t(`callback:summary.${a}Words`, { returnObjects: true }) as string[]),
  );
}

/** The channel's id and locale, recorded with the request (never the conversation id). */
export function originOf(context: TurnContext): { channelId?: string; locale?: string } {
  return { channelId: context.activity.channelId, locale: context.activity.locale };
}
