import type { Activity, ChannelAccount } from 'botbuilder';
import { z } from 'zod';
import type { Clock } from '../../domain/clock';
import { errorSummary } from '../errorSummary';
import type { HttpError } from '../httpErrors';
import { firstChars, markOversizedText, OVERSIZED_TEXT, payloadRefusal } from '../edge/activityLimits';
import type { Logger } from '../logger';
import type { InFlightTurns } from '../inFlightTurns';
import type { BotForwarder } from './botForwarder';
import { DirectLineConversation, DirectLineConversationStore } from './conversationStore';
import type { TurnSequencer } from './turnSequencer';
import { RateDecision, RateLimiter } from './rateLimiter';
import { bearerToken, DirectLineGrant, DirectLineTokens } from './tokens';

export const DIRECT_LINE_CHANNEL_ID = 'directline';
/**
 * Largest activity a citizen's browser may post, its text aside (well under MAX_BODY_BYTES). The text
 * may be longer, up to MAX_BODY_BYTES: beyond MAX_MESSAGE_CHARS the bot says it is too long.
 */
export const MAX_CLIENT_ACTIVITY_BYTES = 32 * 1024;
/** Reads (polling, reconnect, refresh) allowed per conversation and minute: Web Chat polls once a second. */
export const READS_PER_MINUTE = 300;

/** What a start, a reconnect or a refresh returns, as Azure Direct Line does. */
export interface ConversationGrantResponse {
  conversationId: string;
  token: string;
  expires_in: number;
  /** The WebSocket to read the conversation from (start and reconnect only, as Azure's). */
  streamUrl?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: HttpError; retryAfterSeconds?: number };

/** The client side of an activity: what Web Chat may set. Everything else is set by the server. */
const clientActivitySchema = z
  .looseObject({
    type: z.enum(['message', 'event', 'typing']),
    text: z.string().optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    locale: z.string().max(32).optional(),
    name: z.string().max(256).optional(),
    value: z.unknown().optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
    entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
    attachments: z.array(z.unknown()).max(0, 'file attachments are not supported').optional(),
    localTimestamp: z
      .string()
      .max(64)
      .optional()
      .transform((v) => (v !== undefined && Number.isFinite(Date.parse(v)) ? v : undefined)),
    localTimezone: z.string().max(64).optional(),
  })
  .transform(({ type, text, textFormat, locale, name, value, channelData, entities, localTimestamp, localTimezone }) => ({
    type,
    text,
    textFormat,
    locale,
    name,
    value,
    channelData,
    entities,
    localTimestamp,
    localTimezone,
  }));

export interface BuiltInDirectLineOptions {
  tokens: DirectLineTokens;
  store: DirectLineConversationStore;
  sequencer: TurnSequencer;
  forwarder: BotForwarder;
  clock: Clock;
  logger: Logger;
  inFlight: InFlightTurns;
  tokenTtlSeconds: number;
  ratePerMinute: number;
  /** The bot as the channel names it in activities. */
  bot: ChannelAccount;
  /** This server's connector emulation, e.g. http://127.0.0.1:3978/directline/channel (known once listening). */
  serviceUrl: () => string;
  /** Longer messages are answered "too long" (MAX_MESSAGE_CHARS). */
  maxMessageChars: number;
  /** Largest `value` or `channelData`, serialized (MAX_ACTIVITY_VALUE_BYTES). */
  maxValueBytes: number;
}

/**
 * Direct Line 3.0 for running without Azure: tokens bound to one conversation, activities kept in the
 * database and read by watermark (polling, or pushed on a WebSocket: directLineStream.ts), each posted
 * activity forwarded to the bot and each reply of the bot stored for the page to read. Nothing of a
 * conversation is held in memory: any instance serves any request. HTTP details are in directLineRoutes.ts.
 */
export class BuiltInDirectLine {
  private readonly writes: RateLimiter;
  private readonly reads: RateLimiter;
  private transientIds = 0;

  constructor(private readonly options: BuiltInDirectLineOptions) {
    this.writes = new RateLimiter(options.clock, options.ratePerMinute);
    this.reads = new RateLimiter(options.clock, Math.max(READS_PER_MINUTE, options.ratePerMinute));
  }

  /** A new conversation and its first token (what the page's token route returns). */
  async issue(locale: string): Promise<ConversationGrantResponse & { userId: string }> {
    const grant: DirectLineGrant = {
      conversationId: DirectLineTokens.newConversationId(),
      userId: DirectLineTokens.newUserId(),
      locale,
      exp: this.nowSeconds() + this.options.tokenTtlSeconds,
    };
    await this.options.store.ensure(this.conversationOf(grant));
    return { ...this.grantResponse(grant, this.options.tokens.sign(grant)), userId: grant.userId };
  }

