import type { Database } from '../db/database';
import { rawRows } from '../db/dialect';

/** One answer to « Cette réponse vous a-t-elle été utile ? ». No personal information: ids and the verdict. */
export interface FaqFeedback {
  entryId: string;
  helpful: boolean;
  createdAt: Date;
  channelId?: string;
  conversationId?: string;
  locale?: string;
}

/** The faq_feedback table (migration 004), read by the managers' statistics. */
export class FaqFeedbackRepository {
  constructor(private readonly db: Database) {}

  async record(feedback: FaqFeedback): Promise<void> {
    await this.db('faq_feedback').insert({
      created_at: feedback.createdAt.toISOString(),
      entry_id: feedback.entryId.slice(0, 64),
      helpful: feedback.helpful,
      channel_id: feedback.channelId?.slice(0, 64) ?? null,
      conversation_id: feedback.conversationId?.slice(0, 256) ?? null,
      locale: feedback.locale?.slice(0, 16) ?? null,
    });
  }

  /** Answers per entry, most answered first. */
  async countsByEntry(): Promise<Array<{ entryId: string; helpful: number; notHelpful: number }>> {
    const rows = await rawRows<{ entry_id: string; helpful: number | null; total: number }>(
      this.db,
      `select entry_id, sum(case when helpful then 1 else 0 end) as helpful, count(*) as total
         from faq_feedback group by entry_id order by total desc, entry_id`,
    );
    return rows.map((r) => ({ entryId: r.entry_id, helpful: Number(r.helpful ?? 0), notHelpful: Number(r.total) - Number(r.helpful ?? 0) }));
  }
}
