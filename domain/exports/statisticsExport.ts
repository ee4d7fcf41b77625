import { COMPLAINT_STANDARDS } from '../complaints/complaint';
import { faqIntent } from '../faq/knowledgeBase';
import { label, Lang, Translate } from '../i18n';
import { commitmentsView } from '../satisfaction/commitments';
import type { SatisfactionSource } from '../satisfaction/satisfactionRepository';
import type { SatisfactionFigures } from '../statistics/satisfactionStatistics';
import { callbackStatisticsTable } from '../statistics/callbackStatistics';
import type { Breach, ClockFigures, ComplaintFigures, StatisticsReport } from '../statistics/statisticsService';
import { intentTitle } from '../understanding/intentTitles';
import type { CellValue, ExportColumn } from './tabularExport';

export const STATISTICS_SECTIONS = ['complaints', 'breaches', 'outcomes', 'conversations', 'satisfaction', 'callbacks'] as const;
export type StatisticsSection = (typeof STATISTICS_SECTIONS)[number];

interface FiguresRow {
  scope: 'period' | 'month' | 'fiscalYear' | 'service';
  key: string;
  from: string;
  to: string;
  figures: ComplaintFigures;
}

interface IndicatorRow {
  indicator: string;
  key: string;
  value: CellValue;
}

export interface StatisticsTable {
  rows: unknown[];
  columns: ExportColumn<unknown>[];
}

/** A report section as a table, for CSV or JSON: complaint figures by scope, breaches, or conversation indicators. */
export function statisticsTable(report: StatisticsReport, section: StatisticsSection, t: Translate, lang: Lang = 'fr'): StatisticsTable {
  switch (section) {
    case 'complaints':
      return { rows: figuresRows(report), columns: figuresColumns(t) as ExportColumn<unknown>[] };
    case 'breaches':
      return { rows: report.complaints.breaches.items, columns: breachColumns(t) as ExportColumn<unknown>[] };
    case 'outcomes':
      return { rows: outcomeRows(report), columns: outcomeColumns(t) as ExportColumn<unknown>[] };
    case 'conversations':
      return { rows: indicatorRows(report), columns: indicatorColumns(t, lang) as ExportColumn<unknown>[] };
    case 'satisfaction':
      return { rows: satisfactionRows(report), columns: satisfactionColumns(t, lang) as ExportColumn<unknown>[] };
    case 'callbacks': {
      const table = callbackStatisticsTable(report.callbacks, t);
      return { rows: table.rows, columns: table.columns as ExportColumn<unknown>[] };
    }
  }
}

interface OutcomeRow {
  /** An outcome key, or `total`. */
  outcome: string;
  count: number;
  /** Share of the complaints closed in the period, null when none was. */
  percent: number | null;
  /** Closed with the corrective measures taken. */
  withMeasures: number;
  /** withMeasures ÷ count, null when count is 0. */
  measuresPercent: number | null;
}

const share = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** Complaints closed in the period by outcome (fondée, partiellement fondée, non fondée, not recorded), with corrective measures, and the total. */
export function outcomeRows(report: StatisticsReport): OutcomeRow[] {
  const counts = report.complaints.outcomes;
  const measures = report.complaints.correctiveMeasures;
  const total = Object.values(counts).reduce((n, c) => n + c, 0);
  const rows = (Object.entries(counts) as Array<[keyof typeof counts, number]>).map(([outcome, count]) => ({
    outcome,
    count,
    percent: share(count, total),
    withMeasures: measures.byOutcome[outcome],
    measuresPercent: share(measures.byOutcome[outcome], count),
  }));
  return [...rows, { outcome: 'total', count: total, percent: total ? 100 : null, withMeasures: measures.total, measuresPercent: share(measures.total, total) }];
}

