import type { Activity, ChannelAccount, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import type { InteractionRepository, InteractionRow } from '../../domain/db/interactionRepository';
import { PersonalInformationMasker, TOO_DEEP } from '../../domain/privacy/masking';
import type { Logger } from '../logger';
import { errorSummary } from '../errorSummary';
import { isoText } from '../../domain/format/isoText';
import { REDACTED_TEXT } from './redaction';
import type { TurnInsights } from '../../dialogs/shared/turnInsights';
import { TurnScope, turnKey } from './turnScope';

const BATCH_SIZE = 500;
/** The fields of an inbound activity where a person writes: masked every time, never remembered. */
const FREE_CONTENT = new Set(['text', 'speak', 'value', 'channelData', 'attachments', 'entities', 'summary', 'suggestedActions', 'textHighlights', 'semanticAction']);
const UNIQUE_FIELDS = new Set(['id', 'replyToId', 'timestamp', 'localTimestamp', 'rawTimestamp', 'rawLocalTimestamp']);
/**
 * What channels and the adapter put in those fields, a UUID or an ISO 8601 instant, has no room for
 * personal information: stored as it is, without running every masking rule on it (a few of these per
 * activity, each costing as much as a sentence).
 */
const GENERATED_VALUE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))$/i;
/** Masked strings kept for reuse (the cache is emptied when full), and the longest one kept. */
const MAX_REMEMBERED_STRINGS = 5000;
const MAX_REMEMBERED_CHARS = 8192;
/** As masking.ts: deeper values are replaced by TOO_DEEP. */
const MAX_MASK_DEPTH = 64;

/** A row ready to be recorded, with the turn it belongs to (if that turn is open). */
export interface PreparedRow {
  row: InteractionRow;
  scope: TurnScope | undefined;
}

export interface SqlTranscriptStoreOptions {
  repository: InteractionRepository;
  masker: PersonalInformationMasker;
  pseudonymize: (channelId: string, userId: string) => string;
  logger: Logger;
  pageSize?: number;
  /** Rows kept in memory while the database is failing; beyond that the oldest are dropped, with an error log. */
  maxQueuedRows?: number;
  /** How long rows wait to be written together: one transaction for many turns under load. */
  batchDelayMs?: number;
}

/**
 * A botbuilder TranscriptStore on the interactions table. Rows are masked before they are queued,
 * written in order by a single writer, retried with backoff when the database fails, and flushed on
 * shutdown: a logging failure never breaks a conversation and is never silent.
 */
export class SqlTranscriptStore implements TranscriptStore {
  private readonly queue: InteractionRow[] = [];
  private readonly openTurns = new Map<string, TurnScope>();
  private draining: Promise<void> | undefined;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private batchTimer: NodeJS.Timeout | undefined;
  private readonly pageSize: number;
  private readonly maxQueuedRows: number;
  private readonly batchDelayMs: number;
  private readonly maskedStrings = new Map<string, string>();
  private readonly pseudonyms = new Map<string, string>();

  constructor(private readonly options: SqlTranscriptStoreOptions) {
    this.pageSize = options.pageSize ?? 50;
    this.maxQueuedRows = options.maxQueuedRows ?? 100_000;
    this.batchDelayMs = options.batchDelayMs ?? 100;
  }

  /** Opens the scope of a turn; returns undefined when a turn with the same inbound activity is already open. */
  beginTurn(activity: Partial<Activity>, startedAt: Date): TurnScope | undefined {
    const key = turnKey(activity.channelId, activity.conversation?.id, activity.id);
    if (!key || this.openTurns.has(key)) return undefined;
    const scope: TurnScope = { key, startedAt, rows: [] };
    this.openTurns.set(key, scope);
    return scope;
  }

  logActivity(activity: Partial<Activity>): Promise<void> {
    this.record(this.prepare(activity));
    return Promise.resolve();
  }

  /** The row of an activity, masked now (a copy: the activity may change afterwards), and the turn it belongs to. */
  prepare(activity: Partial<Activity>): PreparedRow {
    const inbound = activity.from?.role === 'user';
    const key = turnKey(activity.channelId, activity.conversation?.id, inbound ? activity.id : activity.replyToId);
    const scope = key ? this.openTurns.get(key) : undefined;
    return { row: this.toRow(activity, scope), scope };
  }

  /** Adds a prepared row to its turn (written when the turn is committed), or queues it when it has none. */
  record({ row, scope }: PreparedRow): void {
    if (scope) scope.rows.push(row);
    else this.enqueue([row]);
  }

