import type { CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { checkInboundActivity, isLoopbackUrl } from '../activityValidation';
import type { AssistantBot } from '../assistantBot';
import { errorSummary } from '../errorSummary';
import { sendError } from '../httpServer';
import type { Logger } from '../logger';

/** Counts requests being processed, so shutdown can wait for in-flight turns. */
export class InFlightTurns {
  private count = 0;
  private accepting = true;
  private waiters: Array<() => void> = [];

  get active(): number {
    return this.count;
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  enter(): boolean {
    if (!this.accepting) return false;
    this.count += 1;
    return true;
  }

  leave(): void {
    this.count -= 1;
    if (this.count === 0) this.waiters.splice(0).forEach((resolve) => resolve());
  }

  /** Stops accepting new turns and resolves when the running ones are done (or after the grace period). */
  async drain(graceMs: number): Promise<void> {
    this.accepting = false;
    if (this.count === 0) return;
    await Promise.race([new Promise<void>((resolve) => this.waiters.push(resolve)), new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
  }
}

export interface MessagesRouteOptions {
  adapter: CloudAdapter;
  bot: AssistantBot;
  logger: Logger;
  inFlight: InFlightTurns;
  /** Emulator mode: only loopback service URLs, because nothing authenticates the caller. */
  restrictServiceUrlToLoopback: boolean;
}

export function registerMessagesRoute(server: Server, options: MessagesRouteOptions): void {
  server.post('/api/messages', async (req: Request, res: Response) => {
    const check = checkInboundActivity(req.body);
    if (!check.ok) return sendError(res, { status: 400, code: 'InvalidActivity', message: check.message });
    const serviceUrl = (req.body as { serviceUrl: string }).serviceUrl;
    if (options.restrictServiceUrlToLoopback && !isLoopbackUrl(serviceUrl)) {
      return sendError(res, {
        status: 403,
        code: 'ServiceUrlNotAllowed',
        message: 'Without MicrosoftAppId (Emulator mode), replies can only go to a local serviceUrl.',
      });
    }
    if (!options.inFlight.enter()) return sendError(res, { status: 503, code: 'ShuttingDown', message: 'The server is shutting down.' });
    try {
      await options.adapter.process(req, res, (context) => options.bot.run(context));
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
