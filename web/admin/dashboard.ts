/** The managers' dashboard: figures against the targets for a fiscal year or a month. */
import type { Breaches, ClockFigures, CorrectiveMeasures, Figures, LiveHelpReport, Outcomes, Reminders, StatsReport } from './apiTypes.js';
import { ApiError, errorText, request } from './api.js';
import { monthlyChart, rateCell } from './chart.js';
import { complaintLink } from './complaintCells.js';
import { callbacksView, liveHelpView } from './contactStats.js';
import { conversationsView, satisfactionView } from './conversationStats.js';
import { addTerm, append, type Child, el, field, fieldsetForm, section, table } from './dom.js';
import { currentFiscalYearStart, exportsSection } from './exports.js';
import { outboxBox, say, setTitle, showError, view } from './page.js';
import { dayText, instantText, label, num, pct, t, targetFormat } from './strings.js';

export function renderDashboard(): void {
  setTitle(t('page.heading'));
  view.textContent = '';
  const start = currentFiscalYearStart();
  const select = el('select', { id: 'fiscal-year', name: 'fiscalYear' });
  for (let y = start; y > start - 5; y -= 1)
    append(select, el('option', { value: `${y}-${y + 1}` }, t('page.period.fiscalYearOption', { start: y, end: y + 1 })));
  // A text field, not type="month", which shows the browser's own format (« November 2026 » in English).
  const month = el('input', { id: 'month', name: 'period', type: 'text', inputmode: 'numeric', maxlength: '7', autocomplete: 'off', 'aria-describedby': 'month-help', pattern: '\\d{4}-\\d{2}' });
  const form = fieldsetForm(
    'period-form',
    t('page.period.legend'),
    t('page.period.submit'),
    field(select, t('page.period.fiscalYear')),
    field(month, t('page.period.month'), el('p', { id: 'month-help', class: 'hint' }, t('page.period.monthHelp'))),
  );
  const results = el('div', { id: 'results' });
  append(view, outboxBox, form, results, exportsSection());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const m = month.value.trim();
    const wrong = m !== '' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(m);
    if (wrong) month.setAttribute('aria-invalid', 'true');
    else month.removeAttribute('aria-invalid');
    month.setAttribute('aria-describedby', wrong ? 'alert month-help' : 'month-help');
    if (wrong) {
      month.focus();
      return showError(t('page.errors.InvalidPeriod'));
    }
    loadStats(m ? `period=${encodeURIComponent(m)}` : `fiscalYear=${encodeURIComponent(select.value)}`, results);
  });
  loadStats(`fiscalYear=${encodeURIComponent(select.value)}`, results);
}

function loadStats(query: string, results: HTMLElement): void {
  results.setAttribute('aria-busy', 'true');
  say(t('page.loading'));
  // Live help answers 404 when the server does not offer it at all: the section then says it is off.
  const liveHelp = request<LiveHelpReport>(`/api/admin/stats/live-help?${query}`).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });
  Promise.all([request<StatsReport>(`/api/admin/stats?${query}`), liveHelp])
    .then(([report, live]) => {
      showError('');
      results.textContent = '';
      append(results, statsView(report, live));
      results.removeAttribute('aria-busy');
      say(t('page.period.shown', { label: report.period.label, from: dayText(report.period.from), to: dayText(report.period.to) }));
    })
    .catch((err: unknown) => {
      results.removeAttribute('aria-busy');
      showError(errorText(err));
    });
}

