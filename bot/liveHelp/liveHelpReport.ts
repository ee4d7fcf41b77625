import type { Lang, Translate } from '../../domain/i18n';
import type { LiveHelpFigures } from '../../domain/statistics/liveHelpStatistics';

/** The live-help figures as lines for a terminal (CLI `stats`). */
export function liveHelpReportLines(f: LiveHelpFigures, t: Translate, lang: Lang): string[] {
  const num = (v: number | null) => (v === null ? '—' : v.toLocaleString(lang === 'en' ? 'en-CA' : 'fr-CA', { maximumFractionDigits: 1 }));
  return [
    t('liveHelp:stats.title'),
    `  ${t('liveHelp:stats.counts', { requested: f.requested, accepted: f.accepted, abandoned: f.abandoned, left: f.leftQueue, timedOut: f.timedOut, inProgress: f.inProgress })}`,
    `  ${t('liveHelp:stats.refused', f.refused)}`,
    `  ${t('liveHelp:stats.waits', { median: num(f.waitMedianMinutes), p90: num(f.waitP90Minutes) })}`,
    `  ${t('liveHelp:stats.perAgent', { list: f.perAgent.length ? f.perAgent.map((a) => `${a.agent} ${a.handled}`).join(', ') : t('liveHelp:stats.none') })}`,
  ];
}