  /**
   * Checks the bearer token (401 when missing or forged, 403 when expired or for another conversation)
   * and the rate limit (429), and returns the conversation it grants.
   */
  authorize(
    authorization: string | string[] | undefined,
    kind: 'read' | 'write',
    conversationId?: string,
  ): Result<{ grant: DirectLineGrant; token: string; conversation: DirectLineConversation }> {
    const token = bearerToken(authorization);
    if (!token) return fail(401, 'MissingToken', 'An Authorization: Bearer <token> header is required.');
    const check = this.options.tokens.verify(token, this.nowSeconds());
    if (!check.ok) {
      return check.reason === 'expired'
        ? fail(403, 'TokenExpired', 'The token has expired. Start a new conversation.')
        : fail(401, 'InvalidToken', 'The token is not valid.');
    }
    if (conversationId !== undefined && conversationId !== check.grant.conversationId) {
      return fail(403, 'ConversationMismatch', 'The token does not grant access to this conversation.');
    }
    const decision: RateDecision = (kind === 'read' ? this.reads : this.writes).take(check.grant.conversationId);
    if (!decision.allowed) {
      return {
        ok: false,
        error: { status: 429, code: 'TooManyRequests', message: 'Too many requests. Wait a moment and try again.' },
        retryAfterSeconds: decision.retryAfterSeconds,
      };
    }
    return { ok: true, value: { grant: check.grant, token, conversation: this.conversationOf(check.grant) } };
  }

  /**
   * POST /conversations: starts the conversation (the bot welcomes the user once, whichever instance
   * is asked first) and confirms the token. A reconnect starts it too, if it never was.
   */
  async start(grant: DirectLineGrant, token: string, conversation: DirectLineConversation): Promise<{ created: boolean; body: ConversationGrantResponse }> {
    const { store } = this.options;
    // Created when missing: a token issued before a purge, or before this version of the server.
    await store.ensure(conversation);
    const created = await store.markStarted(conversation.id);
    if (created) {
      const bot = this.options.bot;
      const user = { id: conversation.userId, role: 'user' };
      this.enqueue(
        conversation,
        await this.inbound(conversation, {
          type: 'conversationUpdate',
          membersAdded: [
            { id: bot.id, name: bot.name },
            { id: user.id, name: '' },
          ],
        }),
      );
    }
    return { created, body: this.grantResponse(grant, token) };
  }

  /** GET /conversations/:id (reconnect): the same token, with the time it has left. */
  reconnect(grant: DirectLineGrant, token: string): ConversationGrantResponse {
    return this.grantResponse(grant, token);
  }

  /** POST /tokens/refresh: a new token for the same conversation, with a new expiry. */
  async refresh(grant: DirectLineGrant): Promise<ConversationGrantResponse> {
    const renewed = { ...grant, exp: this.nowSeconds() + this.options.tokenTtlSeconds };
    // Marks the conversation as in use (its retention counts from its last use).
    await this.options.store.ensure(this.conversationOf(renewed));
    return this.grantResponse(renewed, this.options.tokens.sign(renewed));
  }

  read(conversation: DirectLineConversation, watermark: string | undefined): Promise<{ activities: Activity[]; watermark: string }> {
    return this.options.store.read(conversation.id, watermark);
  }

  /** POST /conversations/:id/activities from the page: stored (echo with an id) and forwarded to the bot. */
  async post(conversation: DirectLineConversation, body: unknown, bodyBytes: number): Promise<Result<{ id: string }>> {
    const text = (body as { text?: unknown } | null)?.text;
    if (bodyBytes - (typeof text === 'string' ? Buffer.byteLength(text) : 0) > MAX_CLIENT_ACTIVITY_BYTES) {
      return fail(413, 'PayloadTooLarge', `An activity may not exceed ${MAX_CLIENT_ACTIVITY_BYTES} bytes, its text aside.`);
    }
    const parsed = clientActivitySchema.safeParse(body);
    if (!parsed.success) {
      return fail(400, 'InvalidActivity', `Invalid activity: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`);
    }
    const client = parsed.data;
    const refusal = payloadRefusal(client, this.options.maxValueBytes);
    if (refusal) return { ok: false, error: refusal };
    const forBot = { ...client };
    const oversized = markOversizedText(forBot, this.options.maxMessageChars);
    if (!this.options.inFlight.isAccepting) return fail(503, 'ShuttingDown', 'The server is shutting down.');
    if (!(await this.options.store.get(conversation.id))) await this.options.store.ensure(conversation);
    const activity = await this.inbound(conversation, {
      ...withoutUndefined(client),
      // The page shows the beginning of an over-long message; the bot gets the marker only.
      ...(oversized && client.text !== undefined ? { text: `${firstChars(client.text, this.options.maxMessageChars)} […]` } : {}),
      locale: client.locale && /^[A-Za-z]{2}(-[A-Za-z]{2})?$/.test(client.locale) ? client.locale : conversation.locale,
      // What a person typed is shown back as typed, never as Markdown or HTML.
      ...(client.type === 'message' ? { textFormat: 'plain' } : {}),
    });
    const accepted = this.enqueue(conversation, activity, oversized ? { text: forBot.text, [OVERSIZED_TEXT]: oversized } : {});
    if (!accepted) return fail(503, 'ShuttingDown', 'The server is shutting down.');
    return { ok: true, value: { id: activity.id } };
  }

