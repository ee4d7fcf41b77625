import type { IncomingMessage } from 'node:http';
import type { Next, Request, RequestHandler, Response } from 'restify';
import { HttpError, sendError } from '../httpErrors';
import { jsonNestingExceeds } from './jsonDepth';

export interface JsonBodyOptions {
  maxBodyBytes: number;
  maxDepth: number;
  /** The whole body must arrive within this time (a Content-Length larger than what is sent). */
  readTimeoutMs: number;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The only HTML form of the site (the satisfaction survey, a plain POST that works without JavaScript) may send a URL-encoded form. */
const FORM_PATH = /^\/satisfaction\/[^/?#]*(?:\?|$)/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The only body parser of the server: every route takes JSON or nothing. Replaces restify's
 * bodyParser, whose multipart handler wrote uploads to the temporary folder (never deleted) before any
 * route could refuse them, and whose gzip reader had no size limit after decompression. Refusals happen
 * before reading when the headers suffice (type, encoding, declared length), and the connection is then
 * closed so that an unread body is not drained.
 */
export function jsonBodyParser(options: JsonBodyOptions): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (!BODY_METHODS.has(req.method ?? '') || (!chunked && !(declared > 0))) return next();
    const form = isFormUtf8(req.headers['content-type']) && FORM_PATH.test(req.url ?? '');
    const early = refusalFromHeaders(req, declared, options.maxBodyBytes, form);
    if (early) return refuse(res, next, early);
    void readBody(req, options).then((result) => {
      if (!result.ok) return refuse(res, next, result.error);
      let text: string;
      try {
        text = utf8.decode(result.body);
      } catch {
        return refuse(res, next, { status: 400, code: 'BadRequest', message: 'The request body is not valid UTF-8.' }, false);
      }
      if (form) {
        req.body = formFields(text);
        return next();
      }
      if (jsonNestingExceeds(text, options.maxDepth)) {
        return refuse(res, next, { status: 400, code: 'TooDeep', message: `The request body nests more than ${options.maxDepth} levels.` }, false);
      }
      try {
        req.body = text.trim() === '' ? undefined : JSON.parse(text);
      } catch {
        return refuse(res, next, { status: 400, code: 'BadRequest', message: 'The request body is not valid JSON.' }, false);
      }
      (req as Request & { rawBody?: string }).rawBody = text;
      next();
    });
  };
}

function refusalFromHeaders(req: IncomingMessage, declared: number, maxBodyBytes: number, form: boolean): HttpError | undefined {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return { status: 415, code: 'UnsupportedMediaType', message: 'Compressed request bodies (Content-Encoding) are not accepted.' };
  }
  if (!form && !isJsonUtf8(req.headers['content-type'])) {
    return { status: 415, code: 'UnsupportedMediaType', message: 'The request body must be JSON in UTF-8 (Content-Type: application/json).' };
  }
  if (declared > maxBodyBytes) return tooLarge(maxBodyBytes);
  return undefined;
}

/** application/json or application/…+json, with no charset or UTF-8. */
export function isJsonUtf8(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [essence, ...parameters] = contentType.split(';');
  const type = essence.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type)) return false;
  return parameters.every((parameter) => {
    const [name, value = ''] = parameter.split('=');
    return name.trim().toLowerCase() !== 'charset' || /^"?utf-?8"?$/i.test(value.trim());
  });
}

/** application/x-www-form-urlencoded, with no charset or UTF-8. */
export function isFormUtf8(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [essence, ...parameters] = contentType.split(';');
  if (essence.trim().toLowerCase() !== 'application/x-www-form-urlencoded') return false;
  return parameters.every((parameter) => {
    const [name, value = ''] = parameter.split('=');
    return name.trim().toLowerCase() !== 'charset' || /^"?utf-?8"?$/i.test(value.trim());
  });
}

/** A form's fields as strings (the first value of a repeated name); never an exception, whatever was sent. */
function formFields(text: string): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URLSearchParams(text)) if (!(name in fields)) fields[name] = value;
  return fields;
}

function tooLarge(maxBodyBytes: number): HttpError {
  return { status: 413, code: 'PayloadTooLarge', message: `The request body may not exceed ${maxBodyBytes} bytes.` };
}

type ReadResult = { ok: true; body: Buffer } | { ok: false; error: HttpError };

function readBody(req: IncomingMessage, options: JsonBodyOptions): Promise<ReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: ReadResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBodyBytes) finish({ ok: false, error: tooLarge(options.maxBodyBytes) });
      else chunks.push(chunk);
    };
    const timer = setTimeout(
      () => finish({ ok: false, error: { status: 408, code: 'RequestTimeout', message: 'The request body did not arrive in time.' } }),
      options.readTimeoutMs,
    );
    req.on('data', onData);
    req.once('end', () => finish({ ok: true, body: Buffer.concat(chunks, size) }));
    req.once('error', () => finish({ ok: false, error: { status: 400, code: 'BadRequest', message: 'The request body could not be read.' } }));
    req.once('close', () => finish({ ok: false, error: { status: 400, code: 'BadRequest', message: 'The request body was cut short.' } }));
  });
}

/** Answers the error and stops the chain; `close` when part of the body may still be unread. */
function refuse(res: Response, next: Next, error: HttpError, close = true): void {
  if (close) res.setHeader('Connection', 'close');
  sendError(res, error);
  next(false);
}
