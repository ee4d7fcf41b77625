import { Application, ApplicationOptions, createApplication } from '../../bot/application';
import { sharedIntentClassifier } from './sharedClassifier';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { ChannelReceiver } from './channelReceiver';
import { EmulatorClient } from './emulatorClient';
import { testClock } from './testClock';
import { tempDatabaseUrl, tempDir } from './tempDir';

export interface RunningTestApplication {
  app: Application;
  botUrl: string;
  receiver: ChannelReceiver;
  serviceUrl: string;
  databaseUrl: string;
  client(options?: { conversationId?: string; userId?: string; locale?: string }): EmulatorClient;
  /** Stops the server but keeps the database, as a restart would. */
  stop(): Promise<void>;
  /** Stops everything and removes the temp folder. */
  close(): Promise<void>;
}

/** The real server on an ephemeral port, on the given database or a SQLite file in a temp folder (removed by close), with a channel receiver. */
export async function startTestApplication(
  env: Record<string, string> = {},
  options: ApplicationOptions & { databaseUrl?: string; receiver?: ChannelReceiver } = {},
): Promise<RunningTestApplication> {
  // A database given by the test is the test's to remove (it outlives a restart): no folder of our own then.
  const dir = options.databaseUrl === undefined ? tempDir() : undefined;
  const databaseUrl = options.databaseUrl ?? tempDatabaseUrl(dir!.path);
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', ...env });
  const app = await createApplication(config, {
    logger: createLogger('silent'),
    schedule: false,
    clock: testClock(),
    classifier: sharedIntentClassifier(),
    ...options,
  });
  const address = await app.listen();
  const botUrl = `http://127.0.0.1:${address.port}`;
  const receiver = options.receiver ?? new ChannelReceiver();
  const serviceUrl = receiver.url ?? (await receiver.start());
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.stop();
  };
  return {
    app,
    botUrl,
    receiver,
    serviceUrl,
    databaseUrl,
    client: (o) => new EmulatorClient(botUrl, serviceUrl, o),
    stop,
    close: async () => {
      await stop();
      if (!options.receiver) await receiver.stop();
      dir?.cleanup();
    },
  };
}
