import { entryIdOf, faqIntent, knowledgeBase } from '../faq/knowledgeBase';
import { Lang, LANGS, translator } from '../i18n';
import { Intents } from './intents';

/** The main menu's buttons (common:menu.<key>) and the intent each one means. */
export const MENU_INTENTS: Readonly<Record<string, string>> = {
  faq: Intents.faqMenu,
  exam: Intents.examProblem,
  complaint: Intents.complaintFile,
  complaintStatus: Intents.complaintStatus,
  handoff: Intents.handoff,
};

/** The button text for an intent offered as a choice: the FAQ entry's title or the menu button's text. */
export function intentTitle(intent: string, lang: Lang): string | undefined {
  const entryId = entryIdOf(intent);
  if (entryId) return knowledgeBase().byId.get(entryId)?.title[lang];
  const menuKey = Object.entries(MENU_INTENTS).find(([, value]) => value === intent)?.[0];
  return menuKey ? translator(lang)(`common:menu.${menuKey}`) : undefined;
}

/** Every text that must map exactly to one intent: menu buttons, FAQ titles and « Reformuler ma question », in French and in English. */
export function exactIntentTexts(): Array<{ text: string; intent: string }> {
  const texts: Array<{ text: string; intent: string }> = [];
  for (const lang of LANGS) {
    const t = translator(lang);
    for (const [key, intent] of Object.entries(MENU_INTENTS)) texts.push({ text: t(`common:menu.${key}`), intent });
    for (const entry of knowledgeBase().entries) texts.push({ text: entry.title[lang], intent: faqIntent(entry.id) });
    texts.push({ text: t('faq:feedback.rephrase'), intent: Intents.faqMenu });
  }
  return texts;
}
