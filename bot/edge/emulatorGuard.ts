import type { Next, Request, RequestHandler, Response } from 'restify';
import type { Clock } from '../../domain/clock';
import { RateLimiter } from '../directLine/rateLimiter';
import { sendError } from '../httpErrors';
import { clientAddressOf, isForwarded, isLoopbackAddress, TrustProxy } from './clientAddress';

const MESSAGES_PATH = /^\/api\/messages\/?$/i;

/**
 * Emulator mode (no MicrosoftAppId): nothing authenticates a caller of /api/messages, so only this
 * machine may call it (403 otherwise; a request relayed by a proxy that TRUST_PROXY does not name is not
 * local), and each address may post so many activities a minute (429). Runs before the body is read, and closes
 * the connection when it refuses, so that the body is not read either.
 */
export function emulatorMessagesGuard(options: { trust: TrustProxy; clock: Clock; ratePerMinute: number }): RequestHandler {
  const limiter = new RateLimiter(options.clock, options.ratePerMinute);
  return (req: Request, res: Response, next: Next) => {
    if (!MESSAGES_PATH.test(req.getPath())) return next();
    const address = clientAddressOf(req, options.trust);
    if (!isLocalCaller(address, options.trust.kind === 'off' && isForwarded(req))) {
      res.setHeader('Connection', 'close');
      sendError(res, {
        status: 403,
        code: 'LocalCallersOnly',
        message: 'Without MicrosoftAppId (Emulator mode), /api/messages answers this machine only.',
      });
      return next(false);
    }
    const decision = limiter.take(address);
    if (!decision.allowed) {
      res.setHeader('Connection', 'close');
      res.header('Retry-After', String(decision.retryAfterSeconds));
      sendError(res, { status: 429, code: 'TooManyRequests', message: 'Too many activities from this address. Wait a moment and try again.' });
      return next(false);
    }
    next();
  };
}

/** A loopback client address, not relayed by an untrusted proxy. */
export function isLocalCaller(address: string, relayedByUntrustedProxy: boolean): boolean {
  return !relayedByUntrustedProxy && isLoopbackAddress(address);
}