  /** Called once the turn is over, with what the dialogs recorded about it. */
  commitTurn(scope: TurnScope, insights: TurnInsights, latencyMs: number): void {
    this.openTurns.delete(scope.key);
    for (const row of scope.rows) {
      row.dialog = insights.dialog;
      if (row.direction === 'in') {
        row.intent = insights.intent;
        row.intentScore = insights.intentScore;
        row.latencyMs = latencyMs;
      }
      const sensitive = row.direction === 'in' ? insights.sensitiveInbound : insights.sensitiveOutbound;
      if (sensitive && row.activityType === 'message') redact(row);
    }
    this.enqueue(scope.rows.splice(0));
  }

  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    const page = await this.options.repository.conversationActivities(channelId, conversationId, {
      after: continuationToken || undefined,
      since: startDate,
      pageSize: this.pageSize,
    });
    return { items: page.items.map((i) => JSON.parse(i.activityJson) as Activity), continuationToken: page.next ?? '' };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const page = await this.options.repository.conversations(channelId, { after: continuationToken || undefined, pageSize: this.pageSize });
    return { items: page.items.map((c) => ({ channelId: c.channelId, id: c.conversationId, created: c.firstAt })), continuationToken: page.next ?? '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    await this.flush();
    await this.options.repository.deleteConversation(channelId, conversationId);
  }

