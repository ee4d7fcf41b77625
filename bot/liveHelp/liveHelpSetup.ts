import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import type { Database } from '../../domain/db/database';
import type { PeriodFactory } from '../../domain/statistics/period';
import type { DomainServices } from '../../domain/services';
import type { Config } from '../config';
import { ActivityNotifier, createActivityNotifier, LocalActivityNotifier } from '../directLine/activityNotifier';
import type { DirectLineSetup } from '../directLine/directLineRoutes';
import type { Logger } from '../logger';
import type { JobDefinition } from '../scheduledJobs';
import { AgentRoutesOptions, registerAgentRoutes } from './agentRoutes';
import { LiveHelpRelay } from './liveHelpRelay';
import { createProactiveSender } from './proactiveSender';

export interface LiveHelpSetup {
  relay?: LiveHelpRelay;
  /** Every minute: conversations of agents gone back to the queue, waits past the limit ended. */
  sweepJob?: JobDefinition;
  /** Daily with the state purge: finished sessions, their messages and notes past LIVE_HELP_RETENTION_DAYS. */
  close(): Promise<void>;
}

/**
 * Live help on the server: the agents' console and API, the relay to the citizens' chats, and the
 * notifier the consoles listen on (PostgreSQL LISTEN/NOTIFY across instances, as the built-in Direct
 * Line does). Without LIVE_HELP_ENABLED the routes answer that it is off and nothing else starts.
 */
export async function registerLiveHelp(
  server: Server,
  options: {
    config: Config;
    db: Database;
    adapter: CloudAdapter;
    services: DomainServices;
    periods: PeriodFactory;
    authenticate: AgentRoutesOptions['authenticate'];
    logger: Logger;
    directLine: DirectLineSetup;
  },
): Promise<LiveHelpSetup> {
  const { config, services, logger } = options;
  const service = services.liveHelp;
  if (!service) return { close: async () => undefined };
  const notifier: ActivityNotifier = service.enabled ? await createActivityNotifier(options.db, logger) : new LocalActivityNotifier();
  const send = createProactiveSender(options.adapter, config.MicrosoftAppId ?? '', options.directLine);
  const relay = new LiveHelpRelay(service, send, notifier, services, logger);
  if (service.enabled) relay.start();
  const routes = registerAgentRoutes(server, { config, service, relay, notifier, clock: services.clock, periods: options.periods, authenticate: options.authenticate, logger });
  return {
    relay,
    sweepJob: service.enabled
      ? {
          name: 'live-help-sweep',
          pattern: '* * * * *',
          run: async () => {
            const { requeued, timedOut } = await service.sweep();
            if (requeued.length || timedOut.length) logger.info({ requeued: requeued.length, timedOut: timedOut.length }, 'live help queue swept');
          },
        }
      : undefined,
    close: async () => {
      routes.close();
      relay.stop();
      await notifier.close();
    },
  };
}
