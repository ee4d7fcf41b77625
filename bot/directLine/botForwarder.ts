import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
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
 * The bot's replies go back the usual way: its ConnectorClient POSTs them to
 * `${serviceUrl}/v3/conversations/{id}/activities[/{replyToId}]`, where serviceUrl is this server's
 * connector emulation. Those requests carry a random per-process key instead of an Azure token, so
 * nobody outside the process can post "bot" activities into a conversation.
 */
export class BotForwarder {
  private readonly internalKey = randomBytes(32).toString('base64url');
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly logic: (context: TurnContext) => Promise<void>,
    /** MicrosoftAppId, or '' in Emulator mode: the user-token client the adapter builds needs it as audience. */
    private readonly appId: string,
  ) {}

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
      client = Promise.resolve(connector);
      this.clients.set(serviceUrl, client);
    }
    return client;
  }
}
