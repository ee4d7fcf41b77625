import type { AddressInfo } from 'node:net';
import type { Request, Response, Server } from 'restify';
import type { Clock } from '../../domain/clock';
import { checkInboundActivity, emulatorServiceUrlProblem } from '../activityValidation';
import { rememberClientAddress } from '../clientAddressMiddleware';
import type { AssistantAdapter } from '../adapter';
import type { AssistantBot } from '../assistantBot';
import { Config, isEmulatorMode } from '../config';
import { markOversizedText, payloadRefusal } from '../edge/activityLimits';
import { clientAddressOf } from '../edge/clientAddress';
import { emulatorMessagesGuard } from '../edge/emulatorGuard';
import { errorSummary } from '../errorSummary';
import { InFlightTurns } from '../inFlightTurns';
import { sendError } from '../httpErrors';
import type { Logger } from '../logger';


export interface MessagesRouteOptions {
  adapter: AssistantAdapter;
  bot: AssistantBot;
  logger: Logger;
  inFlight: InFlightTurns;
  config: Config;
  clock: Clock;
}

/**
 * POST /api/messages. In Emulator mode (nothing authenticates the caller) only this machine may call it,
 * at a limited rate, and replies only go to another local port (see emulatorServiceUrlProblem).
 */
export function registerMessagesRoute(server: Server, options: MessagesRouteOptions): void {
  const { config } = options;
  const emulator = isEmulatorMode(config);
  if (emulator) {
    server.pre(emulatorMessagesGuard({ trust: config.TRUST_PROXY, clock: options.clock, ratePerMinute: config.MESSAGES_RATE_LIMIT_PER_MINUTE }));
  }
  server.post('/api/messages', async (req: Request, res: Response) => {
    const check = checkInboundActivity(req.body);
    if (!check.ok) return sendError(res, { status: 400, code: 'InvalidActivity', message: check.message });
    const activity = req.body as Record<string, unknown> & { serviceUrl: string };
    const refusal = payloadRefusal(activity, config.MAX_ACTIVITY_VALUE_BYTES);
    if (refusal) return sendError(res, refusal);
    const serviceUrlProblem = emulator ? emulatorServiceUrlProblem(activity.serviceUrl, ownPort(server)) : undefined;
    if (serviceUrlProblem) return sendError(res, { status: 403, code: 'ServiceUrlNotAllowed', message: serviceUrlProblem });
    markOversizedText(activity, config.MAX_MESSAGE_CHARS);
    // With an app id every request comes from the Bot Connector: its address is not the citizen's.
    if (emulator) rememberClientAddress(typeof activity.id === 'string' ? activity.id : undefined, clientAddressOf(req, config.TRUST_PROXY));
    if (!options.inFlight.enter()) return sendError(res, { status: 503, code: 'ShuttingDown', message: 'The server is shutting down.' });
    try {
      await options.adapter.processChecked(req, res, (context) => options.bot.run(context));
    } catch (err) {
      options.logger.error(
        { err: errorSummary(err), conversationId: (req.body as { conversation?: { id?: string } }).conversation?.id },
        'activity processing failed',
      );
      if (!res.headersSent) sendError(res, { status: 500, code: 'InternalError', message: 'The activity could not be processed.' });
    } finally {
      options.inFlight.leave();
    }
  });
}

/** The port this server listens on, asked once (server.address() is a system call). */
const ownPorts = new WeakMap<Server, number>();
function ownPort(server: Server): number | undefined {
  const known = ownPorts.get(server);
  if (known !== undefined) return known;
  const address = server.address() as AddressInfo | string | null;
  const port = address && typeof address === 'object' ? address.port : undefined;
  if (port) ownPorts.set(server, port);
  return port;
}
