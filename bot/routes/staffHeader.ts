import { readFileSync } from 'node:fs';
import { escapeHtml } from '../../domain/format/html';
import { Lang, translator } from '../../domain/i18n';
import { projectPath } from '../../domain/paths';

let template: string | undefined;

/**
 * The banner every staff page shares (web/admin/header.html): brand, navigation, language link, the
 * person signed in and the sign-out button, which web/admin/session.ts fills in and wires.
 * `otherLangHref` is the same page in the other language.
 */
export function renderStaffHeader(lang: Lang, otherLangHref: string): string {
  template ??= readFileSync(projectPath('web', 'admin', 'header.html'), 'utf8');
  const t = translator(lang);
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const values: Record<string, string> = {
    langQuery: lang === 'en' ? '?lang=en' : '',
    otherLang: other,
    otherLangName: translator(other)('admin:page.languageName'),
    otherLangHref,
  };
  return template
    .replace(/\{\{a:([\w.]+)\}\}/g, (_m, key: string) => escapeHtml(t(`admin:${key}`)))
    .replace(/\{\{o:([\w.]+)\}\}/g, (_m, key: string) => escapeHtml(t(`officer:${key}`)))
    .replace(/\{\{(\w+)\}\}/g, (m, key: string) => (key in values ? escapeHtml(values[key]) : m))
    .trimEnd();
}
