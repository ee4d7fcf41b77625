import type { AddressInfo } from 'node:net';
import { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import type { DialogServices } from '../dialogs/shared/services';
import { Clock, systemClock } from '../domain/clock';
import { Database, openDatabase } from '../domain/db/database';
import { InteractionRepository } from '../domain/db/interactionRepository';
import { JobLock } from '../domain/db/jobLock';
import { StateRepository } from '../domain/db/stateRepository';
import { publicInformationMasker } from '../domain/privacy/publicMasker';
import { createPseudonymizer } from '../domain/privacy/pseudonym';
import type { IntentClassifier } from '../domain/understanding/intents';
import { defaultIntentClassifier } from '../domain/understanding/defaultClassifier';
import { createAdapter } from './adapter';
import type { AssistantBot } from './assistantBot';
import { createConversationCore } from './conversation';
import { createServices } from './services';
import { Config, isEmulatorMode } from './config';
import { createHttpServer } from './httpServer';
import { InteractionLogMiddleware } from './interactionLog/interactionLogMiddleware';
import { SqlTranscriptStore } from './interactionLog/sqlTranscriptStore';
import { createLogger, Logger } from './logger';
import { registerHealthRoute } from './routes/healthRoute';
import { registerMessagesRoute } from './routes/messagesRoute';
import { InFlightTurns } from './inFlightTurns';
import { registerWebRoutes } from './routes/webRoutes';
import { registerAdminRoutes } from './routes/adminRoutes';
import { AdminAuthenticator } from './routes/adminAuth';
import { ScheduledJobs } from './scheduledJobs';
import { callbackRetentionJob, complaintRetentionJob, directLineRetentionJob, interactionRetentionJob, liveHelpRetentionJob, stateRetentionJob } from './retentionJobs';
import { ClientAddressMiddleware } from './clientAddressMiddleware';
import { DirectLineRepository } from '../domain/directLine/directLineRepository';
import { registerReminderJobs } from './reminderJobs';
import { registerCitizenMailJobs } from './citizenMailJobs';
import { registerCallbackJobs } from './callbackServices';
import { registerCallbackRoutes } from './routes/callbackRoutes';
import { loadPseudonymKey } from './pseudonymKey';
import { SqlStorage } from './storage/sqlStorage';
import { registerLiveHelp } from './liveHelp/liveHelpSetup';

export interface ApplicationOptions {
  logger?: Logger;
  clock?: Clock;
  classifier?: IntentClassifier;
  /** Start the cron jobs (retention purge…); tests usually leave them off. */
  schedule?: boolean;
}

export interface Application {
  config: Config;
  logger: Logger;
  db: Database;
  server: Server;
  adapter: CloudAdapter;
  bot: AssistantBot;
  transcriptStore: SqlTranscriptStore;
  services: DialogServices;
  jobs: ScheduledJobs;
  listen(): Promise<AddressInfo>;
  stop(): Promise<void>;
}

/** The composition root: builds every part from the configuration and wires them together. */
export async function createApplication(config: Config, options: ApplicationOptions = {}): Promise<Application> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const db = await openDatabase(config.DATABASE_URL, { poolMax: config.DATABASE_POOL_MAX });

  const pseudonymKey = await loadPseudonymKey(config, db);
  const interactions = new InteractionRepository(db);
  const transcriptStore = new SqlTranscriptStore({
    repository: interactions,
    masker: publicInformationMasker(),
    pseudonymize: createPseudonymizer(pseudonymKey),
    logger,
  });

  const classifier = options.classifier ?? defaultIntentClassifier();
  const state = new StateRepository(db, clock);
  const domain = await createServices(config, db, clock, { mail: { logger, surveyKey: pseudonymKey } });
  const { bot, services } = createConversationCore({
    storage: new SqlStorage(state),
    domain,
    classifier,
    logger,
  });

  const adapter = createAdapter(config, logger);
  adapter.use(new ClientAddressMiddleware());
  // Also the transcript (what botbuilder's TranscriptLoggerMiddleware would log), without its JSON copies.
  adapter.use(new InteractionLogMiddleware(transcriptStore, { transcript: true }));

  const inFlight = new InFlightTurns();
  const server = createHttpServer({
    logger,
    maxBodyBytes: config.MAX_BODY_BYTES,
    maxDepth: config.MAX_JSON_DEPTH,
    readTimeoutMs: config.REQUEST_BODY_TIMEOUT_MS,
  });
  registerMessagesRoute(server, { adapter, bot, logger, inFlight, config, clock });
  registerHealthRoute(server, db);
  const directLine = await registerWebRoutes(server, { config, db, adapter, bot, logger, inFlight, services, surveyKey: pseudonymKey });
  const staffTokens = new AdminAuthenticator(config.ADMIN_TOKENS);
  registerAdminRoutes(server, { config, services: domain, logger, auth: staffTokens });
  const liveHelp = await registerLiveHelp(server, {
    config,
    db,
    adapter,
    services: domain,
    periods: domain.statistics.periods,
    authenticate: (header) => staffTokens.authenticate(header),
    logger,
    directLine,
  });
  registerCallbackRoutes(server, { config, services: domain, logger, auth: staffTokens });

  const jobs = new ScheduledJobs(logger, new JobLock(db));
  jobs.add(interactionRetentionJob(config, interactions, clock, logger));
  jobs.add(complaintRetentionJob(config, services.complaints, logger));
  jobs.add(stateRetentionJob(config, state, services.complaintLookups, clock, logger));
  jobs.add(directLineRetentionJob(config, new DirectLineRepository(db, clock), clock, logger));
  registerReminderJobs(jobs, { config, db, clock, calendar: domain.calendar, logger, scheduler: domain.reminderScheduler });
  registerCitizenMailJobs(jobs, domain.citizenMail, { clock, logger });
  if (liveHelp.sweepJob) jobs.add(liveHelp.sweepJob);
  if (domain.liveHelp) jobs.add(liveHelpRetentionJob(config, domain.liveHelp, clock, logger));
  jobs.add(callbackRetentionJob(config, domain.callbacks, logger));
  registerCallbackJobs(jobs, { config, db, clock, logger, callbacks: domain.callbacks, scheduler: domain.reminderScheduler });

  let stopping: Promise<void> | undefined;
  return {
    config,
    logger,
    db,
    server,
    adapter,
    bot,
    transcriptStore,
    services,
    jobs,
    listen: () =>
      new Promise<AddressInfo>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => {
          if (options.schedule !== false) jobs.start();
          const address = server.address() as AddressInfo;
          logger.info({ port: address.port, emulatorMode: isEmulatorMode(config) }, 'assistant listening');
          resolve(address);
        });
      }),
    stop: () =>
      (stopping ??= (async () => {
        logger.info({ inFlight: inFlight.active }, 'shutting down');
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.server.closeIdleConnections?.();
        await inFlight.drain(config.SHUTDOWN_GRACE_MS);
        await liveHelp.close();
        await directLine.close();
        server.server.closeAllConnections?.();
        await closed;
        jobs.stop();
        await domain.citizenMail?.idle();
        await transcriptStore.flush().catch((err: Error) => logger.error({ err: { type: err.name } }, 'interaction log not fully flushed'));
        await db.destroy();
        logger.info('stopped');
      })()),
  };
}
