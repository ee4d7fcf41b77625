import { readFileSync } from 'node:fs';
import type { Request, Response, Server } from 'restify';
import { escapeHtml } from '../../domain/format/html';
import { Lang, translator } from '../../domain/i18n';
import { projectPath } from '../../domain/paths';
import { scriptJson } from '../web/html';
import { sendPage, STAFF_PAGE_POLICY } from '../web/sendPage';
import { renderStaffHeader } from './staffHeader';

/**
 * The staff page of the callback queue, /admin/callbacks: web/admin/callbacks.html with its texts
 * from locales (callback:page, escaped here), the banner all staff pages share (staffHeader.ts), and
 * /admin/assets/callbacks.js (compiled from callbacks.ts by `npx tsc -p web/tsconfig.json`), which
 * calls the admin API with the token typed by the person, kept in sessionStorage like the dashboard's.
 */
export function registerCallbackPage(server: Server, https: boolean): void {
  const template = readFileSync(projectPath('web', 'admin', 'callbacks.html'), 'utf8');
  const pages = new Map<Lang, string>();
  server.get('/admin/callbacks', async (req: Request, res: Response) => {
    const lang: Lang = req.query?.lang === 'en' ? 'en' : 'fr';
    let html = pages.get(lang);
    if (!html) pages.set(lang, (html = renderCallbackPage(template, lang)));
    sendPage(res, html, STAFF_PAGE_POLICY, https);
  });
}

export function renderCallbackPage(template: string, lang: Lang): string {
  const t = translator(lang);
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const values: Record<string, string> = {
    lang,
    otherLang: other,
    otherLangName: translator(other)('admin:page.languageName'),
    otherLangHref: lang === 'en' ? '/admin/callbacks' : '/admin/callbacks?lang=en',
    langQuery: lang === 'en' ? '?lang=en' : '',
  };
  const strings = {
    lang,
    page: t('callback:page', { returnObjects: true }),
    statuses: t('callback:statuses', { returnObjects: true }),
    results: t('callback:results', { returnObjects: true }),
    events: t('callback:events', { returnObjects: true }),
    periods: t('callback:slot.periods', { returnObjects: true }),
    detail: t('callback:cli.detail', { returnObjects: true }),
  };
  // The modules shared with the other staff pages (session, dates) read admin strings.
  const adminStrings = { lang, page: t('admin:page', { returnObjects: true }), dateField: t('staffPages:dateField', { returnObjects: true }) };
  return template
    .replace(/\{\{t:([\w.]+)\}\}/g, (_m, key: string) => escapeHtml(t(`callback:${key}`)))
    .replace(/\{\{a:([\w.]+)\}\}/g, (_m, key: string) => escapeHtml(t(`admin:${key}`)))
    .replace(/\{\{s:([\w.]+)\}\}/g, (_m, key: string) => escapeHtml(t(`callback:statuses.${key}`)))
    .replace(/\{\{(?!strings\}\})(\w+)\}\}/g, (m, key: string) => (key in values ? escapeHtml(values[key]) : m))
    .replace('{{header}}', () => renderStaffHeader(lang, values.otherLangHref))
    .replace('{{adminStrings}}', () => scriptJson(adminStrings))
    .replace('{{strings}}', () => scriptJson(strings));
}