function outcomeColumns(t: Translate): ExportColumn<OutcomeRow>[] {
  const h = (key: string) => t(`admin:export.outcomes.${key}`);
  return [
    { key: 'outcome', header: h('outcome'), value: (r) => (r.outcome === 'total' ? h('total') : t(`officer:outcomes.${r.outcome}`)) },
    { key: 'code', header: h('code'), value: (r) => r.outcome },
    { key: 'count', header: h('count'), value: (r) => r.count },
    { key: 'percent', header: h('percent'), value: (r) => r.percent },
    { key: 'withMeasures', header: h('withMeasures'), value: (r) => r.withMeasures },
    { key: 'measuresPercent', header: h('measuresPercent'), value: (r) => r.measuresPercent },
  ];
}

interface SatisfactionRow {
  scope: 'period' | 'month' | 'source' | 'service';
  source: SatisfactionSource | null;
  key: string;
  from: string;
  to: string;
  figures: SatisfactionFigures;
}

function satisfactionRows(report: StatisticsReport): SatisfactionRow[] {
  const s = report.satisfaction;
  const { from, to } = report.period;
  return [
    { scope: 'period', source: null, key: report.period.label, from, to, figures: s.totals },
    ...s.byMonth.map((m) => ({ scope: 'month' as const, source: null, key: m.label, from: m.from, to: m.to, figures: m.figures })),
    ...s.bySource.map((b) => ({ scope: 'source' as const, source: b.source, key: b.source, from, to, figures: b.figures })),
    ...s.byService.map((b) => ({ scope: 'service' as const, source: b.source, key: b.service, from, to, figures: b.figures })),
  ];
}

/** A rated service as managers read it: the complaint service's name, the FAQ entry's title, or the chat flow's name. */
export function satisfactionServiceLabel(t: Translate, lang: Lang, source: SatisfactionSource, service: string): string {
  if (source === 'complaint') return label(t, `complaint:services.${service}`, service);
  return intentTitle(faqIntent(service), lang) ?? label(t, `satisfaction:topics.${service}`, service);
}

function satisfactionColumns(t: Translate, lang: Lang): ExportColumn<SatisfactionRow>[] {
  const h = (key: string) => t(`satisfaction:export.${key}`);
  const commitment = commitmentsView(lang);
  const keyLabel = (r: SatisfactionRow): string =>
    r.scope === 'source' ? t(`satisfaction:sources.${r.key}`) : r.scope === 'service' && r.source ? satisfactionServiceLabel(t, lang, r.source, r.key) : r.key;
  return [
    { key: 'scope', header: h('scope'), value: (r) => t(`satisfaction:export.scopes.${r.scope}`) },
    { key: 'source', header: h('source'), value: (r) => r.source },
    { key: 'key', header: h('key'), value: (r) => r.key },
    { key: 'label', header: h('label'), value: keyLabel },
    { key: 'from', header: h('from'), value: (r) => r.from },
    { key: 'to', header: h('to'), value: (r) => r.to },
    { key: 'responses', header: h('responses'), value: (r) => r.figures.responses },
    { key: 'satisfied', header: h('satisfied'), value: (r) => r.figures.satisfied },
    { key: 'neutral', header: h('neutral'), value: (r) => r.figures.neutral },
    { key: 'dissatisfied', header: h('dissatisfied'), value: (r) => r.figures.dissatisfied },
    { key: 'percentSatisfied', header: h('percentSatisfied'), value: (r) => r.figures.percentSatisfied },
    { key: 'meanRating', header: h('meanRating'), value: (r) => r.figures.meanRating },
    ...[1, 2, 3, 4, 5].map((n) => ({ key: `rating${n}`, header: t('satisfaction:export.rating', { n }), value: (r: SatisfactionRow) => r.figures.distribution[n - 1] })),
    { key: 'comments', header: h('comments'), value: (r) => r.figures.comments },
    { key: 'targetPercent', header: h('targetPercent'), value: () => commitment.targetPercent },
    // The declaration's words beside the figures, once (on the period's row): it publishes no satisfaction target.
    { key: 'commitment', header: h('commitment'), value: (r) => (r.scope === 'period' ? [commitment.noTarget, commitment.intro, ...commitment.items].filter(Boolean).join(' ') : null) },
  ];
}

