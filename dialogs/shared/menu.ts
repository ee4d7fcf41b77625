import { ActionTypes, Activity, CardAction, MessageFactory } from 'botbuilder';
import type { Lang } from '../../domain/i18n';
import { translator } from '../../domain/i18n';

export const MENU_KEYS = ['faq', 'exam', 'complaint', 'complaintStatus', 'handoff'] as const;
const cache = new Map<Lang, CardAction[]>();

export function menuActions(lang: Lang): CardAction[] {
  let actions = cache.get(lang);
  if (!actions) {
    const t = translator(lang);
    actions = MENU_KEYS.map((key) => {
      const title = t(`common:menu.${key}`);
      return { type: ActionTypes.ImBack, title, value: title };
    });
    cache.set(lang, actions);
  }
  return actions.map((a) => ({ ...a }));
}

/** A message followed by the main menu as suggested actions. */
export function withMenu(lang: Lang, text: string): Partial<Activity> {
  return MessageFactory.suggestedActions(menuActions(lang), text);
}