  /** A reply of the bot, received by the connector emulation. */
  async receiveFromBot(conversationId: string, body: unknown, replyToId: string | undefined): Promise<Result<{ id: string }>> {
    const conversation = await this.options.store.get(conversationId);
    if (!conversation) return fail(404, 'ConversationNotFound', 'No such conversation.');
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      return fail(400, 'InvalidActivity', 'The request body must be an activity.');
    }
    const { serviceUrl: _serviceUrl, ...fields } = body as Partial<Activity>;
    const bot = this.options.bot;
    const stored = await this.options.store.append(conversation.id, {
      ...fields,
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: { id: conversation.id },
      from: { ...bot, ...(fields.from ?? {}), role: 'bot' },
      recipient: { id: conversation.userId, role: 'user' },
      timestamp: this.options.clock.now().toISOString(),
      ...(replyToId ? { replyToId } : {}),
    } as unknown as Activity);
    return { ok: true, value: { id: stored.id } };
  }

  /** Builds an activity from the user, stores its echo (for the page) and returns it with its id. */
  private async inbound(conversation: DirectLineConversation, fields: Record<string, unknown>): Promise<Activity & { id: string }> {
    const activity = {
      ...fields,
      channelId: DIRECT_LINE_CHANNEL_ID,
      conversation: { id: conversation.id },
      from: { id: conversation.userId, role: 'user' },
      recipient: { ...this.options.bot, role: 'bot' },
      locale: (fields.locale as string | undefined) ?? conversation.locale,
      timestamp: this.options.clock.now().toISOString(),
    } as unknown as Activity;
    // Typing and conversation updates are for the bot only; the page reads messages and events back.
    if (activity.type === 'message' || activity.type === 'event') await this.options.store.append(conversation.id, activity);
    else activity.id = `${conversation.id}|t${(this.transientIds += 1)}`;
    return activity as Activity & { id: string };
  }

  /**
   * Runs the turns of one conversation one after the other, across instances (TurnSequencer); false
   * when the server is stopping.
   */
  private enqueue(conversation: DirectLineConversation, activity: Activity, overrides: Record<string, unknown> = {}): boolean {
    const { inFlight, forwarder, logger } = this.options;
    // Built before entering, so that a failure here cannot leave the in-flight count unbalanced.
    const forBot = Object.assign(toBotActivity(activity, this.options.serviceUrl()), overrides);
    if (!inFlight.enter()) return false;
    this.options.sequencer
      .run(conversation.id, async () => {
        // Stopping: turns still waiting are dropped (the page reads its history again from any instance).
        if (!inFlight.isAccepting) return;
        await forwarder.forward(forBot);
      })
      .catch((err: unknown) => {
        logger.error({ err: errorSummary(err), conversationId: conversation.id, activityType: activity.type }, 'direct line activity not processed');
      })
      .finally(() => inFlight.leave());
    return true;
  }

  private conversationOf(grant: DirectLineGrant): DirectLineConversation {
    return { id: grant.conversationId, userId: grant.userId, locale: grant.locale };
  }

  private grantResponse(grant: DirectLineGrant, token: string): ConversationGrantResponse {
    return { conversationId: grant.conversationId, token, expires_in: Math.max(0, grant.exp - this.nowSeconds()) };
  }

  private nowSeconds(): number {
    return Math.floor(this.options.clock.now().getTime() / 1000);
  }
}

function fail(status: number, code: string, message: string): { ok: false; error: HttpError } {
  return { ok: false, error: { status, code, message } };
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A copy for the adapter, as an HTTP channel would send it: the serviceUrl, and dates as Date objects. */
function toBotActivity(activity: Activity, serviceUrl: string): Activity {
  const copy = JSON.parse(JSON.stringify(activity)) as Activity & { rawTimestamp?: string; rawLocalTimestamp?: string };
  copy.serviceUrl = serviceUrl;
  if (typeof copy.timestamp === 'string') {
    copy.rawTimestamp = copy.timestamp;
    copy.timestamp = new Date(copy.timestamp);
  }
  if (typeof copy.localTimestamp === 'string') {
    copy.rawLocalTimestamp = copy.localTimestamp;
    copy.localTimestamp = new Date(copy.localTimestamp);
  }
  return copy;
}