function figuresRows(report: StatisticsReport): FiguresRow[] {
  const c = report.complaints;
  return [
    { scope: 'period', key: report.period.label, from: report.period.from, to: report.period.to, figures: c.totals },
    ...c.byFiscalYear.map((y) => ({ scope: 'fiscalYear' as const, key: y.label, from: y.from, to: y.to, figures: y.figures })),
    ...c.byMonth.map((m) => ({ scope: 'month' as const, key: m.label, from: m.from, to: m.to, figures: m.figures })),
    ...c.byService.map((s) => ({ scope: 'service' as const, key: s.service, from: report.period.from, to: report.period.to, figures: s.figures })),
  ];
}

function figuresColumns(t: Translate): ExportColumn<FiguresRow>[] {
  const h = (key: string, options?: Record<string, unknown>) => t(`admin:export.statistics.${key}`, options);
  const clock = (name: 'firstContact' | 'answer'): ExportColumn<FiguresRow>[] => {
    const f = (r: FiguresRow): ClockFigures => r.figures[name];
    const days = name === 'firstContact' ? COMPLAINT_STANDARDS.firstContactBusinessDays : COMPLAINT_STANDARDS.answerBusinessDays;
    const prefix = (key: string) => h(`${name}.${key}`, { days });
    return [
      { key: `${name}OnTime`, header: prefix('onTime'), value: (r) => f(r).onTime },
      { key: `${name}Late`, header: prefix('late'), value: (r) => f(r).late },
      { key: `${name}Measured`, header: prefix('measured'), value: (r) => f(r).measured },
      { key: `${name}Percent`, header: prefix('percent'), value: (r) => f(r).percentOnTime },
      { key: `${name}Target`, header: prefix('target'), value: (r) => f(r).targetPercent },
      { key: `${name}Met`, header: prefix('met'), value: (r) => f(r).met },
      { key: `${name}Pending`, header: prefix('pending'), value: (r) => f(r).pending },
      { key: `${name}Stopped`, header: prefix('stopped'), value: (r) => f(r).stopped },
      { key: `${name}MeanDays`, header: prefix('mean'), value: (r) => f(r).meanBusinessDays },
      { key: `${name}MedianDays`, header: prefix('median'), value: (r) => f(r).medianBusinessDays },
    ];
  };
  return [
    { key: 'scope', header: h('scope'), value: (r) => t(`admin:export.statistics.scopes.${r.scope}`) },
    { key: 'key', header: h('key'), value: (r) => (r.scope === 'service' ? label(t, `complaint:services.${r.key}`, r.key) : r.key) },
    { key: 'from', header: h('from'), value: (r) => r.from },
    { key: 'to', header: h('to'), value: (r) => r.to },
    { key: 'received', header: h('received'), value: (r) => r.figures.received },
    { key: 'contacted', header: h('contacted'), value: (r) => r.figures.contacted },
    { key: 'answered', header: h('answered'), value: (r) => r.figures.answered },
    { key: 'closed', header: h('closed'), value: (r) => r.figures.closed },
    { key: 'abandoned', header: h('abandoned'), value: (r) => r.figures.abandoned },
    { key: 'carriedOver', header: h('carriedOver'), value: (r) => r.figures.carriedOver },
    { key: 'openAtEnd', header: h('openAtEnd'), value: (r) => r.figures.openAtEnd },
    ...clock('firstContact'),
    ...clock('answer'),
  ];
}

function breachColumns(t: Translate): ExportColumn<Breach>[] {
  const h = (key: string) => t(`admin:export.breaches.${key}`);
  return [
    { key: 'reference', header: h('reference'), value: (b) => b.reference },
    { key: 'clock', header: h('clock'), value: (b) => t(`admin:clock.${b.clock}`) },
    { key: 'service', header: h('service'), value: (b) => label(t, `complaint:services.${b.service}`, b.service) },
    { key: 'status', header: h('status'), value: (b) => label(t, `complaint:status.${b.status}`, b.status) },
    { key: 'receivedDate', header: h('receivedDate'), value: (b) => b.receivedDate },
    { key: 'dueDate', header: h('dueDate'), value: (b) => b.dueDate },
    { key: 'eventAt', header: h('eventAt'), value: (b) => b.eventAt },
    { key: 'businessDays', header: h('businessDays'), value: (b) => b.businessDays },
  ];
}

