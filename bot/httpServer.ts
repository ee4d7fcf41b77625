import restify, { Next, Request, Response, Server, ServerOptions } from 'restify';
import { errorSummary } from './errorSummary';
import { jsonBodyParser, JsonBodyOptions } from './edge/jsonBody';
import type { Logger } from './logger';


/**
 * The restify server with its body parser and error format. Routes are added by the features that own
 * them (messages, health, admin API, web page), each through a function receiving the server.
 */
export function createHttpServer(options: { logger: Logger } & JsonBodyOptions): Server {
  const server = restify.createServer({
    name: 'assistant-ca-dotation',
    handleUncaughtExceptions: false,
    log: restifyLogger(options.logger) as unknown as ServerOptions['log'],
  });
  limitSlowClients(server, options.readTimeoutMs);
  server.pre((_req: Request, res: Response, next: Next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(jsonBodyParser(options));

  server.on('restifyError', (_req: Request, _res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
    const code = err.body?.code && err.body.code !== 'Error' ? err.body.code : statusCodeName(err.statusCode);
    const message = err.statusCode === 400 && /JSON/i.test(err.message) ? 'The request body is not valid JSON.' : err.message;
    (err as unknown as { toJSON: () => unknown }).toJSON = () => ({ error: { code, message } });
    if ((err.statusCode ?? 500) >= 500) options.logger.error({ status: err.statusCode, code }, 'http error');
    return callback();
  });
  return server;
}

/**
 * restify logs through this logger (a failed formatter logs the whole request, headers and bearer tokens
 * included): requests are reduced to their method and path, errors to their summary, and only warnings
 * and errors get through.
 */
function restifyLogger(logger: Logger): Logger {
  return logger.child(
    { component: 'restify' },
    {
      level: logger.levelVal > 40 ? logger.level : 'warn',
      serializers: {
        req: (req: { method?: string; url?: string }) => ({ method: req.method, path: req.url?.split('?')[0] }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: errorSummary,
        value: () => '[omitted]',
      },
    },
  );
}

/**
 * Node's own limits on the time to receive the headers and the whole request (then 408 and the
 * connection closed); the body parser has its own, shorter, timer with a JSON answer. Node checks these
 * every 30 s by default, too coarse for a slow client holding connections open.
 */
function limitSlowClients(server: Server, readTimeoutMs: number): void {
  const http = server.server as Server['server'] & { connectionsCheckingInterval?: number };
  http.headersTimeout = Math.max(readTimeoutMs, 10_000);
  http.requestTimeout = Math.max(readTimeoutMs * 2, 15_000);
  http.connectionsCheckingInterval = 1000;
}

function statusCodeName(status: number | undefined): string {
  switch (status) {
    case 400:
      return 'BadRequest';
    case 404:
      return 'NotFound';
    case 405:
      return 'MethodNotAllowed';
    case 413:
      return 'PayloadTooLarge';
    case 408:
      return 'RequestTimeout';
    case 415:
      return 'UnsupportedMediaType';
    case 429:
      return 'TooManyRequests';
    default:
      return 'InternalError';
  }
}