function statsView(report: StatsReport, liveHelp: LiveHelpReport | null): Child[] {
  const c = report.complaints;
  const totals = c.totals;
  const out: Child[] = [];
  out.push(
    el(
      'p',
      { class: 'period-line' },
      t('page.period.current', {
        label: report.period.label,
        from: dayText(report.period.from),
        to: dayText(report.period.to),
        asOf: instantText(report.asOf),
      }),
    ),
  );

  // Headline figures against the targets.
  out.push(
    section(
      'standards',
      t('page.standards.title'),
      el('p', { class: 'hint' }, t('page.standards.source')),
      el('div', { class: 'cards' }, clockCard('firstContact', totals.firstContact), clockCard('answer', totals.answer)),
    ),
  );

  const counts = ['received', 'contacted', 'answered', 'closed', 'abandoned', 'carriedOver', 'openAtEnd'] as const;
  const dl = el('dl', { class: 'counts' });
  for (const k of counts) addTerm(dl, t(`page.counts.${k}`), num(totals[k]));
  addTerm(dl, t('page.counts.breaches'), num(c.breaches.total));
  out.push(section('counts', t('page.counts.title'), dl));

  out.push(section('monthly', t('page.chart.title'), monthlyChart(c.byMonth, report.standards)));

  if (c.byFiscalYear.length > 1) {
    out.push(
      section(
        'fiscal-years',
        t('page.fiscalYears.title'),
        bucketTable(
          t('page.fiscalYears.caption'),
          c.byFiscalYear.map((y) => ({ label: y.label, figures: y.figures })),
        ),
      ),
    );
  }
  out.push(
    section(
      'services',
      t('page.services.title'),
      bucketTable(
        t('page.services.caption'),
        c.byService.map((s) => ({ label: label('services', s.service), figures: s.figures })),
      ),
    ),
  );
  out.push(section('breaches', t('page.breaches.title', { count: c.breaches.total }), breachesView(c.breaches)));
  if (c.outcomes) out.push(section('outcomes', t('page.outcomes.title'), outcomesView(c.outcomes, c.correctiveMeasures)));
  out.push(conversationsView(report.conversations));
  out.push(callbacksView(report.callbacks));
  out.push(liveHelpView(liveHelp));
  if (report.satisfaction) out.push(satisfactionView(report.satisfaction));
  out.push(remindersView(report.reminders));
  out.push(
    el(
      'details',
      { class: 'panel definitions' },
      el('summary', {}, t('page.definitions.title')),
      ['complaints', 'rate', 'days', 'conversations', 'months'].map((k) => el('p', {}, t(`page.definitions.${k}`))),
    ),
  );
  return out;
}

function clockCard(name: string, f: ClockFigures): HTMLElement {
  const state = f.met === null ? 'none' : f.met ? 'met' : 'missed';
  const badge = el(
    'p',
    { class: `badge badge-${state}` },
    el('span', { 'aria-hidden': 'true', class: 'badge-icon' }, state === 'met' ? '✓' : state === 'missed' ? '✗' : '–'),
    ' ',
    state === 'none' ? t('page.card.noData') : t(`page.card.${state}`),
  );
  return el(
    'article',
    { class: `card card-${state}`, 'aria-labelledby': `card-${name}` },
    el('h3', { id: `card-${name}` }, t(`clock.${name}`)),
    el('p', { class: 'big' }, pct(f.percentOnTime)),
    el('p', {}, t('page.card.target', { target: targetFormat.format(f.targetPercent / 100) })),
    badge,
    el('p', {}, f.measured ? t('page.card.measured', { onTime: f.onTime, measured: f.measured }) : t('page.card.nothingMeasured')),
    el('p', {}, t('page.card.meanMedian', { mean: num(f.meanBusinessDays), median: num(f.medianBusinessDays) })),
    f.pending ? el('p', { class: 'hint' }, t('page.card.pending', { count: f.pending })) : null,
  );
}

function bucketTable(caption: string, items: Array<{ label: string; figures: Figures }>): HTMLElement {
  const headers = ['name', 'received', 'carriedOver', 'contacted', 'answered', 'openAtEnd', 'firstContactRate', 'answerRate'].map((h) =>
    t(`page.columns.${h}`),
  );
  return table(
    caption,
    headers,
    items.map(({ label: name, figures: f }) => [
      name,
      num(f.received),
      num(f.carriedOver),
      num(f.contacted),
      num(f.answered),
      num(f.openAtEnd),
      rateCell(f.firstContact),
      rateCell(f.answer),
    ]),
    { rowHeaders: true, numeric: [1, 2, 3, 4, 5, 6, 7], scrollable: true },
  );
}

