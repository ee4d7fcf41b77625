import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Activity, ActivityTypes, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { AuthenticateRequestResult, AuthenticationConstants, ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import { bearerToken } from './tokens';

/**
 * Hands the activities of the built-in Direct Line endpoint to the bot, through the server's own
 * CloudAdapter (same middleware: interaction log, transcript), with `adapter.processActivityDirect`
 * and an AuthenticateRequestResult built here instead of a JWT check.
 *
 * Why not POST them to /api/messages: without MicrosoftAppId that route only accepts loopback
 * serviceUrls, and with one it demands a Bot Framework JWT that only Azure can issue. The activities
 * here come from the server itself (the Direct Line routes check the citizen's token), so nothing
 * needs authenticating, in either mode.
 *
 * The bot's replies reach the connector API emulation at `${serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]`,
 * where serviceUrl is this server's own /directline/channel. When the emulation is in this process
 * (`deliverLocally`), the ConnectorClient's two reply operations (sendToConversation, replyToActivity)
 * call it directly with the activity as it would have been sent as JSON: no HTTP round trip over the
 * loopback, no serialization pipeline, no second request parsed by this server. Every other operation
 * still goes over HTTP, and the emulation route stays for them; those requests carry a random
 * per-process key instead of an Azure token, so nobody outside the process can post "bot" activities
 * into a conversation.
 */
/** The connector emulation's handling of a reply of the bot: its id, or an error with the HTTP status it would answer. */
export type LocalDelivery = (conversationId: string, activity: Record<string, unknown>, replyToId: string | undefined) => Promise<{ id: string }>;

/** What the connector emulation refused (as the HTTP client would throw a RestError with this status). */
export class LocalDeliveryError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LocalDeliveryError';
  }
}

export class BotForwarder {
  private deliverLocally: LocalDelivery | undefined;
  private readonly internalKey = randomBytes(32).toString('base64url');
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly logic: (context: TurnContext) => Promise<void>,
    /** MicrosoftAppId, or '' in Emulator mode: the user-token client the adapter builds needs it as audience. */
    private readonly appId: string,
  ) {}

  /** Replies of the bot are handed to `delivery` in this process instead of being POSTed to the emulation. */
  setLocalDelivery(delivery: LocalDelivery): void {
    this.deliverLocally = delivery;
  }

  /** Whether a request to the connector emulation comes from this process's ConnectorClient. */
  isInternal(authorization: string | string[] | undefined): boolean {
    const given = Buffer.from(bearerToken(authorization) ?? '');
    const expected = Buffer.from(this.internalKey);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Runs one turn of the bot for an activity whose serviceUrl points at the connector emulation. */
  async forward(activity: Activity): Promise<void> {
    await this.adapter.processActivityDirect(this.authentication(), activity, this.logic);
  }

  /** A proactive turn (e.g. a live-help agent's message) in a conversation of the built-in endpoint. */
  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'ContinueConversation' }, reference, true) as Activity;
    await this.adapter.processActivityDirect(this.authentication(), activity, logic);
  }

  private authentication(): AuthenticateRequestResult {
    const claimsIdentity = new ClaimsIdentity(
      [
        { type: AuthenticationConstants.AudienceClaim, value: this.appId },
        { type: AuthenticationConstants.AppIdClaim, value: this.appId },
      ],
      true,
    );
    const connectorFactory: ConnectorFactory = { create: (serviceUrl: string) => this.client(serviceUrl) };
    return { audience: this.appId, claimsIdentity, connectorFactory, callerId: undefined };
  }

  private client(serviceUrl: string): Promise<ConnectorClient> {
    let client = this.clients.get(serviceUrl);
    if (!client) {
      const key = this.internalKey;
      const credentials = {
        signRequest: async <T extends { headers: { set(name: string, value: string): void } }>(webResource: T): Promise<T> => {
          webResource.headers.set('authorization', `Bearer ${key}`);
          return webResource;
        },
      };
      const connector = new ConnectorClient(credentials, { baseUri: serviceUrl });
      // The loopback needs neither an HTTP proxy (HTTP_PROXY must not catch it) nor retries: a refused
      // connection means this server is stopping, and the conversation (kept in memory) goes with it,
      // so retrying would only hold the shutdown back.
      const pipeline = (connector as unknown as { client?: { pipeline?: { removePolicy(options: { name?: string; phase?: string }): unknown } } }).client
        ?.pipeline;
      pipeline?.removePolicy({ phase: 'Retry' });
      pipeline?.removePolicy({ name: 'proxyPolicy' });
      this.shortCircuitReplies(connector);
      client = Promise.resolve(connector);
      this.clients.set(serviceUrl, client);
    }
    return client;
  }

  /**
   * Routes the ConnectorClient's reply operations (as CloudAdapter calls them: no options, no callback)
   * to the local delivery. The activity is copied through JSON, as the HTTP client would have sent it
   * (dates as ISO strings, no undefined fields), so the emulation stores exactly the same thing.
   */
  private shortCircuitReplies(connector: ConnectorClient): void {
    const conversations = connector.conversations;
    const sendToConversation = conversations.sendToConversation.bind(conversations) as (...args: unknown[]) => unknown;
    const replyToActivity = conversations.replyToActivity.bind(conversations) as (...args: unknown[]) => unknown;
    const local = async (conversationId: string, replyToId: string | undefined, activity: Partial<Activity>) => {
      const json = JSON.parse(JSON.stringify(activity ?? null)) as Record<string, unknown>;
      return this.deliverLocally!(conversationId, json, replyToId);
    };
    Object.assign(conversations, {
      sendToConversation: (...args: unknown[]) =>
        this.deliverLocally && args.length === 2 ? local(args[0] as string, undefined, args[1] as Partial<Activity>) : sendToConversation(...args),
      replyToActivity: (...args: unknown[]) =>
        this.deliverLocally && args.length === 3 ? local(args[0] as string, args[1] as string, args[2] as Partial<Activity>) : replyToActivity(...args),
    });
  }
}
