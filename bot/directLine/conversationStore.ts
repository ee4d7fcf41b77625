import type { Activity } from 'botbuilder';
import type { Clock } from '../../domain/clock';

/** One built-in Direct Line conversation: its activities in order, in memory only. */
export interface DirectLineConversation {
  id: string;
  userId: string;
  locale: string;
  /** The conversationUpdate has been sent to the bot. */
  started: boolean;
  /** Milliseconds since the epoch after which no token for it can still be valid. */
  expiresAt: number;
  /** Sequence number of activities[0]: older ones were dropped to keep the list bounded. */
  firstSeq: number;
  activities: Activity[];
  /** Turns are run one after the other, in the order the activities arrived. */
  queue: Promise<void>;
}

export interface ConversationStoreLimits {
  /** Conversations kept at once; beyond, the one closest to expiry is dropped. */
  maxConversations: number;
  /** Activities kept per conversation; beyond, the oldest are dropped (their watermarks are skipped). */
  maxActivitiesPerConversation: number;
}

export const DEFAULT_STORE_LIMITS: ConversationStoreLimits = { maxConversations: 5000, maxActivitiesPerConversation: 400 };

const SWEEP_EVERY_MS = 60_000;

/**
 * The conversations of the built-in Direct Line endpoint. Bounded twice: a conversation disappears when
 * the last token issued for it expires (the token TTL), and both the number of conversations and the
 * activities per conversation are capped. Nothing is written to disk: the text typed by a person is
 * kept only as long as their token, and the masked copy in the interaction log is the record.
 */
export class DirectLineConversationStore {
  private readonly conversations = new Map<string, DirectLineConversation>();
  private lastSweep = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: ConversationStoreLimits = DEFAULT_STORE_LIMITS,
  ) {}

  get size(): number {
    return this.conversations.size;
  }

  get(id: string): DirectLineConversation | undefined {
    const conversation = this.conversations.get(id);
    if (conversation && conversation.expiresAt <= this.clock.now().getTime()) {
      this.conversations.delete(id);
      return undefined;
    }
    return conversation;
  }

  /**
   * The conversation a valid token names, created when missing: a new token, or a token issued before a
   * restart of the server (the bot's own state is in the database, so the conversation goes on; only
   * the activity history of the page is gone).
   */
  ensure(grant: { conversationId: string; userId: string; locale: string; expiresAt: number }): DirectLineConversation {
    const existing = this.get(grant.conversationId);
    if (existing) {
      existing.expiresAt = Math.max(existing.expiresAt, grant.expiresAt);
      return existing;
    }
    this.sweep();
    const conversation: DirectLineConversation = {
      id: grant.conversationId,
      userId: grant.userId,
      locale: grant.locale,
      started: false,
      expiresAt: grant.expiresAt,
      firstSeq: 0,
      activities: [],
      queue: Promise.resolve(),
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** Appends an activity, gives it its id (`<conversation>|<sequence>`), and returns it. */
  append(conversation: DirectLineConversation, activity: Activity): Activity & { id: string } {
    const seq = conversation.firstSeq + conversation.activities.length;
    const id = `${conversation.id}|${String(seq).padStart(7, '0')}`;
    activity.id = id;
    conversation.activities.push(activity);
    const excess = conversation.activities.length - this.limits.maxActivitiesPerConversation;
    if (excess > 0) {
      conversation.activities.splice(0, excess);
      conversation.firstSeq += excess;
    }
    return Object.assign(activity, { id });
  }

  /** The activities from a watermark (the sequence number to read next) and the next watermark. */
  read(conversation: DirectLineConversation, watermark: string | undefined): { activities: Activity[]; watermark: string } {
    const next = conversation.firstSeq + conversation.activities.length;
    const from = /^\d{1,9}$/.test(watermark ?? '') ? Number(watermark) : 0;
    const start = Math.max(from, conversation.firstSeq) - conversation.firstSeq;
    return { activities: conversation.activities.slice(start), watermark: String(next) };
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    if (now - this.lastSweep >= SWEEP_EVERY_MS || this.conversations.size >= this.limits.maxConversations) {
      this.lastSweep = now;
      for (const [id, conversation] of this.conversations) if (conversation.expiresAt <= now) this.conversations.delete(id);
    }
    while (this.conversations.size >= this.limits.maxConversations) {
      let oldest: DirectLineConversation | undefined;
      for (const conversation of this.conversations.values()) if (!oldest || conversation.expiresAt < oldest.expiresAt) oldest = conversation;
      if (!oldest) break;
      this.conversations.delete(oldest.id);
    }
  }
}
