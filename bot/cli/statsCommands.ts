import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { STATISTICS_SECTIONS, statisticsTable } from '../../domain/exports/statisticsExport';
import { exportStream } from '../../domain/exports/tabularExport';
import { satisfactionServiceLabel } from '../../domain/exports/statisticsExport';
import { callbackStatisticsLines } from '../../domain/statistics/callbackStatistics';
import { faqIntent } from '../../domain/faq/knowledgeBase';
import { commitmentsView } from '../../domain/satisfaction/commitments';
import { formatReportDay, formatReportInstant, formatReportMonth } from '../../domain/statistics/reportDates';
import type { SatisfactionFigures, SatisfactionStatistics } from '../../domain/statistics/satisfactionStatistics';
import { intentTitle } from '../../domain/understanding/intentTitles';
import { label, Lang, Translate, translator } from '../../domain/i18n';
import type { Period } from '../../domain/statistics/period';
import type { ClockFigures, ComplaintFigures, StatisticsReport } from '../../domain/statistics/statisticsService';
import type { CliContext } from './cliContext';
import { liveHelpReportLines } from '../liveHelp/liveHelpReport';
import type { DateRangeOptions, OutputOptions } from './staffListing';
import { choiceOption, cliErrorFrom, cliPeriods, delimiterOption, formatTable, langOption, printable, staffTools, writeExport } from './staffCli';

interface StatsOptions extends DateRangeOptions, OutputOptions {
  period?: string;
  fiscalYear?: string;
  section?: string;
}

/**
 * `stats [--from --to | --period 2026-11 | --fiscal-year 2026-2027] [--format table|csv|json]`: the
 * figures against the service targets and on the assistant's use (domain/statistics). Without a period:
 * the current fiscal year. CSV holds one section (--section complaints|breaches|conversations).
 */
export function registerStatsCommands(program: Command, context: () => CliContext, lang: Lang = 'fr'): void {
  const t = translator(lang);
  langOption(
    program
      .command('stats')
      .description(t('admin:cli.stats.description'))
      .option('--from <date>', t('admin:cli.options.periodFrom'))
      .option('--to <date>', t('admin:cli.options.periodTo'))
      .option('--period <month>', t('admin:cli.options.period'))
      .option('--fiscal-year <years>', t('admin:cli.options.fiscalYear'))
      .option('--format <format>', t('admin:cli.options.statsFormat'), 'table')
      .option('--section <section>', t('admin:cli.options.section', { choices: STATISTICS_SECTIONS.join(', ') }), 'complaints')
      .option('--delimiter <char>', t('admin:cli.options.delimiter'))
      .option('--output <file>', t('admin:cli.options.output')),
    t,
  ).action(async (options: StatsOptions) => {
    const format = choiceOption(options.format, ['table', 'csv', 'json'] as const, '--format', t)!;
    const section = choiceOption(options.section, STATISTICS_SECTIONS, '--section', t)!;
    const delimiter = delimiterOption(options.delimiter, t);
    const ctx = context();
    let period: Period;
    try {
      period = cliPeriods().fromRequest({ from: options.from, to: options.to, period: options.period, fiscalYear: options.fiscalYear }, ctx.clock.now());
    } catch (err) {
      throw cliErrorFrom(err, t);
    }
    const s = await staffTools(ctx, lang);
    const report: StatisticsReport = await s.statistics.report(period);
    const liveHelp = await (await ctx.services()).liveHelp?.statistics(period);
    if (format === 'json') {
      await writeExport(toStream(`${JSON.stringify(liveHelp ? { ...report, liveHelp } : report, null, 2)}\n`), options.output, ctx.io.stdout);
      return;
    }
    if (format === 'csv') {
      const table = statisticsTable(report, section, t, lang);
      await writeExport(
        exportStream('csv', table.rows, table.columns, { delimiter, booleans: { true: t('admin:yes'), false: t('admin:no') } }),
        options.output,
        ctx.io.stdout,
      );
      return;
    }
    const lines = [...renderReport(report, t, lang), ...(liveHelp && liveHelp.requested > 0 ? ['', ...liveHelpReportLines(liveHelp, t, lang)] : [])];
    await writeExport(toStream(`${lines.join('\n')}\n`), options.output, ctx.io.stdout);
  });
}

