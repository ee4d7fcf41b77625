/** The dashboard's callback and live-help sections (the same period as the rest of the figures). */
import type { CallbackFigures, LiveHelpReport } from './apiTypes.js';
import { addTerm, type Child, el, section, table } from './dom.js';
import { lang, num, pct, t } from './strings.js';

/** A duration as managers read it: « 3,5 min », « 2 h 05 », « 26 h » (English: 2 h 5 min); « — » without one. */
export function durationText(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  if (minutes < 60) return `${num(minutes)}\u00a0min`;
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (!m) return `${h}\u00a0h`;
  return lang === 'en' ? `${h}\u00a0h ${m}\u00a0min` : `${h}\u00a0h\u00a0${String(m).padStart(2, '0')}`;
}

export function callbacksView(c: CallbackFigures): HTMLElement {
  const k = (key: string, vars?: Record<string, unknown>): string => t(`page.callbacks.${key}`, vars);
  if (!c.requested) return section('callback-stats', k('title'), el('p', {}, k('none')));
  const dl = el('dl', { class: 'counts' });
  const rows: Array<[string, string]> = [
    ['requested', num(c.requested)],
    ['cancelled', num(c.cancelled)],
    ['open', num(c.open)],
    ['made', num(c.made)],
    ['reached', num(c.reached)],
    ['messageLeft', num(c.messageLeft)],
    ['withinSlotDay', `${num(c.madeWithinSlotDay)} (${pct(c.madeWithinSlotDayPercent)})`],
    ['medianDelay', durationText(c.medianDelayHours === null ? null : c.medianDelayHours * 60)],
  ];
  for (const [key, value] of rows) addTerm(dl, k(key), value);
  return section('callback-stats', k('title'), dl, el('p', { class: 'hint' }, k('definition')));
}

/** Live help; `report` is null when the server does not offer it at all (the route answers 404). */
export function liveHelpView(report: LiveHelpReport | null): HTMLElement {
  const k = (key: string, vars?: Record<string, unknown>): string => t(`page.liveHelp.${key}`, vars);
  // Off and nothing stored: say so, rather than zeros that look measured.
  if (!report || (!report.enabled && !report.requested)) return section('live-help-stats', k('title'), el('p', {}, k('off')));
  const parts: Child[] = [];
  if (!report.enabled) parts.push(el('p', {}, k('offSince')));
  if (!report.requested) return section('live-help-stats', k('title'), parts, el('p', {}, k('none')));
  const dl = el('dl', { class: 'counts' });
  const rows: Array<[string, string]> = [
    ['requested', num(report.requested)],
    ['accepted', num(report.accepted)],
    ['abandoned', t('page.liveHelp.abandonedDetail', { total: num(report.abandoned), left: num(report.leftQueue), timedOut: num(report.timedOut) })],
    ['inProgress', num(report.inProgress)],
    ['waitMedian', durationText(report.waitMedianMinutes)],
    ['waitP90', durationText(report.waitP90Minutes)],
  ];
  for (const [key, value] of rows) addTerm(dl, k(key), value);
  parts.push(dl);
  parts.push(
    table(
      k('refusedCaption'),
      [k('reason'), k('count')],
      (['closed', 'noAgent', 'waitTooLong'] as const).map((r) => [k(`reasons.${r}`), num(report.refused[r])]),
      { rowHeaders: true, numeric: [1] },
    ),
  );
  if (report.perAgent.length) {
    parts.push(
      table(
        k('perAgentCaption'),
        [k('agent'), k('handled')],
        report.perAgent.map((a) => [a.agent, num(a.handled)]),
        { rowHeaders: true, numeric: [1] },
      ),
    );
  }
  parts.push(el('p', { class: 'hint' }, k('definition')));
  return section('live-help-stats', k('title'), parts);
}
