import type { Activity } from 'botbuilder';
import { DirectLineRepository, StoredActivity } from '../../domain/directLine/directLineRepository';
import type { ActivityNotifier } from './activityNotifier';

/** One built-in Direct Line conversation, as its token names it. */
export interface DirectLineConversation {
  id: string;
  userId: string;
  locale: string;
}

const KNOWN_CONVERSATIONS = 10_000;

/**
 * The conversations of the built-in Direct Line endpoint and their activities, in the database
 * (DirectLineRepository), so that any instance serves any conversation and the page's history survives
 * a reload, a restart and a crash. Each write tells the open streams (ActivityNotifier). The text
 * typed by a person is kept as typed (the page shows it back) for DIRECT_LINE_RETENTION_HOURS; the
 * masked copy in the interaction log is the record.
 */
export class DirectLineConversationStore {
  /** Conversations this instance has seen in the database (their user never changes): fewer reads. */
  private readonly known = new Map<string, DirectLineConversation>();

  constructor(
    readonly repository: DirectLineRepository,
    readonly notifier: ActivityNotifier,
  ) {}

  /** Creates the conversation a valid token names, when missing (a new token, or one from before a purge). */
  async ensure(conversation: DirectLineConversation): Promise<void> {
    await this.repository.ensure(conversation);
    this.remember(conversation);
  }

  /** The conversation, from memory or the database; undefined when it does not exist (or was purged). */
  async get(id: string): Promise<DirectLineConversation | undefined> {
    const known = this.known.get(id);
    if (known) return known;
    const row = await this.repository.get(id);
    if (!row) return undefined;
    const conversation = { id: row.id, userId: row.userId, locale: row.locale };
    this.remember(conversation);
    return conversation;
  }

  /** True for the one request, of any instance, that starts the conversation (the welcome is sent once). */
  markStarted(id: string): Promise<boolean> {
    return this.repository.markStarted(id);
  }

  /**
   * Appends an activity, gives it its id (`<conversation>|<sequence>`), and wakes the streams, handing
   * the ones of this instance the activity as stored (they need not read it back).
   */
  async append(conversationId: string, activity: Activity): Promise<Activity & { id: string }> {
    let id = '';
    const { seq, json } = await this.repository.appendJson(conversationId, (_seq, assigned) => {
      id = assigned;
      return { ...(activity as unknown as StoredActivity), id: assigned };
    });
    activity.id = id;
    this.notifier.notify(conversationId, { seq, json });
    return activity as Activity & { id: string };
  }

  /** The activities from a watermark (the sequence number to read next) and the next watermark. */
  async read(conversationId: string, watermark: string | undefined): Promise<{ activities: Activity[]; watermark: string }> {
    const from = /^\d{1,9}$/.test(watermark ?? '') ? Number(watermark) : 0;
    const page = await this.repository.read(conversationId, from);
    return { activities: page.activities as unknown as Activity[], watermark: String(page.watermark) };
  }

  private remember(conversation: DirectLineConversation): void {
    if (this.known.size >= KNOWN_CONVERSATIONS) this.known.delete(this.known.keys().next().value as string);
    this.known.set(conversation.id, { id: conversation.id, userId: conversation.userId, locale: conversation.locale });
  }
}
