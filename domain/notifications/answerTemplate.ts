import type { Complaint } from '../complaints/complaint';
import { LANGS, translator } from '../i18n';
import { mailLang } from './citizenMails';

/** The longest answer an officer may send (the page, the admin API and the CLI). */
export const ANSWER_MESSAGE_MAX_LENGTH = 20_000;

/** True while the message still holds a « [à compléter] » of the template (either language): it must not reach the citizen. */
export function hasUnfilledTemplate(message: string): boolean {
  return LANGS.some((lang) => message.includes(translator(lang)('answerMail:template.placeholder')));
}

/**
 * The officer's starting text for the answer e-mail, in the complaint's language (locales answerMail:template).
 * It states no fact: the officer replaces the bracketed parts; the greeting, the reference, the survey link
 * and the recourse are added around it by answerMail().
 */
export function answerTemplate(complaint: Pick<Complaint, 'locale'>): { lang: 'fr' | 'en'; text: string; placeholder: string } {
  const lang = mailLang(complaint);
  const t = translator(lang);
  const parts = ['reviewed', 'findings', 'measures', 'thanks'].map((key) => t(`answerMail:template.${key}`));
  return { lang, text: parts.join('\n\n'), placeholder: t('answerMail:template.placeholder') };
}
