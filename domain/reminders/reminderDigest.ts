import type { BusinessCalendar } from '../calendar/businessCalendar';
import { COMPLAINT_STANDARDS } from '../complaints/complaint';
import { formatLongDate, formatTimeOfDay } from '../format/dates';
import { escapeHtml } from '../format/html';
import { label, Lang, Translate, translator } from '../i18n';
import { ALERT_LEVELS, AlertLevel, compareEntries, DigestEntry, EntryClock } from './alerts';
import type { DigestKind, RenderedDigest } from './reminderRepository';

export interface DigestOptions {
  lang: Lang;
  /** The moment the pass evaluated the deadlines. */
  asOf: Date;
  /** Where the staff view is served (PUBLIC_BASE_URL, without a trailing slash). */
  publicBaseUrl: string;
  calendar: BusinessCalendar;
  /** Complaints per level before « … et N autres »: keeps a catch-up digest a reasonable e-mail. */
  maxItemsPerLevel: number;
  /** A staff digest (default) or the managers' escalation. */
  kind?: DigestKind;
  /** The officer the digest is routed to, when it is not the team. */
  officer?: string;
  /** REMINDER_ESCALATION_BUSINESS_DAYS, quoted by the escalation. */
  escalationBusinessDays?: number;
}

/** The staff view of a complaint (served by the staff tools). */
export function staffComplaintUrl(publicBaseUrl: string, reference: string): string {
  return `${staffComplaintsUrl(publicBaseUrl)}/${encodeURIComponent(reference)}`;
}

/** The staff view's list of complaints. */
export function staffComplaintsUrl(publicBaseUrl: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/admin/complaints`;
}

/** A reference that never wraps in HTML mail clients, including those that ignore CSS. */
export function unbreakableReference(reference: string): string {
  return `<span style="white-space: nowrap">${escapeHtml(reference).replace(/-/g, '\u2011')}</span>`;
}

/**
 * One digest for staff (or the managers' escalation): one entry per complaint, grouped by its most
 * severe level, with both clocks together — each one's due date in words and the business days left
 * or late, or the day its step was done — and a link to the staff view. Nothing else about the
 * complaint — no name, contact or description — so the e-mail holds no personal information.
 */
export function renderDigest(entries: DigestEntry[], options: DigestOptions): RenderedDigest {
  const t = translator(options.lang);
  const kind = options.kind ?? 'digest';
  const days = options.escalationBusinessDays ?? 3;
  const groups = groupByLevel(entries);
  const overdue = entries.filter((e) => e.level === 'overdue').length;
  const subject =
    kind === 'escalation'
      ? t('reminder:escalation.subject', { count: entries.length })
      : t('reminder:subject', {
          summary: t('reminder:complaints', { count: entries.length }) + (overdue > 0 ? t('reminder:ofWhichOverdue', { count: overdue }) : ''),
        });
  const asOf = t('reminder:asOf', { date: formatLongDate(options.asOf, options.lang), time: formatTimeOfDay(options.asOf, options.lang) });
  const intro = [
    kind === 'escalation' ? t('reminder:escalation.intro', { count: days }) : t('reminder:intro'),
    kind === 'escalation' ? undefined : options.officer ? t('reminder:routedToOfficer', { name: options.officer }) : t('reminder:routedToTeam'),
  ].filter((line): line is string => Boolean(line));
  const describe = describer(t, options);
  const footer = [
    t('reminder:standards', { firstContactDays: COMPLAINT_STANDARDS.firstContactBusinessDays, answerDays: COMPLAINT_STANDARDS.answerBusinessDays }),
    t('reminder:privacy'),
    kind === 'escalation' ? t('reminder:escalation.once') : t('reminder:once'),
  ];
  const assigned = (e: DigestEntry) => (e.assignedTo ? t('reminder:assignedTo', { name: e.assignedTo }) : t('reminder:unassigned'));

  const shown = groups.map(({ level, items }) => ({
    level,
    count: items.length,
    more: Math.max(0, items.length - options.maxItemsPerLevel),
    rows: items.slice(0, options.maxItemsPerLevel),
  }));

  const text: string[] = [t('reminder:greeting'), '', ...intro, asOf];
  for (const { level, count, more, rows } of shown) {
    text.push('', `${t(`reminder:level.${level}`).toLocaleUpperCase(options.lang === 'fr' ? 'fr-CA' : 'en-CA')} (${count})`, '');
    for (const entry of rows) {
      text.push(`• ${entry.reference} — ${describe.service(entry.service)}`);
      for (const clock of entry.clocks) text.push(`  ${t('reminder:line', { clock: describe.clockName(clock), state: describe.state(clock) })}`);
      if (kind === 'escalation') text.push(`  ${assigned(entry)}`);
      text.push(`  ${staffComplaintUrl(options.publicBaseUrl, entry.reference)}`);
    }
    if (more > 0) text.push(t('reminder:more', { count: more }), `  ${staffComplaintsUrl(options.publicBaseUrl)}`);
  }
  text.push('', '—', ...footer, '');

  const html: string[] = [
    `<!DOCTYPE html><html lang="${options.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title>`,
    '<style>body { font-family: Arial, Helvetica, sans-serif; font-size: 15px; color: #223654; } h2 { font-size: 18px; } ' +
      'table { border-collapse: collapse; } th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #c5cad2; } ' +
      '.ref { white-space: nowrap; } .small { font-size: 13px; }</style></head>',
    '<body>',
    `<p>${escapeHtml(t('reminder:greeting'))}</p>`,
    `<p>${[...intro, asOf].map(escapeHtml).join('<br>')}</p>`,
  ];
  const columns = ['reference', 'service', 'firstContact', 'answer', ...(kind === 'escalation' ? ['assigned'] : [])];
  const headers = columns.map((c) => `<th scope="col">${escapeHtml(t(`reminder:columns.${c}`))}</th>`).join('');
  for (const { level, count, more, rows } of shown) {
    html.push(`<h2>${escapeHtml(t(`reminder:level.${level}`))} (${count})</h2>`, `<table><thead><tr>${headers}</tr></thead><tbody>`);
    for (const entry of rows) {
      const url = staffComplaintUrl(options.publicBaseUrl, entry.reference);
      const cells = [
        `<td class="ref" style="white-space: nowrap"><a href="${escapeHtml(url)}" title="${escapeHtml(t('reminder:open', { reference: entry.reference }))}">${unbreakableReference(entry.reference)}</a></td>`,
        `<td>${escapeHtml(describe.service(entry.service))}</td>`,
        ...entry.clocks.map((clock) => `<td>${escapeHtml(describe.state(clock))}</td>`),
        ...(kind === 'escalation' ? [`<td>${escapeHtml(entry.assignedTo ?? t('reminder:unassignedShort'))}</td>`] : []),
      ];
      html.push(`<tr>${cells.join('')}</tr>`);
    }
    html.push('</tbody></table>');
    if (more > 0) html.push(`<p><a href="${escapeHtml(staffComplaintsUrl(options.publicBaseUrl))}">${escapeHtml(t('reminder:more', { count: more }))}</a></p>`);
  }
  html.push('<hr>', ...footer.map((f) => `<p class="small">${escapeHtml(f)}</p>`), '</body></html>');

  return { subject, text: text.join('\n'), html: html.join('\n') };
}

