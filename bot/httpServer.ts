import restify, { Request, Response, Server } from 'restify';
import type { Logger } from './logger';

export interface HttpError {
  status: number;
  code: string;
  message: string;
}

/** Every error answer has the same JSON shape: { "error": { "code", "message" } }. */
export function sendError(res: Response, error: HttpError): void {
  res.send(error.status, { error: { code: error.code, message: error.message } });
}

/**
 * The restify server with its body parser and error format. Routes are added by the features that own
 * them (messages, health, admin API, web page), each through a function receiving the server.
 */
export function createHttpServer(options: { logger: Logger; maxBodyBytes: number }): Server {
  const server = restify.createServer({ name: 'assistant-ca-dotation', handleUncaughtExceptions: false });
  server.pre(restify.plugins.pre.dedupeSlashes());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes, mapParams: false, mapFiles: false }));

  server.on('restifyError', (_req: Request, _res: Response, err: Error & { statusCode?: number; body?: { code?: string } }, callback: () => void) => {
    const code = err.body?.code && err.body.code !== 'Error' ? err.body.code : statusCodeName(err.statusCode);
    const message = err.statusCode === 400 && /JSON/i.test(err.message) ? 'The request body is not valid JSON.' : err.message;
    (err as unknown as { toJSON: () => unknown }).toJSON = () => ({ error: { code, message } });
    if ((err.statusCode ?? 500) >= 500) options.logger.error({ status: err.statusCode, code }, 'http error');
    return callback();
  });
  return server;
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
    case 415:
      return 'UnsupportedMediaType';
    default:
      return 'InternalError';
  }
}
