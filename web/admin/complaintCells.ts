/** Cells shared by the complaint list, the breaches table and one complaint's page. */
import type { ClockStatus } from './apiTypes.js';
import { el } from './dom.js';
import { dayText, langQuery, t } from './strings.js';

export function complaintLink(reference: string): HTMLAnchorElement {
  return el('a', { href: `/admin/complaints/${encodeURIComponent(reference)}${langQuery}`, class: 'ref' }, reference);
}

export function clockCell(status: ClockStatus): HTMLSpanElement {
  const count = status.businessDaysLeft !== undefined ? status.businessDaysLeft : status.businessDaysLate !== undefined ? status.businessDaysLate : 0;
  const urgent = status.state === 'overdue' || status.state === 'dueToday' || status.state === 'atRisk';
  const text = t(`clockState.${status.state}`, { count });
  return el(
    'span',
    { class: `clock clock-${status.state}` },
    urgent ? el('strong', {}, text) : text,
    el('br'),
    el('span', { class: 'hint' }, t('page.clock.due', { date: dayText(status.dueDate) })),
  );
}
