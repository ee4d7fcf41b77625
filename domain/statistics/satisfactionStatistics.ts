import type { Database } from '../db/database';
import { rawRows } from '../db/dialect';
import { formatIsoLocal } from '../format/dates';
import { commitments } from '../satisfaction/commitments';
import type { SatisfactionSource } from '../satisfaction/satisfactionRepository';
import { instantBuckets } from './complaintStatisticsRepository';
import type { Period } from './period';

export interface SatisfactionFigures {
  responses: number;
  /** Ratings from `satisfiedFrom` (4) up: « plutôt » or « très satisfait ». */
  satisfied: number;
  neutral: number;
  /** Ratings of 1 or 2. */
  dissatisfied: number;
  /** satisfied / responses, rounded to one decimal; null without responses. */
  percentSatisfied: number | null;
  meanRating: number | null;
  /** How many ratings of 1, 2, 3, 4 and 5 (index 0 is 1). */
  distribution: number[];
  comments: number;
}

export interface SatisfactionComment {
  /** ISO 8601 with the Québec offset. */
  ratedAt: string;
  source: SatisfactionSource;
  service: string;
  rating: number;
  /** Masked when stored (domain/privacy). */
  text: string;
}

export interface SatisfactionStatistics {
  /** The published target, or null: the seeds publish none (data/commitments.json says so and why). */
  targetPercent: number | null;
  satisfiedFrom: number;
  totals: SatisfactionFigures;
  bySource: Array<{ source: SatisfactionSource; figures: SatisfactionFigures }>;
  /** The months of the period that have started, each cut to the period. */
  byMonth: Array<{ label: string; from: string; to: string; figures: SatisfactionFigures }>;
  /** Each service or chat topic rated within the period, by source, most rated first. */
  byService: Array<{ source: SatisfactionSource; service: string; figures: SatisfactionFigures }>;
  /** The latest comments (masked), newest first. */
  comments: SatisfactionComment[];
}

interface RatingCell {
  bucket: number;
  source: SatisfactionSource;
  service: string;
  rating: number;
  n: number;
  comments: number;
}

const SOURCES: readonly SatisfactionSource[] = ['conversation', 'complaint'];

/** SQL aggregates on satisfaction_ratings (one row per month, source, service and rating), the same SQL on both engines. */
export class SatisfactionStatisticsRepository {
  constructor(private readonly db: Database) {}

  /** `months` are the contiguous months of the period; `started` how many of them have begun. */
  async statistics(months: Period[], started: number, commentLimit: number): Promise<SatisfactionStatistics> {
    const b = instantBuckets('rated_at', months);
    const rows = await rawRows<Record<string, unknown>>(
      this.db,
      `select ${b.select}, source, service, rating, count(*) as n,
              sum(case when comment is not null and comment <> '' then 1 else 0 end) as comments
         from satisfaction_ratings where ${b.where}
        group by bucket, source, service, rating`,
      [...b.selectBindings, ...b.whereBindings],
    );
    const cells: RatingCell[] = rows.map((r) => ({
      bucket: Number(r.bucket),
      source: String(r.source) as SatisfactionSource,
      service: String(r.service),
      rating: Number(r.rating),
      n: Number(r.n ?? 0),
      comments: Number(r.comments ?? 0),
    }));
    const { targetPercent, rateDefinition } = commitments().satisfaction;
    const figures = (keep: (c: RatingCell) => boolean) => satisfactionFigures(cells.filter(keep), rateDefinition.satisfiedFrom);
    const services = [...new Map(cells.map((c) => [`${c.source}|${c.service}`, { source: c.source, service: c.service }])).values()];
    return {
      targetPercent,
      satisfiedFrom: rateDefinition.satisfiedFrom,
      totals: figures(() => true),
      bySource: SOURCES.map((source) => ({ source, figures: figures((c) => c.source === source) })),
      byMonth: months.slice(0, started).map((m, i) => ({ label: m.label, from: m.from, to: m.to, figures: figures((c) => c.bucket === i) })),
      byService: services
        .map((s) => ({ ...s, figures: figures((c) => c.source === s.source && c.service === s.service) }))
        .sort((x, y) => SOURCES.indexOf(x.source) - SOURCES.indexOf(y.source) || y.figures.responses - x.figures.responses || x.service.localeCompare(y.service)),
      comments: await this.comments(months, commentLimit),
    };
  }

  private async comments(months: Period[], limit: number): Promise<SatisfactionComment[]> {
    const rows = await this.db('satisfaction_ratings')
      .where('rated_at', '>=', months[0].startsAt.toISOString())
      .andWhere('rated_at', '<', months[months.length - 1].endsBefore.toISOString())
      .whereNotNull('comment')
      .andWhere('comment', '<>', '')
      .orderBy([
        { column: 'rated_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select('rated_at', 'source', 'service', 'rating', 'comment');
    return rows.map((r: Record<string, unknown>) => ({
      ratedAt: formatIsoLocal(new Date(String(r.rated_at))),
      source: String(r.source) as SatisfactionSource,
      service: String(r.service),
      rating: Number(r.rating),
      text: String(r.comment),
    }));
  }
}

export function satisfactionFigures(cells: Array<{ rating: number; n: number; comments: number }>, satisfiedFrom: number): SatisfactionFigures {
  const distribution = [1, 2, 3, 4, 5].map((rating) => cells.filter((c) => c.rating === rating).reduce((total, c) => total + c.n, 0));
  const responses = distribution.reduce((a, b) => a + b, 0);
  const satisfied = distribution.slice(satisfiedFrom - 1).reduce((a, b) => a + b, 0);
  const dissatisfied = distribution[0] + distribution[1];
  const round1 = (value: number) => Math.round(value * 10) / 10;
  return {
    responses,
    satisfied,
    neutral: responses - satisfied - dissatisfied,
    dissatisfied,
    percentSatisfied: responses ? round1((satisfied * 100) / responses) : null,
    meanRating: responses ? round1(distribution.reduce((total, n, i) => total + n * (i + 1), 0) / responses) : null,
    distribution,
    comments: cells.reduce((total, c) => total + c.comments, 0),
  };
}
