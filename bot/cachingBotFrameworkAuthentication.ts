import { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory, JwtTokenValidation, UserTokenClient } from 'botframework-connector';
import { isLoopbackUrl } from './activityValidation';

const MAX_CACHED_CLIENTS = 200;

/**
 * ConfigurationBotFrameworkAuthentication that reuses one ConnectorClient per bot, channel service URL
 * and audience, and one UserTokenClient per bot. The stock classes build both clients, each with its
 * own HTTP pipeline and agent, on every turn: that costs CPU and opens a new connection for every
 * reply. The clients are meant to be long-lived, and their credentials refresh their own tokens.
 */
export class CachingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.caching(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.caching(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return cached(this.userTokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private caching(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        cached(this.connectorClients, `${appId}\n${serviceUrl}\n${audience ?? ''}`, async () => {
          const client = await inner.create(serviceUrl, audience);
          if (isLoopbackUrl(serviceUrl)) withoutRetries(client);
          return client;
        }),
    };
  }
}

/**
 * A local channel (the Emulator) that refuses a connection will not accept it a second later: without
 * this, the connector's retries held every turn with an unreachable local serviceUrl about 10 s.
 */
function withoutRetries(client: ConnectorClient): void {
  const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(options: { phase?: string }): unknown } } }).client?.pipeline;
  pipeline?.removePolicy({ phase: 'Retry' });
}

function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
}

function cached<T>(cache: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  let client = cache.get(key);
  if (!client) {
    client = create();
    client.catch(() => cache.delete(key));
    cache.set(key, client);
    if (cache.size > MAX_CACHED_CLIENTS) cache.delete(cache.keys().next().value as string);
  }
  return client;
}
