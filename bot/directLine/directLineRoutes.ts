import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Clock } from '../../domain/clock';
import type { Database } from '../../domain/db/database';
import { SettingsRepository } from '../../domain/db/settingsRepository';
import type { AssistantBot } from '../assistantBot';
import type { Config } from '../config';
import { rememberClientAddress } from '../clientAddressMiddleware';
import { clientAddressOf } from '../edge/clientAddress';
import { errorSummary } from '../errorSummary';
import { HttpError, sendError } from '../httpErrors';
import type { Logger } from '../logger';
import type { InFlightTurns } from '../inFlightTurns';
import { generateAzureToken, DirectLineExchangeError } from './azureDirectLine';
import { BotForwarder, LocalDeliveryError } from './botForwarder';
import { DirectLineRepository } from '../../domain/directLine/directLineRepository';
import type { TrustProxy } from '../edge/clientAddress';
import { createActivityNotifier } from './activityNotifier';
import { BuiltInDirectLine, ConversationGrantResponse, Result } from './builtInDirectLine';
import { DirectLineConversationStore } from './conversationStore';
import { attachDirectLineStream } from './directLineStream';
import { DEFAULT_TURN_LEASE_MS, TurnSequencer } from './turnSequencer';
import { RateLimiter } from './rateLimiter';
import { DirectLineTokens } from './tokens';

/** Where Web Chat finds Direct Line on this server (the same paths as Azure's /v3/directline). */
export const BUILT_IN_DOMAIN_PATH = '/v3/directline';
/** The connector API emulation the bot replies to (its serviceUrl). */
export const CHANNEL_PATH = '/directline/channel';
/** The page asks here for a conversation token, in both modes. */
export const TOKEN_ROUTE = '/api/directline/token';

export interface DirectLineRoutesOptions {
  config: Config;
  db: Database;
  adapter: CloudAdapter;
  bot: AssistantBot;
  logger: Logger;
  inFlight: InFlightTurns;
  clock: Clock;
  /** The bot's display name in activities. */
  botName: string;
}

