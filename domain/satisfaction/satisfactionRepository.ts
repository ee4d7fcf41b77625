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
    if (!input.complaintReference) {
      await this.db('satisfaction_ratings').insert(this.row(input));
      return true;
    }
    return (await this.recordComplaint(input)) !== undefined;
  }

  /** A closed complaint's rating: its id, or undefined when the complaint was already rated. */
  async recordComplaint(input: SatisfactionInput): Promise<number | undefined> {
    const [inserted] = await this.db('satisfaction_ratings').insert(this.row(input)).onConflict('complaint_reference').ignore().returning('id');
    return inserted === undefined ? undefined : idOf(inserted);
  }

  private row(input: SatisfactionInput) {
    return {
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
  }

  /** Records a chat rating and returns its id, so that the comment typed next can be attached to it. */
  async recordConversation(input: SatisfactionInput & { source: 'conversation' }): Promise<number> {
    const [inserted] = await this.db('satisfaction_ratings').insert(this.row(input)).returning('id');
    return idOf(inserted);
  }

  /** The comment after a rating, once: only on that conversation's own rating, and only when it has none yet. */
  async attachComment(id: number, conversationId: string, comment: string): Promise<boolean> {
    const updated = await this.db('satisfaction_ratings')
      .where({ id, conversation_id: conversationId.slice(0, 256) })
      .whereNull('comment')
      .update({ comment: comment.slice(0, 1000) });
    return updated > 0;
  }

  async hasComplaintRating(reference: string): Promise<boolean> {
    return Boolean(await this.db('satisfaction_ratings').where({ complaint_reference: reference }).first('id'));
  }
}

function idOf(inserted: unknown): number {
  return Number(typeof inserted === 'object' && inserted !== null ? (inserted as { id: number }).id : inserted);
}
