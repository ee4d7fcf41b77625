import type { BusinessCalendar } from '../calendar/businessCalendar';
import type { Database } from '../db/database';
import type { ExportColumn } from '../exports/tabularExport';
import type { Translate } from '../i18n';
import type { Period } from './period';

/**
 * The callback requests of a period (by the day they were made):
 * - requested, and of them cancelled, still open, made (reached or message left);
 * - made within the day of the slot: the call happened on or before the slot's day, as a share of
 *   the requests not cancelled (the share the Centre answers for);
 * - the median delay from the request to the call, in hours.
 */
export interface CallbackStatistics {
  requested: number;
  cancelled: number;
  open: number;
  made: number;
  reached: number;
  messageLeft: number;
  madeWithinSlotDay: number;
  madeWithinSlotDayPercent: number | null;
  medianDelayHours: number | null;
}

interface Row {
  status: string;
  outcome: string | null;
  slot_date: string;
  created_at: string;
  done_at: string | null;
}

export async function callbackStatistics(db: Database, period: Pick<Period, 'startsAt' | 'endsBefore'>, calendar: BusinessCalendar): Promise<CallbackStatistics> {
  const rows = (await db('callbacks')
    .where('created_at', '>=', period.startsAt.toISOString())
    .where('created_at', '<', period.endsBefore.toISOString())
    .select('status', 'outcome', 'slot_date', 'created_at', 'done_at')) as Row[];
  const made = rows.filter((r) => r.status === 'done' && r.done_at);
  const within = made.filter((r) => calendar.localDateOf(new Date(r.done_at!)) <= r.slot_date);
  const cancelled = rows.filter((r) => r.status === 'cancelled').length;
  const delays = made.map((r) => (new Date(r.done_at!).getTime() - new Date(r.created_at).getTime()) / 3_600_000).sort((a, b) => a - b);
  return {
    requested: rows.length,
    cancelled,
    open: rows.filter((r) => r.status === 'pending' || r.status === 'attempted').length,
    made: made.length,
    reached: made.filter((r) => r.outcome === 'reached').length,
    messageLeft: made.filter((r) => r.outcome === 'messageLeft').length,
    madeWithinSlotDay: within.length,
    madeWithinSlotDayPercent: rows.length - cancelled === 0 ? null : round1((within.length * 100) / (rows.length - cancelled)),
    medianDelayHours: delays.length === 0 ? null : round1(medianOf(delays)),
  };
}

function medianOf(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export const CALLBACK_METRICS = ['requested', 'cancelled', 'open', 'made', 'reached', 'messageLeft', 'madeWithinSlotDay', 'madeWithinSlotDayPercent', 'medianDelayHours'] as const;

/** The CSV/JSON export's `callbacks` section: one row per indicator. */
export function callbackStatisticsTable(s: CallbackStatistics, t: Translate): { rows: Array<{ metric: string; value: number | null }>; columns: ExportColumn<{ metric: string; value: number | null }>[] } {
  return {
    rows: CALLBACK_METRICS.map((metric) => ({ metric, value: s[metric] })),
    columns: [
      { key: 'metric', header: t('callback:export.metric'), value: (r) => t(`callback:export.metrics.${r.metric}`) },
      { key: 'value', header: t('callback:export.value'), value: (r) => r.value },
    ],
  };
}

/** The `stats` command's lines; `number` and `percent` format as the rest of the report does. */
export function callbackStatisticsLines(s: CallbackStatistics, t: Translate, format: { number: (v: number | null) => string; percent: (v: number | null) => string }): string[] {
  const lines = [t('callback:stats.title')];
  if (s.requested === 0) return [...lines, `  ${t('callback:stats.none')}`];
  lines.push(`  ${t('callback:stats.requested', { requested: s.requested, cancelled: s.cancelled, open: s.open })}`);
  lines.push(`  ${t('callback:stats.made', { made: s.made, reached: s.reached, messageLeft: s.messageLeft })}`);
  lines.push(`  ${t('callback:stats.withinDay', { within: s.madeWithinSlotDay, percent: format.percent(s.madeWithinSlotDayPercent) })}`);
  if (s.medianDelayHours !== null) lines.push(`  ${t('callback:stats.median', { hours: format.number(s.medianDelayHours) })}`);
  return lines;
}