function groupByLevel(entries: DigestEntry[]): Array<{ level: AlertLevel; items: DigestEntry[] }> {
  const sorted = [...entries].sort(compareEntries);
  return [...ALERT_LEVELS]
    .reverse()
    .map((level) => ({ level, items: sorted.filter((e) => e.level === level) }))
    .filter((g) => g.items.length > 0);
}

/** Describes clocks and services; thousands of entries share a few due dates and services, so each is formatted once. */
function describer(t: Translate, options: DigestOptions) {
  const cache = new Map<string, string>();
  const once = (key: string, make: () => string) => cache.get(key) ?? (cache.set(key, make()), cache.get(key)!);
  const longDate = (date: string) => once(`d:${date}`, () => formatLongDate(options.calendar.instantAt(date, 12, 0), options.lang));
  return {
    service: (service: string) => once(`s:${service}`, () => serviceLabel(t, service)),
    clockName: (c: EntryClock) =>
      t(`reminder:clock.${c.clock}`, { days: c.clock === 'firstContact' ? COMPLAINT_STANDARDS.firstContactBusinessDays : COMPLAINT_STANDARDS.answerBusinessDays }),
    state: (c: EntryClock): string => {
      const s = c.status;
      if (c.doneAt) return t('reminder:done', { date: formatLongDate(c.doneAt, options.lang) });
      const due = t('reminder:due', { date: longDate(c.dueDate) });
      const situation =
        s.state === 'overdue'
          ? t('reminder:situation.late', { count: s.businessDaysLate ?? 1 })
          : s.state === 'dueToday'
            ? t('reminder:situation.today')
            : t('reminder:situation.left', { count: s.businessDaysLeft ?? 0 });
      return `${due}, ${situation}`;
    },
  };
}

/** The service's label from the complaint namespace (complaint:services.<key>), or the key itself. */
export function serviceLabel(t: Translate, service: string): string {
  return label(t, `complaint:services.${service}`, service);
}