function toStream(text: string): Readable {
  return Readable.from([text]);
}

/** « 90,0 % » / “90.0%”, or a dash when nothing was measured. */
export function formatPercent(value: number | null, lang: Lang, digits = 1): string {
  if (value === null) return '—';
  const n = value.toLocaleString(lang === 'en' ? 'en-CA' : 'fr-CA', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return lang === 'en' ? `${n}%` : `${n}\u00a0%`;
}

export function formatNumber(value: number | null, lang: Lang): string {
  if (value === null) return '—';
  return value.toLocaleString(lang === 'en' ? 'en-CA' : 'fr-CA', { maximumFractionDigits: 1 });
}

/** The whole report as text for a terminal. */
export function renderReport(report: StatisticsReport, t: Translate, lang: Lang): string[] {
  const c = report.complaints;
  const pct = (v: number | null) => formatPercent(v, lang);
  const num = (v: number | null) => formatNumber(v, lang);
  const met = (f: ClockFigures) => (f.met === null ? '—' : t(f.met ? 'admin:stats.met' : 'admin:stats.missed'));
  const clockRows = (figures: ComplaintFigures) =>
    (['firstContact', 'answer'] as const).map((name) => {
      const f = figures[name];
      return [
        t(`admin:clock.${name}`),
        String(f.onTime),
        String(f.late),
        pct(f.percentOnTime),
        formatPercent(f.targetPercent, lang, 0),
        met(f),
        num(f.meanBusinessDays),
        num(f.medianBusinessDays),
        String(f.pending),
        String(f.stopped),
      ];
    });
  const clockHeaders = ['clock', 'onTime', 'late', 'percent', 'target', 'result', 'mean', 'median', 'pending', 'stopped'].map((h) =>
    t(`admin:stats.columns.${h}`),
  );
  const indent = (text: string) => text.split('\n').map((l) => `  ${l}`);
  const compliance = (f: ClockFigures) => (f.measured === 0 ? '—' : `${pct(f.percentOnTime)} (${f.onTime}/${f.measured})`);
  const bucketRows = (items: Array<{ label: string; figures: ComplaintFigures }>, labelOf: (l: string) => string = (l) => l) =>
    items.map((m) => [
      labelOf(m.label),
      String(m.figures.received),
      String(m.figures.carriedOver),
      String(m.figures.contacted),
      String(m.figures.answered),
      String(m.figures.openAtEnd),
      compliance(m.figures.firstContact),
      compliance(m.figures.answer),
    ]);
  const bucketHeaders = (first: string) =>
    [first, 'received', 'carriedOver', 'contacted', 'answered', 'openAtEnd', 'firstContactRate', 'answerRate'].map((h) => t(`admin:stats.columns.${h}`));

  const lines: string[] = [
    t('admin:stats.title', { label: report.period.label, from: formatReportDay(report.period.from, lang), to: formatReportDay(report.period.to, lang) }),
    t('admin:stats.asOf', { asOf: formatReportInstant(report.asOf, lang) }),
    '',
    t('admin:stats.complaints'),
    ...indent(
      t('admin:stats.counts', {
        received: c.totals.received,
        contacted: c.totals.contacted,
        answered: c.totals.answered,
        closed: c.totals.closed,
        abandoned: c.totals.abandoned,
      }),
    ),
    ...indent(t('admin:stats.open', { carriedOver: c.totals.carriedOver, openAtEnd: c.totals.openAtEnd })),
    '',
    t('admin:stats.standards'),
    ...indent(formatTable(clockHeaders, clockRows(c.totals))),
    ...indent(t('admin:stats.definition')),
    '',
  ];
  const month = (label: string) => formatReportMonth(label, lang);
  if (c.byMonth.length) lines.push(t('admin:stats.byMonth'), ...indent(formatTable(bucketHeaders('month'), bucketRows(c.byMonth, month))), '');
  if (c.byFiscalYear.length) lines.push(t('admin:stats.byFiscalYear'), ...indent(formatTable(bucketHeaders('fiscalYear'), bucketRows(c.byFiscalYear))), '');
  lines.push(
    t('admin:stats.byService'),
    ...indent(
      formatTable(
        bucketHeaders('service'),
        bucketRows(
          c.byService.map((s) => ({ label: s.service, figures: s.figures })),
          (key) => label(t, `complaint:services.${key}`, key),
        ),
      ),
    ),
    '',
    t('admin:stats.breaches', { count: c.breaches.total }),
  );
  for (const b of c.breaches.items) {
    const done = b.eventAt ? t('admin:stats.breachDone', { at: formatReportInstant(b.eventAt, lang), days: b.businessDays }) : t('admin:stats.breachMissing');
    lines.push(`  ${b.reference}  ${t(`admin:clock.${b.clock}`)}  ${t('admin:stats.breachDue', { date: formatReportDay(b.dueDate, lang) })}  ${done}`);
  }
  if (c.breaches.truncated) lines.push(`  ${t('admin:stats.breachesTruncated', { shown: c.breaches.items.length, total: c.breaches.total })}`);
  const outcomes = (Object.entries(c.outcomes) as Array<[string, number]>).filter(([key, n]) => key !== 'unspecified' || n > 0);
  lines.push('', `${t('admin:stats.outcomes')} ${outcomes.map(([key, n]) => `${t(`officer:outcomes.${key}`)} ${formatNumber(n, lang)}`).join(' · ')}`);
  const measures = c.correctiveMeasures;
  const byOutcome = outcomes.map(([key]) => `${t(`officer:outcomes.${key}`)} ${formatNumber(measures.byOutcome[key as keyof typeof measures.byOutcome], lang)}`);
  lines.push(`  ${t('admin:stats.withMeasures', { n: formatNumber(measures.total, lang) })} (${byOutcome.join(' · ')})`);
  for (const m of measures.items)
    lines.push(`    ${m.reference}  ${t(`officer:outcomes.${m.outcome}`)}  ${formatReportInstant(m.closedAt, lang)}  ${printable(m.text)}`);
  if (measures.truncated) lines.push(`    ${t('admin:stats.measuresTruncated', { shown: measures.items.length, total: measures.total })}`);

  const v = report.conversations;
  lines.push(
    '',
    t('admin:stats.conversations'),
    `  ${t('admin:stats.conversationCounts', { conversations: v.conversations, messagesIn: v.messagesIn, messagesOut: v.messagesOut })}`,
    `  ${t('admin:stats.faqAnswered', { count: v.faq.answered })}`,
  );
  // Managers read the entries' French titles, never their ids.
  const entryTitle = (entryId: string) => printable(intentTitle(faqIntent(entryId), lang) ?? entryId);
  for (const e of v.faq.topEntries) {
    const helpful = e.responses ? t('admin:stats.helpful', { percent: pct(e.helpfulPercent), count: e.responses }) : '';
    lines.push(`    ${entryTitle(e.entryId)}  ${e.answers}  ${helpful}`.trimEnd());
  }
  if (v.faq.feedback.length) {
    lines.push(`  ${t('admin:stats.feedback')}`);
    for (const e of v.faq.feedback) {
      lines.push(
        `    ${entryTitle(e.entryId)}  ${t('admin:stats.feedbackLine', { helpful: e.helpful, notHelpful: e.notHelpful, percent: pct(e.helpfulPercent), answers: e.answers })}`,
      );
    }
  }
  lines.push(
    `  ${t('admin:stats.notUnderstood', { count: v.notUnderstood.count, classified: v.notUnderstood.classified, percent: pct(v.notUnderstood.percent) })}`,
  );
  for (const e of v.notUnderstood.examples) lines.push(`    ${t('admin:cli.format.quoted', { text: printable(e.text) })} × ${e.n}`);
  lines.push(`  ${t('admin:stats.handoffs', { count: v.handoffs.count, conversations: v.handoffs.conversations })}`);
  lines.push(`  ${t('admin:stats.examIncidents', { count: v.examIncidents.total })}`);
  const named = (items: Array<{ key: string; n: number }>, ns: string) => items.map((k) => `${label(t, `${ns}.${k.key}`, k.key)} ${k.n}`).join(', ');
  lines.push(`    ${t('admin:stats.byKind', { list: named(v.examIncidents.byKind, 'exam:kinds') })}`);
  lines.push(`    ${t('admin:stats.byRoute', { list: named(v.examIncidents.byRoute, 'admin:routes') })}`);

  const r = report.reminders;
  lines.push('', t('admin:stats.reminders'));
  for (const l of r.byLevel)
    lines.push(`  ${t('admin:stats.alertLine', { level: t(`admin:levels.${l.level}`), raised: l.raised, sent: l.sent, superseded: l.superseded })}`);
  lines.push(`  ${t('admin:stats.digests', r.digests)}`);
  if (r.outbox.failing > 0) {
    lines.push(`  ${t('admin:stats.outboxFailing', { count: r.outbox.failing })}`);
    for (const f of r.outbox.failures) {
      lines.push(`    #${f.id}  ${t('admin:stats.outboxFailure', { attempts: f.attempts, code: printable(f.lastErrorCode ?? '—'), next: f.nextAttemptAt })}`);
    }
  } else {
    lines.push(`  ${t('admin:stats.outboxOk', { count: r.outbox.queued })}`);
  }
  lines.push('', ...renderSatisfaction(report.satisfaction, t, lang));
  lines.push('', ...callbackStatisticsLines(report.callbacks, t, { number: (v) => formatNumber(v, lang), percent: (v) => formatPercent(v, lang) }));
  return lines;
}

/** The survey's rates by month, source and service, beside the declaration's commitments (which publish no target). */
export function renderSatisfaction(s: SatisfactionStatistics, t: Translate, lang: Lang): string[] {
  const pct = (v: number | null) => formatPercent(v, lang);
  const c = commitmentsView(lang);
  const lines = [t('satisfaction:report.title')];
  const summary = (f: SatisfactionFigures) =>
    t('satisfaction:report.summary', { responses: f.responses, percent: pct(f.percentSatisfied), mean: formatNumber(f.meanRating, lang), comments: f.comments });
  lines.push(`  ${s.totals.responses ? summary(s.totals) : t('satisfaction:report.none')}`);
  lines.push(`  ${t('satisfaction:report.commitments')}`, `    ${c.intro}`, ...c.items.map((i) => `    – ${i}`));
  if (c.noTarget) lines.push(`    ${c.noTarget}`);
  lines.push(`    ${c.rateDefinition}`, `    ${t('satisfaction:report.sources', { list: c.sources.map((x) => `${x.document} (${x.section})`).join('; ') })}`);
  const columns = (first: string) => [first, 'responses', 'percent', 'mean', 'distribution'].map((h) => t(`satisfaction:report.columns.${h}`));
  const cells = (f: SatisfactionFigures) => [String(f.responses), pct(f.percentSatisfied), formatNumber(f.meanRating, lang), f.distribution.join(' · ')];
  const indent = (text: string) => text.split('\n').map((l) => `    ${l}`);
  if (!s.totals.responses) return lines;
  lines.push(`  ${t('satisfaction:report.byMonth')}`, ...indent(formatTable(columns('month'), s.byMonth.map((m) => [formatReportMonth(m.label, lang), ...cells(m.figures)]))));
  lines.push(`  ${t('satisfaction:report.bySource')}`, ...indent(formatTable(columns('source'), s.bySource.map((b) => [t(`satisfaction:sources.${b.source}`), ...cells(b.figures)]))));
  lines.push(
    `  ${t('satisfaction:report.byService')}`,
    ...indent(formatTable(columns('service'), s.byService.map((b) => [printable(satisfactionServiceLabel(t, lang, b.source, b.service)), ...cells(b.figures)]))),
  );
  if (s.comments.length) {
    lines.push(`  ${t('satisfaction:report.comments')}`);
    for (const comment of s.comments) {
      const service = satisfactionServiceLabel(t, lang, comment.source, comment.service);
      lines.push(`    ${t('satisfaction:report.commentLine', { date: formatReportInstant(comment.ratedAt, lang), rating: comment.rating, service, text: printable(comment.text) })}`);
    }
  }
  return lines;
}
