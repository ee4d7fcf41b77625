import type { Bucket, ClockFigures, StatsReport } from './apiTypes.js';
import { el, svg, table } from './dom.js';
import { monthLabel, num, pct, t, targetFormat } from './strings.js';

export function rateCell(f: ClockFigures): string {
  return f.measured ? `${pct(f.percentOnTime)} (${f.onTime}/${f.measured})` : '—';
}

/**
 * Monthly compliance as an inline SVG bar chart (two bars a month, target lines), with the same
 * figures in a table right under it: the chart is for looking, the table for reading and for
 * screen readers (the SVG is one image with a title and a description).
 */
export function monthlyChart(months: Bucket[], standards: StatsReport['standards']): HTMLElement {
  if (!months.length) return el('p', {}, t('page.chart.none'));
  const fcTarget = standards.firstContactTargetPercent;
  const anTarget = standards.answerTargetPercent;
  const slot = 72;
  const left = 52;
  const top = 16;
  const plotH = 220;
  const bottom = 52;
  const right = 150;
  const width = left + months.length * slot + right;
  const height = top + plotH + bottom;
  const y = (p: number): number => top + plotH - (p * plotH) / 100;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-labelledby': 'chart-title chart-desc',
    class: 'chart',
    focusable: 'false',
  });
  chart.appendChild(svg('title', { id: 'chart-title', text: t('page.chart.title') }));
  chart.appendChild(
    svg('desc', { id: 'chart-desc', text: t('page.chart.desc', { fc: targetFormat.format(fcTarget / 100), an: targetFormat.format(anTarget / 100) }) }),
  );
  const defs = svg(
    'defs',
    {},
    svg(
      'pattern',
      { id: 'hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      svg('rect', { width: 6, height: 6, class: 'bar-answer-bg' }),
      svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch-line' }),
    ),
  );
  chart.appendChild(defs);
  for (const p of [0, 25, 50, 75, 100]) {
    chart.appendChild(svg('line', { x1: left, x2: width - right, y1: y(p), y2: y(p), class: 'grid' }));
    chart.appendChild(svg('text', { x: left - 6, y: y(p) + 4, class: 'axis', 'text-anchor': 'end', text: targetFormat.format(p / 100) }));
  }
  const bars: Array<['firstContact' | 'answer', string]> = [
    ['firstContact', 'bar-first'],
    ['answer', 'bar-answer'],
  ];
  months.forEach((m, i) => {
    const x = left + i * slot + 12;
    bars.forEach(([clock, className], j) => {
      const f = m.figures[clock];
      const bx = x + j * 24;
      if (f.percentOnTime === null) {
        chart.appendChild(svg('text', { x: bx + 11, y: y(0) - 4, class: 'axis', 'text-anchor': 'middle', text: '–' }));
        return;
      }
      const rect = svg('rect', { x: bx, y: y(f.percentOnTime), width: 22, height: Math.max(1, y(0) - y(f.percentOnTime)), class: className });
      rect.appendChild(
        svg('title', { text: t('page.chart.barTitle', { clock: t(`clock.${clock}`), month: monthLabel(m.label), value: pct(f.percentOnTime) }) }),
      );
      chart.appendChild(rect);
    });
    const parts = monthLabel(m.label).split(/\s+(?=\d{4}$)/);
    const label = svg('text', { x: x + 23, y: top + plotH + 18, class: 'axis', 'text-anchor': 'middle' });
    label.appendChild(svg('tspan', { x: x + 23, text: parts[0] }));
    if (parts[1]) label.appendChild(svg('tspan', { x: x + 23, dy: 15, text: parts[1] }));
    chart.appendChild(label);
  });
  const targets: Array<[number, string, string]> = [
    [fcTarget, 'target-first', t('page.chart.targetFirstContact', { target: targetFormat.format(fcTarget / 100) })],
    [anTarget, 'target-answer', t('page.chart.targetAnswer', { target: targetFormat.format(anTarget / 100) })],
  ];
  targets.forEach(([target, className, text], i) => {
    chart.appendChild(svg('line', { x1: left, x2: width - right, y1: y(target), y2: y(target), class: className }));
    chart.appendChild(svg('text', { x: width - right + 6, y: y(target) + (i === 0 ? -3 : 13), class: 'axis target-label', text }));
  });
  const legend = el(
    'ul',
    { class: 'legend' },
    el('li', {}, el('span', { class: 'swatch swatch-first', 'aria-hidden': 'true' }), t('clock.firstContact')),
    el('li', {}, el('span', { class: 'swatch swatch-answer', 'aria-hidden': 'true' }), t('clock.answer')),
    el('li', {}, el('span', { class: 'swatch swatch-target', 'aria-hidden': 'true' }), t('page.chart.targets')),
  );
  const data = table(
    t('page.chart.tableCaption'),
    [t('page.columns.month'), t('page.columns.received'), t('page.columns.firstContactRate'), t('page.columns.answerRate')],
    months.map((m) => [monthLabel(m.label), num(m.figures.received), rateCell(m.figures.firstContact), rateCell(m.figures.answer)]),
    { rowHeaders: true, numeric: [1, 2, 3], scrollable: true },
  );
  return el('figure', { class: 'chart-figure' }, el('div', { class: 'chart-scroll' }, chart), legend, el('figcaption', {}, t('page.chart.caption')), data);
}
