import { COMPLAINT_STANDARDS } from '../complaints/complaint';
import { label, Translate } from '../i18n';
import type { Breach, ClockFigures, ComplaintFigures, StatisticsReport } from '../statistics/statisticsService';
import type { CellValue, ExportColumn } from './tabularExport';

export const STATISTICS_SECTIONS = ['complaints', 'breaches', 'conversations'] as const;
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
export function statisticsTable(report: StatisticsReport, section: StatisticsSection, t: Translate): StatisticsTable {
  switch (section) {
    case 'complaints':
      return { rows: figuresRows(report), columns: figuresColumns(t) as ExportColumn<unknown>[] };
    case 'breaches':
      return { rows: report.complaints.breaches.items, columns: breachColumns(t) as ExportColumn<unknown>[] };
    case 'conversations':
      return { rows: indicatorRows(report), columns: indicatorColumns(t) as ExportColumn<unknown>[] };
  }
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

function indicatorColumns(t: Translate): ExportColumn<IndicatorRow>[] {
  const h = (key: string) => t(`admin:export.indicators.${key}`);
  return [
    { key: 'indicator', header: h('indicator'), value: (r) => t(`admin:export.indicators.names.${r.indicator}`) },
    { key: 'code', header: h('code'), value: (r) => r.indicator },
    { key: 'key', header: h('key'), value: (r) => r.key },
    { key: 'value', header: h('value'), value: (r) => r.value },
  ];
}