export interface DirectLineSetup {
  mode: 'built-in' | 'azure';
  /** What Web Chat uses as its Direct Line domain: a path on this server, or the Azure endpoint. */
  domain: string;
  /** The origin the page's Content-Security-Policy must let Web Chat connect to, besides its own. */
  connectOrigin?: string;
  /** Built-in only: the page reads the conversation on a WebSocket of this server (ws: or wss: of its own origin). */
  webSocket?: boolean;
  /**
   * Built-in only: runs `logic` in a conversation of this endpoint, as a proactive turn through the
   * adapter (middleware included), its sends going to the conversation like the bot's replies.
   */
  continueConversation?(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /** Closes the streams and the database listener (before the database itself). */
  close(): Promise<void>;
}

/**
 * Registers the page's token route and, unless DIRECT_LINE_SECRET is set, the built-in Direct Line 3.0
 * endpoint with its connector emulation. With the secret, the token route exchanges it with Azure
 * Direct Line and nothing else is served: Web Chat then talks to Azure directly.
 */
export async function registerDirectLineRoutes(server: Server, options: DirectLineRoutesOptions): Promise<DirectLineSetup> {
  const { config, clock } = options;
  const tokenRequests = new RateLimiter(clock, config.DIRECT_LINE_RATE_LIMIT_PER_MINUTE);
  const limitTokenRequests = (req: Request, res: Response): boolean => {
    const decision = tokenRequests.take(clientAddressOf(req, config.TRUST_PROXY));
    if (decision.allowed) return true;
    res.header('Retry-After', String(decision.retryAfterSeconds));
    sendError(res, { status: 429, code: 'TooManyRequests', message: 'Too many conversations started from this address. Wait a moment and try again.' });
    return false;
  };

  if (config.DIRECT_LINE_SECRET) {
    const secret = config.DIRECT_LINE_SECRET;
    server.post(TOKEN_ROUTE, async (req: Request, res: Response) => {
      noStore(res);
      if (!limitTokenRequests(req, res)) return;
      const userId = DirectLineTokens.newUserId();
      try {
        const generated = await generateAzureToken({ endpoint: config.DIRECT_LINE_ENDPOINT, secret, userId });
        res.send(200, {
          conversationId: generated.conversationId,
          token: generated.token,
          expires_in: generated.expires_in,
          userId,
          domain: config.DIRECT_LINE_ENDPOINT,
        });
      } catch (err) {
        options.logger.error(
          { err: errorSummary(err), status: err instanceof DirectLineExchangeError ? err.status : undefined },
          'direct line token exchange failed',
        );
        sendError(res, { status: 502, code: 'DirectLineUnavailable', message: 'The chat service is not available right now.' });
      }
    });
    return { mode: 'azure', domain: config.DIRECT_LINE_ENDPOINT, connectOrigin: azureConnectSources(config.DIRECT_LINE_ENDPOINT), close: async () => undefined };
  }

  // Known once the server listens (it listens once), then kept: server.address() is a system call.
  let ownServiceUrl: string | undefined;
  const key = await new SettingsRepository(options.db).getOrCreate('direct_line_token_key', () => randomBytes(32).toString('base64url'));
  const botAccount = { id: config.MicrosoftAppId ?? 'assistant-ca-dotation', name: options.botName };
  const forwarder = new BotForwarder(options.adapter, (context) => options.bot.run(context), config.MicrosoftAppId ?? '');
  const repository = new DirectLineRepository(options.db, clock);
  const store = new DirectLineConversationStore(repository, await createActivityNotifier(options.db, options.logger));
  const directLine = new BuiltInDirectLine({
    tokens: new DirectLineTokens(Buffer.from(key, 'base64url')),
    store,
    sequencer: new TurnSequencer(repository, {
      leaseMs: DEFAULT_TURN_LEASE_MS,
      maxWaitMs: 5 * DEFAULT_TURN_LEASE_MS,
      accepting: () => options.inFlight.isAccepting,
    }),
    forwarder,
    clock,
    logger: options.logger,
    inFlight: options.inFlight,
    tokenTtlSeconds: config.DIRECT_LINE_TOKEN_TTL_SECONDS,
    ratePerMinute: config.DIRECT_LINE_RATE_LIMIT_PER_MINUTE,
    bot: botAccount,
    serviceUrl: () => (ownServiceUrl ??= selfServiceUrl(server)),
    maxMessageChars: config.MAX_MESSAGE_CHARS,
    maxValueBytes: config.MAX_ACTIVITY_VALUE_BYTES,
  });

  // The bot's replies are handed to the connector emulation in this process (same checks as the route below).
  forwarder.setLocalDelivery(async (conversationId, activity, replyToId) => {
    const result = await directLine.receiveFromBot(conversationId, activity, replyToId);
    if (result.ok) return result.value;
    throw new LocalDeliveryError(result.error.status, result.error.code, result.error.message);
  });

  server.post(TOKEN_ROUTE, async (req: Request, res: Response) => {
    noStore(res);
    if (!limitTokenRequests(req, res)) return;
    const requested = (req.body as { locale?: unknown } | undefined)?.locale;
    const locale = typeof requested === 'string' && /^en\b/i.test(requested) ? 'en-CA' : 'fr-CA';
    res.send(200, { ...(await directLine.issue(locale)), domain: BUILT_IN_DOMAIN_PATH });
  });

  // Start a conversation (Web Chat's first call with a token from the route above).
  server.post(`${BUILT_IN_DOMAIN_PATH}/conversations`, async (req: Request, res: Response) => {
    const auth = authorizeOrFail(directLine.authorize(req.headers.authorization, 'write'), res);
    if (!auth) return;
    const { created, body } = await directLine.start(auth.grant, auth.token, auth.conversation);
    res.send(created ? 201 : 200, withStreamUrl(body, req, config.TRUST_PROXY, config.PUBLIC_BASE_URL));
  });

  // Reconnect to a conversation (after a page reload).
  server.get(`${BUILT_IN_DOMAIN_PATH}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const auth = authorizeOrFail(directLine.authorize(req.headers.authorization, 'read', req.params.conversationId), res);
    if (!auth) return;
    // Started if it never was (idempotent: the welcome is sent once, by whichever instance comes first).
    await directLine.start(auth.grant, auth.token, auth.conversation);
    const watermark = typeof req.query?.watermark === 'string' && /^\d{1,9}$/.test(req.query.watermark) ? req.query.watermark : undefined;
    res.send(200, withStreamUrl(directLine.reconnect(auth.grant, auth.token), req, config.TRUST_PROXY, config.PUBLIC_BASE_URL, watermark));
  });

  server.get(`${BUILT_IN_DOMAIN_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const auth = authorizeOrFail(directLine.authorize(req.headers.authorization, 'read', req.params.conversationId), res);
    if (!auth) return;
    const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
    res.send(200, await directLine.read(auth.conversation, watermark));
  });

  server.post(`${BUILT_IN_DOMAIN_PATH}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const auth = authorizeOrFail(directLine.authorize(req.headers.authorization, 'write', req.params.conversationId), res);
    if (!auth) return;
    const result = await directLine.post(auth.conversation, req.body, bodyBytes(req));
    if (!result.ok) return sendError(res, result.error);
    // The turn is queued but starts only after this handler returns: the address is there before it.
    rememberClientAddress(result.value.id, clientAddressOf(req, config.TRUST_PROXY));
    res.send(200, result.value);
  });

  server.post(`${BUILT_IN_DOMAIN_PATH}/conversations/:conversationId/upload`, async (req: Request, res: Response) => {
    const auth = authorizeOrFail(directLine.authorize(req.headers.authorization, 'write', req.params.conversationId), res);
    if (!auth) return;
    sendError(res, { status: 400, code: 'AttachmentsNotSupported', message: 'This assistant does not accept files.' });
  });

  server.post(`${BUILT_IN_DOMAIN_PATH}/tokens/refresh`, async (req: Request, res: Response) => {
    const auth = authorizeOrFail(directLine.authorize(req.headers.authorization, 'read'), res);
    if (!auth) return;
    res.send(200, await directLine.refresh(auth.grant));
  });

  // The connector API emulation: the bot's ConnectorClient posts its replies here.
  const fromBot = async (req: Request, res: Response) => {
    if (!forwarder.isInternal(req.headers.authorization)) {
      return sendError(res, { status: 401, code: 'Unauthorized', message: 'Only the bot of this server may post here.' });
    }
    const result = await directLine.receiveFromBot(req.params.conversationId, req.body, req.params.activityId);
    if (result.ok) res.send(200, result.value);
    else sendError(res, result.error);
  };
  server.post(`${CHANNEL_PATH}/v3/conversations/:conversationId/activities`, fromBot);
  server.post(`${CHANNEL_PATH}/v3/conversations/:conversationId/activities/:activityId`, fromBot);

  const stream = attachDirectLineStream(server.server, { directLine, store, clock, logger: options.logger });
  return {
    mode: 'built-in',
    domain: BUILT_IN_DOMAIN_PATH,
    webSocket: true,
    continueConversation: (reference, logic) => forwarder.continueConversation(reference, logic),
    close: async () => {
      await stream.close();
      await store.notifier.close();
    },
  };
}

/**
 * The grant with the conversation's stream, as Azure's: `ws(s)://<host>/v3/directline/conversations/<id>/stream?watermark=&t=<token>`
 * on the host the page reached (any instance behind a load balancer serves it), wss when the page is
 * served over https (PUBLIC_BASE_URL, or X-Forwarded-Proto from a trusted proxy).
 */
function withStreamUrl(
  body: ConversationGrantResponse,
  req: Request,
  trust: TrustProxy,
  publicBaseUrl: string,
  watermark?: string,
): ConversationGrantResponse {
  const base = webSocketOrigin(req, trust, publicBaseUrl);
  const query = `${watermark !== undefined ? `watermark=${watermark}&` : ''}t=${encodeURIComponent(body.token)}`;
  return { ...body, streamUrl: `${base}${BUILT_IN_DOMAIN_PATH}/conversations/${encodeURIComponent(body.conversationId)}/stream?${query}` };
}

/** Azure Direct Line's origin, for its REST calls and for its WebSocket stream (wss: is not implied by https:). */
function azureConnectSources(endpoint: string): string {
  const url = new URL(endpoint);
  return url.protocol === 'https:' ? `${url.origin} wss://${url.host}` : url.origin;
}

const HOST_HEADER = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** ws://host or wss://host for this request: its Host header when well-formed, else PUBLIC_BASE_URL's. */
export function webSocketOrigin(req: Request, trust: TrustProxy, publicBaseUrl: string): string {
  const forwardedProto = trust.kind !== 'off' ? String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase() : '';
  const secure =
    forwardedProto === 'https' || (forwardedProto === '' && ((req.socket as { encrypted?: boolean }).encrypted === true || publicBaseUrl.startsWith('https:')));
  const host = typeof req.headers.host === 'string' && HOST_HEADER.test(req.headers.host) ? req.headers.host : new URL(publicBaseUrl).host;
  return `${secure ? 'wss' : 'ws'}://${host}`;
}

function authorizeOrFail<T>(result: Result<T>, res: Response): T | undefined {
  noStore(res);
  if (result.ok) return result.value;
  if (result.retryAfterSeconds) res.header('Retry-After', String(result.retryAfterSeconds));
  sendError(res, result.error as HttpError);
  return undefined;
}

function noStore(res: Response): void {
  res.header('Cache-Control', 'no-store');
}

function bodyBytes(req: Request): number {
  const raw = (req as Request & { rawBody?: string | Buffer }).rawBody;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) return Buffer.byteLength(raw);
  return Buffer.byteLength(JSON.stringify(req.body ?? null));
}

/**
 * The connector emulation as the bot reaches it: this server on the loopback interface when it listens
 * on all interfaces, otherwise on the address it listens on. Never PUBLIC_BASE_URL: replies should not
 * leave the machine through a proxy.
 */
function selfServiceUrl(server: Server): string {
  const address = server.address() as AddressInfo | null;
  if (!address || typeof address !== 'object') throw new Error('the server is not listening yet');
  let host = address.address;
  if (host === '0.0.0.0') host = '127.0.0.1';
  else if (host === '::' || host === '::0') host = '::1';
  if (host.includes(':')) host = `[${host}]`;
  return `http://${host}:${address.port}${CHANNEL_PATH}`;
}
