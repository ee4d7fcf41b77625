import type { BusinessCalendar } from '../calendar/businessCalendar';
import { COMPLAINT_STANDARDS } from '../complaints/complaint';
import { formatLongDate, formatTimeOfDay } from '../format/dates';
import { escapeHtml } from '../format/html';
import { label, Lang, Translate, translator } from '../i18n';
import { ALERT_LEVELS, AlertLevel, compareForDigest, PlannedAlert } from './alerts';
import type { RenderedDigest } from './reminderRepository';

export interface DigestOptions {
  lang: Lang;
  /** The moment the pass evaluated the deadlines. */
  asOf: Date;
  /** Where the staff view is served (PUBLIC_BASE_URL, without a trailing slash). */
  publicBaseUrl: string;
  calendar: BusinessCalendar;
  /** Lines per level before « … et N autres »: keeps a catch-up digest a reasonable e-mail. */
  maxItemsPerLevel: number;
}

/** The staff view of a complaint (served by the staff tools). */
export function staffComplaintUrl(publicBaseUrl: string, reference: string): string {
  return `${staffComplaintsUrl(publicBaseUrl)}/${encodeURIComponent(reference)}`;
}

/** The staff view's list of complaints. */
export function staffComplaintsUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/admin/complaints`;
}

/**
 * One digest for staff, grouped by level (most severe first): reference, service, which deadline,
 * its date in words, business days left or late, and a link to the staff view. Nothing else about
 * the complaint — no name, contact or description — so the e-mail holds no personal information.
 */
export function renderDigest(alerts: PlannedAlert[], options: DigestOptions): RenderedDigest {
  const t = translator(options.lang);
  const groups = groupByLevel(alerts);
  const summary = groups.map(({ level, items }) => t(`reminder:count.${level}`, { count: items.length })).join(', ');
  const subject = t('reminder:subject', { summary });
  const asOf = t('reminder:asOf', { date: formatLongDate(options.asOf, options.lang), time: formatTimeOfDay(options.asOf, options.lang) });
  const lines = describer(t, options);
  const footer = [
    t('reminder:standards', { firstContactDays: COMPLAINT_STANDARDS.firstContactBusinessDays, answerDays: COMPLAINT_STANDARDS.answerBusinessDays }),
    t('reminder:privacy'),
    t('reminder:once'),
  ];

  const shown = groups.map(({ level, items }) => ({
    level,
    count: items.length,
    more: Math.max(0, items.length - options.maxItemsPerLevel),
    rows: items.slice(0, options.maxItemsPerLevel).map((a) => ({ a, d: lines(a) })),
  }));

  const text: string[] = [t('reminder:greeting'), '', t('reminder:intro'), asOf];
  for (const { level, count, more, rows } of shown) {
    text.push('', `${t(`reminder:level.${level}`).toLocaleUpperCase(options.lang === 'fr' ? 'fr-CA' : 'en-CA')} (${count})`, '');
    for (const { a, d } of rows) {
      text.push(`• ${a.reference} — ${d.service}`, `  ${t('reminder:line', { clock: d.clock, due: d.due, situation: d.situation })}`, `  ${d.url}`);
    }
    if (more > 0) text.push(t('reminder:more', { count: more }), `  ${staffComplaintsUrl(options.publicBaseUrl)}`);
  }
  text.push('', '—', ...footer, '');

  const html: string[] = [
    `<!DOCTYPE html><html lang="${options.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title>`,
    '<style>body { font-family: Arial, Helvetica, sans-serif; font-size: 15px; color: #223654; } h2 { font-size: 18px; } ' +
      'table { border-collapse: collapse; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #c5cad2; } .small { font-size: 13px; }</style></head>',
    '<body>',
    `<p>${escapeHtml(t('reminder:greeting'))}</p>`,
    `<p>${escapeHtml(t('reminder:intro'))}<br>${escapeHtml(asOf)}</p>`,
  ];
  const headers = (['reference', 'service', 'clock', 'dueDate', 'situation'] as const)
    .map((c) => `<th scope="col">${escapeHtml(t(`reminder:columns.${c}`))}</th>`)
    .join('');
  for (const { level, count, more, rows } of shown) {
    html.push(`<h2>${escapeHtml(t(`reminder:level.${level}`))} (${count})</h2>`, `<table><thead><tr>${headers}</tr></thead><tbody>`);
    for (const { a, d } of rows) {
      html.push(
        `<tr><td><a href="${escapeHtml(d.url)}" title="${escapeHtml(t('reminder:open', { reference: a.reference }))}">${escapeHtml(a.reference)}</a></td>` +
          `<td>${escapeHtml(d.service)}</td><td>${escapeHtml(d.clock)}</td><td>${escapeHtml(d.dueDate)}</td><td>${escapeHtml(d.situation)}</td></tr>`,
      );
    }
    html.push('</tbody></table>');
    if (more > 0) html.push(`<p><a href="${escapeHtml(staffComplaintsUrl(options.publicBaseUrl))}">${escapeHtml(t('reminder:more', { count: more }))}</a></p>`);
  }
  html.push('<hr>', ...footer.map((f) => `<p class="small">${escapeHtml(f)}</p>`), '</body></html>');

  return { subject, text: text.join('\n'), html: html.join('\n') };
}

function groupByLevel(alerts: PlannedAlert[]): Array<{ level: AlertLevel; items: PlannedAlert[] }> {
  const sorted = alerts.filter((a) => !a.superseded).sort(compareForDigest);
  return [...ALERT_LEVELS]
    .reverse()
    .map((level) => ({ level, items: sorted.filter((a) => a.level === level) }))
    .filter((g) => g.items.length > 0);
}

/** Describes an alert; thousands of alerts share a few due dates and services, so each is formatted once. */
function describer(t: Translate, options: DigestOptions) {
  const dates = new Map<string, string>();
  const services = new Map<string, string>();
  const once = (cache: Map<string, string>, key: string, make: () => string) => cache.get(key) ?? (cache.set(key, make()), cache.get(key)!);
  return (a: PlannedAlert) => {
    const dueDate = once(dates, a.dueDate, () => formatLongDate(options.calendar.instantAt(a.dueDate, 12, 0), options.lang));
    const days = a.clock === 'firstContact' ? COMPLAINT_STANDARDS.firstContactBusinessDays : COMPLAINT_STANDARDS.answerBusinessDays;
    return {
      service: once(services, a.service, () => serviceLabel(t, a.service)),
      clock: t(`reminder:clock.${a.clock}`, { days }),
      dueDate,
      due: t('reminder:due', { date: dueDate }),
      situation:
        a.businessDaysLeft > 0
          ? t('reminder:situation.left', { count: a.businessDaysLeft })
          : a.businessDaysLeft === 0
            ? t('reminder:situation.today')
            : t('reminder:situation.late', { count: -a.businessDaysLeft }),
      url: staffComplaintUrl(options.publicBaseUrl, a.reference),
    };
  };
}

/** The service's label from the complaint namespace (complaint:services.<key>), or the key itself. */
export function serviceLabel(t: Translate, service: string): string {
  return label(t, `complaint:services.${service}`, service);
}
