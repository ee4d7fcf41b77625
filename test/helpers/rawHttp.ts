import { connect } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
}

/**
 * Sends bytes exactly as given (duplicate or malformed headers, wrong lengths, invalid UTF-8), which
 * fetch and node:http refuse to produce, and reads the answer until the server closes or `timeoutMs`.
 * The request asks for `Connection: close` unless its headers say otherwise.
 */
export function rawRequest(
  baseUrl: string,
  request: { method: string; path: string; headers?: Array<[string, string]>; body?: Buffer | string },
  timeoutMs = 8000,
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
  const headers = request.headers ?? [];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  const lines = [`${request.method} ${request.path} HTTP/1.1`, `Host: ${hostname}:${port}`];
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  if (!has('content-length') && !has('transfer-encoding') && body.length) lines.push(`Content-Length: ${body.length}`);
  if (!has('connection')) lines.push('Connection: close');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms to ${request.method} ${request.path}`));
    }, timeoutMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      const parsed = parse(Buffer.concat(chunks));
      // A keep-alive answer does not end with a close: stop once the announced body is there.
      if (parsed && parsed.complete) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ ...parsed, ms: Date.now() - started });
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const parsed = parse(Buffer.concat(chunks));
      if (parsed) resolve({ ...parsed, ms: Date.now() - started });
      else reject(new Error(`connection closed without an answer to ${request.method} ${request.path}`));
    });
    socket.write(Buffer.concat([head, body]), () => undefined);
  });
}

function parse(whole: Buffer): (Omit<RawResponse, 'ms'> & { complete: boolean }) | undefined {
  let raw = whole;
  // Interim answers (100 Continue) come before the real one.
  while (/^HTTP\/1\.1 1\d\d /.test(raw.subarray(0, 13).toString('latin1')) && raw.indexOf('\r\n\r\n') >= 0) raw = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = raw.subarray(end + 4);
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  return { status, headers, body: body.toString('utf8'), complete: length !== undefined && body.length >= length };
}

/** A fresh folder set as the process's temporary folder (os.tmpdir()) until `restore`, with a listing of what is in it. */
export function isolatedTmpdir(): { path: string; files: () => string[]; restore: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'assistant-tmpdir-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = path;
  return {
    path,
    files: () => readdirSync(path, { recursive: true }).map(String).sort(),
    restore: () => {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(path, { recursive: true, force: true });
    },
  };
}