function indicatorRows(report: StatisticsReport): IndicatorRow[] {
  const c = report.conversations;
  const r = report.reminders;
  const rows: IndicatorRow[] = [
    { indicator: 'conversations', key: '', value: c.conversations },
    { indicator: 'messagesIn', key: '', value: c.messagesIn },
    { indicator: 'messagesOut', key: '', value: c.messagesOut },
    { indicator: 'faqAnswered', key: '', value: c.faq.answered },
    { indicator: 'notUnderstood', key: '', value: c.notUnderstood.count },
    { indicator: 'notUnderstoodPercent', key: '', value: c.notUnderstood.percent },
    { indicator: 'handoffs', key: '', value: c.handoffs.count },
    { indicator: 'handoffConversations', key: '', value: c.handoffs.conversations },
    { indicator: 'examIncidents', key: '', value: c.examIncidents.total },
  ];
  for (const e of c.faq.topEntries) rows.push({ indicator: 'faqEntryAnswers', key: e.entryId, value: e.answers });
  for (const e of c.faq.feedback) {
    rows.push({ indicator: 'faqFeedbackResponses', key: e.entryId, value: e.responses });
    rows.push({ indicator: 'faqFeedbackHelpfulPercent', key: e.entryId, value: e.helpfulPercent });
  }
  for (const e of c.notUnderstood.examples) rows.push({ indicator: 'notUnderstoodExample', key: e.text, value: e.n });
  for (const k of c.examIncidents.byKind) rows.push({ indicator: 'examIncidentsByKind', key: k.key, value: k.n });
  for (const k of c.examIncidents.byRoute) rows.push({ indicator: 'examIncidentsByRoute', key: k.key, value: k.n });
  for (const l of r.byLevel) {
    rows.push({ indicator: 'alertsRaised', key: l.level, value: l.raised });
    rows.push({ indicator: 'alertsSent', key: l.level, value: l.sent });
  }
  for (const [status, n] of Object.entries(r.digests)) rows.push({ indicator: 'digests', key: status, value: n });
  rows.push({ indicator: 'outboxFailing', key: '', value: r.outbox.failing });
  return rows;
}

/** The element of an indicator row as managers read it: an FAQ entry's title, an exam problem's kind… */
function indicatorLabel(t: Translate, lang: Lang, r: IndicatorRow): string {
  switch (r.indicator) {
    case 'faqEntryAnswers':
    case 'faqFeedbackResponses':
    case 'faqFeedbackHelpfulPercent':
      return intentTitle(faqIntent(r.key), lang) ?? r.key;
    case 'examIncidentsByKind':
      return label(t, `exam:kinds.${r.key}`, r.key);
    case 'examIncidentsByRoute':
      return label(t, `admin:routes.${r.key}`, r.key);
    case 'alertsRaised':
    case 'alertsSent':
      return label(t, `admin:levels.${r.key}`, r.key);
    default:
      return r.key;
  }
}

function indicatorColumns(t: Translate, lang: Lang): ExportColumn<IndicatorRow>[] {
  const h = (key: string) => t(`admin:export.indicators.${key}`);
  return [
    { key: 'indicator', header: h('indicator'), value: (r) => t(`admin:export.indicators.names.${r.indicator}`) },
    { key: 'code', header: h('code'), value: (r) => r.indicator },
    { key: 'key', header: h('key'), value: (r) => r.key },
    { key: 'label', header: h('label'), value: (r) => indicatorLabel(t, lang, r) },
    { key: 'value', header: h('value'), value: (r) => r.value },
  ];
}
