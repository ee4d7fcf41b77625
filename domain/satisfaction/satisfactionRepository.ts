import type { Database } from '../db/database';

export type SatisfactionSource = 'conversation' | 'complaint';
export const SATISFACTION_RATINGS = [1, 2, 3, 4, 5] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

export interface SatisfactionInput {
  source: SatisfactionSource;
  service: string;
  rating: SatisfactionRating;
  /** Already masked by the caller (domain/privacy). */
  comment?: string;
  ratedAt: Date;
  channelId?: string;
  conversationId?: string;
  complaintReference?: string;
  locale?: string;
}

/** The satisfaction_ratings table (migration 010). */
export class SatisfactionRepository {
  constructor(private readonly db: Database) {}

  /** Records a rating; false when this closed complaint was already rated (one rating per complaint). */
  async record(input: SatisfactionInput): Promise<boolean> {
    const row = {
      rated_at: input.ratedAt.toISOString(),
      source: input.source,
      service: input.service.slice(0, 64),
      rating: input.rating,
      comment: input.comment?.slice(0, 1000) ?? null,
      channel_id: input.channelId?.slice(0, 64) ?? null,
      conversation_id: input.conversationId?.slice(0, 256) ?? null,
      complaint_reference: input.complaintReference ?? null,
      locale: input.locale?.slice(0, 16) ?? null,
    };
    if (!input.complaintReference) {
      await this.db('satisfaction_ratings').insert(row);
      return true;
    }
    const inserted = await this.db('satisfaction_ratings').insert(row).onConflict('complaint_reference').ignore().returning('id');
    return inserted.length > 0;
  }

  async hasComplaintRating(reference: string): Promise<boolean> {
    return Boolean(await this.db('satisfaction_ratings').where({ complaint_reference: reference }).first('id'));
  }
}
