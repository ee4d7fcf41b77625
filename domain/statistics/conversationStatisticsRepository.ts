import type { Database } from '../db/database';
import { rawRows } from '../db/dialect';
import { FAQ_INTENT_PREFIX, Intents } from '../understanding/intents';
import type { Period } from './period';

/** The intents counted as « not understood ». */
export const NOT_UNDERSTOOD_INTENTS: readonly string[] = [Intents.none, Intents.outOfScope];
/** The dialog id the FAQ answers are recorded with. */
export const FAQ_DIALOG = 'faq';

export interface MessageTotals {
  /** Conversations in which a person wrote at least one message during the period. */
  conversations: number;
  messagesIn: number;
  messagesOut: number;
  /** Messages from people that went through intent recognition (the denominator of the not-understood rate). */
  classified: number;
  notUnderstood: number;
  faqAnswered: number;
  handoffs: number;
  handoffConversations: number;
}

export interface NamedCount {
  key: string;
  n: number;
}

export interface FeedbackRow {
  entryId: string;
  responses: number;
  helpful: number;
}

/**
 * SQL aggregates on the interaction log (inbound messages carry the turn's intent and dialog) and the
 * « utile ? » answers. Times are ISO-8601 UTC strings compared with the
 * period's instants. The same SQL runs on SQLite and PostgreSQL: camelCase aliases are double-quoted
 * (PostgreSQL folds bare names to lower case) and booleans are tested as `not redacted`.
 */
export class ConversationStatisticsRepository {
  constructor(private readonly db: Database) {}

  async totals(period: Period): Promise<MessageTotals> {
    const notUnderstood = NOT_UNDERSTOOD_INTENTS.map(() => '?').join(', ');
    const [row] = await rawRows<Record<string, unknown>>(
      this.db,
      `select count(distinct case when direction = 'in' then channel_id || '|' || conversation_id end) as "conversations",
              sum(case when direction = 'in' then 1 else 0 end) as "messagesIn",
              sum(case when direction = 'out' then 1 else 0 end) as "messagesOut",
              sum(case when direction = 'in' and intent is not null then 1 else 0 end) as "classified",
              sum(case when direction = 'in' and intent in (${notUnderstood}) then 1 else 0 end) as "notUnderstood",
              sum(case when ${faqAnswer()} then 1 else 0 end) as "faqAnswered",
              sum(case when direction = 'in' and intent = ? then 1 else 0 end) as "handoffs",
              count(distinct case when direction = 'in' and intent = ? then channel_id || '|' || conversation_id end) as "handoffConversations"
         from interactions
        where activity_type = 'message' and occurred_at >= ? and occurred_at < ?`,
      [...NOT_UNDERSTOOD_INTENTS, ...faqBindings(), Intents.handoff, Intents.handoff, ...range(period)],
    );
    return {
      conversations: num(row?.conversations),
      messagesIn: num(row?.messagesIn),
      messagesOut: num(row?.messagesOut),
      classified: num(row?.classified),
      notUnderstood: num(row?.notUnderstood),
      faqAnswered: num(row?.faqAnswered),
      handoffs: num(row?.handoffs),
      handoffConversations: num(row?.handoffConversations),
    };
  }

  /** FAQ entries answered most often (key: the entry id, without « faq. »). */
  async faqEntries(period: Period, limit: number): Promise<NamedCount[]> {
    const rows = await rawRows<Record<string, unknown>>(
      this.db,
      `select substr(intent, ${FAQ_INTENT_PREFIX.length + 1}) as key, count(*) as n from interactions
        where activity_type = 'message' and ${faqAnswer()} and occurred_at >= ? and occurred_at < ?
        group by intent order by n desc, key limit ?`,
      [...faqBindings(), ...range(period), limit],
    );
    return rows.map((r) => ({ key: String(r.key), n: num(r.n) }));
  }

  /** How often given entries were answered (for the feedback table). */
  async faqAnswersFor(period: Period, entryIds: string[]): Promise<Map<string, number>> {
    if (entryIds.length === 0) return new Map();
    const intents = entryIds.map((id) => `${FAQ_INTENT_PREFIX}${id}`);
    const rows = await rawRows<Record<string, unknown>>(
      this.db,
      `select substr(intent, ${FAQ_INTENT_PREFIX.length + 1}) as key, count(*) as n from interactions
        where activity_type = 'message' and ${faqAnswer()} and occurred_at >= ? and occurred_at < ?
          and intent in (${intents.map(() => '?').join(', ')})
        group by intent`,
      [...faqBindings(), ...range(period), ...intents],
    );
    return new Map(rows.map((r) => [String(r.key), num(r.n)]));
  }

  /**
   * The most frequent messages not understood, as stored (masked), grouped case-insensitively. Rows
   * whose text was withdrawn from the log (form answers) are left out.
   */
  async notUnderstoodExamples(period: Period, limit: number): Promise<NamedCount[]> {
    const rows = await rawRows<Record<string, unknown>>(
      this.db,
      `select min(trim(text)) as key, count(*) as n from interactions
        where activity_type = 'message' and direction = 'in' and intent in (${NOT_UNDERSTOOD_INTENTS.map(() => '?').join(', ')})
          and not redacted and text is not null and trim(text) <> '' and occurred_at >= ? and occurred_at < ?
        group by lower(trim(text)) order by n desc, key limit ?`,
      [...NOT_UNDERSTOOD_INTENTS, ...range(period), limit],
    );
    return rows.map((r) => ({ key: String(r.key), n: num(r.n) }));
  }

  /** « Cette réponse vous a-t-elle été utile ? » answers per entry. */
  async feedback(period: Period): Promise<FeedbackRow[]> {
    const rows = await rawRows<Record<string, unknown>>(
      this.db,
      `select entry_id as "entryId", count(*) as responses, sum(case when helpful then 1 else 0 end) as helpful
         from faq_feedback where created_at >= ? and created_at < ?
        group by entry_id order by responses desc, entry_id`,
      range(period),
    );
    return rows.map((r) => ({ entryId: String(r.entryId), responses: num(r.responses), helpful: num(r.helpful) }));
  }
}

function faqAnswer(): string {
  return `direction = 'in' and intent like ? and intent <> ? and dialog = ?`;
}

function faqBindings(): string[] {
  return [`${FAQ_INTENT_PREFIX}%`, Intents.faqMenu, FAQ_DIALOG];
}

function range(period: Period): string[] {
  return [period.startsAt.toISOString(), period.endsBefore.toISOString()];
}

function num(value: unknown): number {
  return Number(value ?? 0);
}
