import { readFileSync } from 'node:fs';
import type { Request, Response, Server } from 'restify';
import { Lang, translator } from '../../domain/i18n';
import { projectPath } from '../../domain/paths';
import { sendError } from '../httpErrors';
import { escapeHtml } from '../../domain/format/html';
import { knowledgeBase } from '../../domain/faq/knowledgeBase';
import { commitmentsView } from '../../domain/satisfaction/commitments';
import { scriptJson } from '../web/html';
import { sendPage, STAFF_PAGE_POLICY } from '../web/sendPage';
import { renderStaffHeader } from './staffHeader';

/**
 * The dashboard's files (web/admin, owned by the staff tools); nothing else is served from there.
 * The scripts are ES modules compiled from web/admin/*.ts by `tsc -p web/tsconfig.json` (npm run build);
 * admin.js is the entry, which imports the others.
 */
const SCRIPTS = [
  'admin.js',
  'answerMail.js',
  'api.js',
  'callbacks.js',
  'chart.js',
  'complaintCells.js',
  'complaintDetail.js',
  'complaintList.js',
  'contactStats.js',
  'conversationStats.js',
  'dashboard.js',
  'dateField.js',
  'dom.js',
  'exports.js',
  'incidents.js',
  'page.js',
  'references.js',
  'session.js',
  'strings.js',
];
const ASSETS: Record<string, string> = {
  ...Object.fromEntries(SCRIPTS.map((file) => [file, 'text/javascript; charset=utf-8'])),
  'admin.css': 'text/css; charset=utf-8',
};

/** Locale subtrees the page's script needs (admin namespace, plus labels owned by other features). */
const SCRIPT_STRINGS: Array<[string, string]> = [
  ['page', 'admin:page'],
  ['clock', 'admin:clock'],
  ['clockState', 'admin:clockState'],
  ['levels', 'admin:levels'],
  ['routes', 'admin:routes'],
  ['events', 'admin:events'],
  ['fields', 'admin:fields'],
  ['digestStatus', 'admin:digestStatus'],
  ['statuses', 'complaint:status'],
  ['services', 'complaint:services'],
  ['contactMethods', 'complaint:contactMethods'],
  ['kinds', 'exam:kinds'],
  ['satisfaction', 'satisfaction:dashboard'],
  ['satisfactionSources', 'satisfaction:sources'],
  ['satisfactionTopics', 'satisfaction:topics'],
  // The officers' views (queue, assignment, contact attempts, outcome, exam incidents).
  ['officerPage', 'officer:page'],
  ['officerHistory', 'officer:history'],
  ['contactChannels', 'officer:contactChannels'],
  ['contactResults', 'officer:contactResults'],
  ['outcomes', 'officer:outcomes'],
  ['incidentStatus', 'officer:incidentStatus'],
  ['incidentEvents', 'officer:incidentEvents'],
  ['priorities', 'admin:priorities'],
  // The answer e-mailed from the template, on the complaint page.
  ['answerMail', 'answerMail:page'],
  ['dateField', 'staffPages:dateField'],
];

/**
 * The managers' and staff's dashboard: `/admin` (figures against the targets), `/admin/complaints`
 * (the list) and `/admin/complaints/<reference>` (the link in the reminder e-mails). The HTML comes
 * from web/admin/index.html with every text taken from locales (admin namespace) and escaped here;
 * data is fetched by the modules compiled from web/admin/*.ts with the bearer token the person types, kept in
 * sessionStorage (never in a URL or a cookie).
 */
export function registerAdminPage(server: Server, https: boolean): void {
  const template = readFileSync(projectPath('web', 'admin', 'index.html'), 'utf8');
  const pages = new Map<string, string>();
  const page = (lang: Lang, path: string): string => {
    const key = `${lang}|${path}`;
    let html = pages.get(key);
    if (html === undefined) {
      html = renderAdminPage(template, lang, path);
      if (pages.size < 64) pages.set(key, html);
    }
    return html;
  };
  const langOf = (req: Request): Lang => (req.query?.lang === 'en' ? 'en' : 'fr');

  const send = (req: Request, res: Response, path: string) => sendPage(res, page(langOf(req), path), STAFF_PAGE_POLICY, https);
  server.get('/admin', async (req: Request, res: Response) => send(req, res, '/admin'));
  server.get('/admin/complaints', async (req: Request, res: Response) => send(req, res, '/admin/complaints'));
  server.get('/admin/my-complaints', async (req: Request, res: Response) => send(req, res, '/admin/my-complaints'));
  server.get('/admin/incidents', async (req: Request, res: Response) => send(req, res, '/admin/incidents'));
  server.get('/admin/incidents/:reference', async (req: Request, res: Response) => send(req, res, '/admin/incidents/:reference'));
  server.get('/admin/complaints/:reference', async (req: Request, res: Response) => {
    // The reference itself is read by the script from the address; the HTML is the same for all.
    send(req, res, '/admin/complaints/:reference');
  });

  const assets = new Map<string, Buffer>();
  server.get('/admin/assets/:file', async (req: Request, res: Response) => {
    const file = String(req.params.file ?? '');
    const type = ASSETS[file];
    if (!type) return sendError(res, { status: 404, code: 'NotFound', message: 'No such file.' });
    let body = assets.get(file);
    if (!body) assets.set(file, (body = readFileSync(projectPath('web', 'admin', file))));
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(body.length), 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    res.end(body);
  });
}

const VIEWS: Record<string, string> = {
  '/admin': 'dashboard',
  '/admin/complaints': 'complaints',
  '/admin/my-complaints': 'mine',
  '/admin/incidents': 'incidents',
  '/admin/incidents/:reference': 'incident',
};

/** Fills `{{t:key}}` (admin:key, escaped), `{{lang}}`, `{{otherLang…}}` and `{{strings}}` (JSON for the script). */
export function renderAdminPage(template: string, lang: Lang, path: string): string {
  const t = translator(lang);
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const strings: Record<string, unknown> = { lang };
  for (const [name, key] of SCRIPT_STRINGS) {
    const value = t(key, { returnObjects: true, defaultValue: {} });
    strings[name] = typeof value === 'object' && value !== null ? value : {};
  }
  // Managers read FAQ entries by their titles, and the declaration's commitments beside the satisfaction rates.
  strings.faqTitles = Object.fromEntries(knowledgeBase().entries.map((e) => [e.id, e.title[lang]]));
  strings.commitments = commitmentsView(lang);
  const values: Record<string, string> = {
    lang,
    otherLang: other,
    otherLangName: translator(other)('admin:page.languageName'),
    otherLangHref: `?lang=${other}`,
    langQuery: lang === 'en' ? '?lang=en' : '',
    view: VIEWS[path] ?? 'complaint',
  };
  // The script's strings go in last: they hold {{placeholders}} of their own.
  return template
    .replace(/\{\{t:([\w.]+)\}\}/g, (_m, key: string) => escapeHtml(t(`admin:${key}`)))
    .replace(/\{\{o:([\w.]+)\}\}/g, (_m, key: string) => escapeHtml(t(`officer:${key}`)))
    .replace(/\{\{(?!strings\}\})(\w+)\}\}/g, (m, key: string) => (key in values ? escapeHtml(values[key]) : m))
    .replace('{{header}}', () => renderStaffHeader(lang, `?lang=${other}`))
    .replace('{{strings}}', () => scriptJson(strings));
}
