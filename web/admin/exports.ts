/** The managers' downloads (CSV and JSON) for the period chosen on the dashboard. */
import { errorText, requestRaw } from './api.js';
import { el, field, inlineField, section } from './dom.js';
import { say, showError } from './page.js';
import { lang, t } from './strings.js';

export function currentFiscalYearStart(): number {
  const now = new Date();
  return now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
}

function input(id: string): HTMLInputElement | HTMLSelectElement | null {
  return document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
}

export function exportsSection(): HTMLElement {
  const semicolon = el('input', { type: 'checkbox', id: 'export-semicolon', checked: lang === 'fr' });
  const personal = el('input', { type: 'checkbox', id: 'export-personal', 'aria-describedby': 'export-personal-help' });
  const sectionSelect = el(
    'select',
    { id: 'export-section' },
    ['complaints', 'breaches', 'outcomes', 'conversations'].map((s) => el('option', { value: s }, t(`page.exports.sections.${s}`))),
    el('option', { value: 'satisfaction' }, t('satisfaction.exportSection')),
  );
  const periodHint = el('p', { class: 'hint' }, t('page.exports.periodHint'));
  const query = (extra: (period: string) => string[]): string => {
    const fy = input('fiscal-year');
    const month = input('month');
    const parts = [`lang=${lang}`];
    if (semicolon.checked) parts.push('delimiter=semicolon');
    const period = month && month.value ? `period=${encodeURIComponent(month.value)}` : fy ? `fiscalYear=${encodeURIComponent(fy.value)}` : '';
    return parts.concat(extra(period)).filter(Boolean).join('&');
  };
  const rangeOf = (): string[] => {
    const month = input('month');
    const fy = input('fiscal-year');
    if (month && month.value) {
      const p = month.value.split('-');
      const last = new Date(Date.UTC(Number(p[0]), Number(p[1]), 0)).getUTCDate();
      return [`from=${month.value}-01`, `to=${month.value}-${String(last).padStart(2, '0')}`];
    }
    const start = Number((fy ? fy.value : String(currentFiscalYearStart())).slice(0, 4));
    return [`from=${start}-04-01`, `to=${start + 1}-03-31`];
  };
  const includePersonal = (): string => (personal.checked ? 'includePersonal=true' : '');
  const paths: Array<[string, () => string]> = [
    ['complaintsCsv', () => `/api/admin/exports/complaints?${query(() => rangeOf().concat(['format=csv', includePersonal()]))}`],
    ['complaintsJson', () => `/api/admin/exports/complaints?${query(() => rangeOf().concat(['format=json', includePersonal()]))}`],
    ['statsCsv', () => `/api/admin/exports/statistics?${query((period) => [period, 'format=csv', `section=${sectionSelect.value}`])}`],
    ['incidentsCsv', () => `/api/admin/exports/incidents?${query(() => rangeOf().concat(['format=csv']))}`],
  ];
  const buttons = paths.map(([name, path]) =>
    el('button', { type: 'button', class: 'button-secondary', onclick: () => download(path()) }, t(`page.exports.${name}`)),
  );
  return section(
    'exports',
    t('page.exports.title'),
    periodHint,
    inlineField(semicolon, t('page.exports.semicolon')),
    inlineField(personal, t('page.exports.includePersonal')),
    el('p', { id: 'export-personal-help', class: 'hint' }, t('page.exports.includePersonalHelp')),
    field(sectionSelect, t('page.exports.section')),
    el('div', { class: 'button-row' }, buttons),
  );
}

function download(path: string): void {
  say(t('page.exports.downloading'));
  requestRaw(path)
    .then(async (res) => {
      const disposition = res.headers.get('Content-Disposition') || '';
      const match = /filename="([^"]+)"/.exec(disposition);
      const name = match ? match[1] : 'export';
      const blob = await res.blob();
      const url = URL.createObjectURL(blob);
      const a = el('a', { href: url, download: name, class: 'visually-hidden' }, name);
      document.body.appendChild(a);
      a.click();
      window.setTimeout(() => {
        URL.revokeObjectURL(url);
        a.remove();
      }, 1000);
      say(t('page.exports.done', { file: name }));
    })
    .catch((err: unknown) => {
      showError(errorText(err));
    });
}