  /** Resolves once every queued row is written, or rejects after `timeoutMs` if the database stays down. */
  async flush(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length > 0 || this.draining) {
      if (Date.now() > deadline) throw new Error(`interaction log: ${this.queue.length} rows still queued after ${timeoutMs} ms`);
      this.clearTimers();
      await (this.draining ?? this.drain());
      if (this.queue.length > 0) await new Promise((r) => setTimeout(r, 50));
    }
  }

  get queuedRows(): number {
    return this.queue.length;
  }

  private enqueue(rows: InteractionRow[]): void {
    if (rows.length === 0) return;
    this.queue.push(...rows);
    const overflow = this.queue.length - this.maxQueuedRows;
    if (overflow > 0) {
      this.queue.splice(0, overflow);
      this.options.logger.error({ dropped: overflow }, 'interaction log queue full: oldest rows dropped');
    }
    if (this.draining || this.retryTimer) return;
    if (this.queue.length >= BATCH_SIZE) {
      this.clearTimers();
      void this.drain();
    } else if (!this.batchTimer) {
      this.batchTimer = setTimeout(() => {
        this.batchTimer = undefined;
        void this.drain();
      }, this.batchDelayMs);
      this.batchTimer.unref();
    }
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.batchTimer);
    this.retryTimer = undefined;
    this.batchTimer = undefined;
  }

  private drain(): Promise<void> {
    this.draining = (async () => {
      try {
        while (this.queue.length > 0) {
          const batch = this.queue.slice(0, BATCH_SIZE);
          await this.options.repository.insertMany(batch);
          this.queue.splice(0, batch.length);
          this.failures = 0;
        }
      } catch (err) {
        this.failures += 1;
        const delay = Math.min(30_000, 250 * 2 ** Math.min(this.failures, 7));
        this.options.logger.error({ err: errorSummary(err), queued: this.queue.length, retryInMs: delay }, 'interaction log write failed; will retry');
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.drain();
        }, delay);
        this.retryTimer.unref();
      } finally {
        this.draining = undefined;
      }
    })();
    return this.draining;
  }

  private toRow(activity: Partial<Activity>, scope: TurnScope | undefined): InteractionRow {
    const direction = activity.from?.role === 'user' ? 'in' : 'out';
    const channelId = activity.channelId ?? 'unknown';
    const botId = direction === 'in' ? activity.recipient?.id : activity.from?.id;
    const person = direction === 'in' ? activity.from : activity.recipient;
    // Every account other than the bot's is a person: keep a keyed hash of the id, never the id or the name.
    const account = (a: ChannelAccount | undefined): ChannelAccount | undefined =>
      a && (a.id === botId ? { id: a.id, name: a.name, role: a.role } : { id: this.pseudonym(channelId, a.id), name: '', role: a.role });
    const occurredAt = direction === 'in' && scope ? scope.startedAt : activity.timestamp ? new Date(activity.timestamp) : new Date();
    const stored = this.maskActivity(
      activity,
      {
        from: account(activity.from),
        recipient: account(activity.recipient),
        membersAdded: activity.membersAdded?.map((m) => account(m)!),
        membersRemoved: activity.membersRemoved?.map((m) => account(m)!),
        conversation: activity.conversation ? { id: activity.conversation.id } : undefined,
      },
      direction,
    );
    return {
      occurredAt: Number.isNaN(occurredAt.getTime()) ? new Date() : occurredAt,
      channelId,
      conversationId: activity.conversation?.id ?? 'unknown',
      activityId: activity.id,
      replyToId: activity.replyToId,
      direction,
      activityType: activity.type ?? 'unknown',
      locale: activity.locale,
      userPseudonym: person?.id ? this.pseudonym(channelId, person.id) : undefined,
      text: typeof stored.text === 'string' ? stored.text : undefined,
      redacted: false,
      activityJson: JSON.stringify(stored),
    };
  }

  /**
   * masker.maskDeep of `{ ...activity, ...replaced }` (the same fields in the same order), without building
   * that copy first, and with the masked form of the strings that come back turn after turn remembered:
   * everything the bot sends (its sentences, buttons, cards come from the locales) and, in what a person
   * sends, the fields the channel fills in (ids, URLs, locale, type…). What a person writes (text,
   * values, channel data, attachments, entities) is masked afresh and never kept.
   */
  private maskActivity(activity: Partial<Activity>, replaced: Record<string, unknown>, direction: 'in' | 'out'): Record<string, unknown> {
    const masked: Record<string, unknown> = {};
    const ancestors = new Set<object>([activity]);
    const fields = activity as Record<string, unknown>;
    for (const key of Object.keys(fields)) this.maskField(masked, key, Object.hasOwn(replaced, key) ? replaced[key] : fields[key], direction, ancestors);
    for (const key of Object.keys(replaced)) if (!Object.hasOwn(fields, key)) this.maskField(masked, key, replaced[key], direction, ancestors);
    return masked;
  }

  private maskField(masked: Record<string, unknown>, key: string, value: unknown, direction: 'in' | 'out', ancestors: Set<object>): void {
    // Ids and times differ on every activity: masked, but not worth remembering.
    const unique = UNIQUE_FIELDS.has(key);
    if (unique && typeof value === 'string' && GENERATED_VALUE.test(value)) {
      masked[key] = value;
      return;
    }
    // The JSON a Date gives, written now: JSON.stringify leaves its fast path for an object with toJSON.
    if (unique && value instanceof Date && !Number.isNaN(value.getTime())) {
      masked[key] = isoText(value);
      return;
    }
    const remember = !unique && (direction === 'out' || !FREE_CONTENT.has(key));
    masked[key] = this.maskWalk(value, 1, ancestors, remember);
  }

  /** maskDeep's walk (same depth limit and cycle guard), with remembered strings when `remember`. */
  private maskWalk(value: unknown, depth: number, ancestors: Set<object>, remember: boolean): unknown {
    if (typeof value === 'string') return remember ? this.rememberedMask(value) : this.options.masker.mask(value);
    if (!value || typeof value !== 'object' || value instanceof Date) return value;
    if (depth >= MAX_MASK_DEPTH || ancestors.has(value)) return TOO_DEEP;
    ancestors.add(value);
    let masked: unknown;
    if (Array.isArray(value)) masked = value.map((v) => this.maskWalk(v, depth + 1, ancestors, remember));
    else {
      // A loop rather than Object.fromEntries(Object.entries(…)): two arrays fewer per object, on every activity.
      const copy: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const v = this.maskWalk((value as Record<string, unknown>)[key], depth + 1, ancestors, remember);
        // « __proto__ » (JSON.parse makes it an own key) stays a plain key, as fromEntries kept it.
        if (key === '__proto__') Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
        else copy[key] = v;
      }
      masked = copy;
    }
    ancestors.delete(value);
    return masked;
  }

  private rememberedMask(text: string): string {
    if (text.length > MAX_REMEMBERED_CHARS) return this.options.masker.mask(text);
    let masked = this.maskedStrings.get(text);
    if (masked === undefined) {
      masked = this.options.masker.mask(text);
      if (this.maskedStrings.size >= MAX_REMEMBERED_STRINGS) this.maskedStrings.clear();
      this.maskedStrings.set(text, masked);
    }
    return masked;
  }

  /** The pseudonym of an account id (an HMAC), remembered: each row needs it twice, and each turn has two rows or more. */
  private pseudonym(channelId: string, userId: string): string {
    const key = `${channelId}\n${userId}`;
    let pseudonym = this.pseudonyms.get(key);
    if (pseudonym === undefined) {
      pseudonym = this.options.pseudonymize(channelId, userId);
      if (this.pseudonyms.size >= MAX_REMEMBERED_STRINGS) this.pseudonyms.clear();
      this.pseudonyms.set(key, pseudonym);
    }
    return pseudonym;
  }
}

function redact(row: InteractionRow): void {
  const activity = JSON.parse(row.activityJson) as Partial<Activity>;
  row.text = REDACTED_TEXT;
  row.redacted = true;
  row.activityJson = JSON.stringify({
    ...activity,
    text: REDACTED_TEXT,
    speak: undefined,
    value: undefined,
    attachments: activity.attachments?.map((a) => ({ contentType: a.contentType })),
    suggestedActions: undefined,
  });
}