function breachesView(breaches: Breaches): Child {
  if (!breaches.total) return el('p', {}, t('page.breaches.none'));
  const rows = breaches.items.map((b) => [
    complaintLink(b.reference),
    t(`clock.${b.clock}`),
    label('services', b.service),
    dayText(b.dueDate),
    b.eventAt ? t('page.breaches.done', { at: instantText(b.eventAt), days: b.businessDays }) : t('page.breaches.missing'),
  ]);
  return [
    table(
      t('page.breaches.caption'),
      ['reference', 'clock', 'service', 'due', 'done'].map((h) => t(`page.breaches.columns.${h}`)),
      rows,
      { scrollable: true },
    ),
    breaches.truncated ? el('p', { class: 'hint' }, t('page.breaches.truncated', { shown: breaches.items.length, total: breaches.total })) : null,
  ];
}

/** Complaints closed in the period by outcome: fondée, partiellement fondée, non fondée (and not recorded, for older ones), with corrective measures. */
function outcomesView(outcomes: Outcomes, measures: CorrectiveMeasures | null | undefined): Child {
  const keys = ['founded', 'partlyFounded', 'unfounded', 'unspecified'] as const;
  const total = keys.reduce((n, k) => n + (outcomes[k] || 0), 0);
  if (!total) return el('p', {}, t('page.outcomes.none'));
  const withMeasures = (k: (typeof keys)[number]): Child => (measures ? num(measures.byOutcome[k] || 0) : '—');
  const rows: Child[][] = keys
    .filter((k) => k !== 'unspecified' || outcomes[k])
    .map((k) => [label('outcomes', k), num(outcomes[k] || 0), pct(((outcomes[k] || 0) / total) * 100), withMeasures(k)]);
  rows.push([t('page.outcomes.total'), num(total), pct(100), measures ? num(measures.total) : '—']);
  return [
    table(
      t('page.outcomes.caption'),
      [t('page.outcomes.outcome'), t('page.outcomes.count'), t('page.outcomes.share'), t('page.outcomes.withMeasures')],
      rows,
      { numeric: [1, 2, 3], rowHeaders: true },
    ),
    measures && measures.items && measures.items.length ? measuresView(measures) : null,
  ];
}

/** What was done about the founded complaints of the period: the masked text of each measure, with its complaint. */
function measuresView(measures: CorrectiveMeasures): Child {
  const items = measures.items || [];
  return [
    el('h3', {}, t('page.outcomes.measuresTitle')),
    table(
      t('page.outcomes.measuresCaption'),
      [t('page.outcomes.reference'), t('page.outcomes.outcome'), t('page.outcomes.closedAt'), t('page.outcomes.measures')],
      items.map((m) => [complaintLink(m.reference), label('outcomes', m.outcome), instantText(m.closedAt), el('span', { class: 'citizen-text' }, m.text)]),
      { rowHeaders: true },
    ),
    measures.truncated ? el('p', { class: 'hint' }, t('page.outcomes.measuresTruncated', { shown: items.length, total: measures.total })) : null,
  ];
}

function remindersView(r: Reminders): HTMLElement {
  const rows = r.byLevel.map((l) => [label('levels', l.level), num(l.raised), num(l.sent), num(l.superseded)]);
  return section(
    'reminders',
    t('page.reminders.title'),
    table(
      t('page.reminders.caption'),
      [t('page.reminders.level'), t('page.reminders.raised'), t('page.reminders.sent'), t('page.reminders.superseded')],
      rows,
      { rowHeaders: true, numeric: [1, 2, 3] },
    ),
    el('p', {}, t('page.reminders.digests', r.digests)),
    el('p', {}, r.outbox.failing ? t('page.outbox.failing', { count: r.outbox.failing }) : t('page.outbox.ok', { count: r.outbox.queued })),
  );
}
