import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Clock } from '../../domain/clock';
import { errorSummary } from '../errorSummary';
import type { Logger } from '../logger';
import type { WrittenActivity } from './activityNotifier';
import type { DirectLineConversationStore } from './conversationStore';
import type { BuiltInDirectLine } from './builtInDirectLine';
import { RateLimiter } from './rateLimiter';

/** The stream of a conversation, as Azure Direct Line names it: `/v3/directline/conversations/:id/stream?watermark=&t=`. */
export const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{8,64})\/stream$/;

export interface DirectLineStreamOptions {
  directLine: BuiltInDirectLine;
  store: DirectLineConversationStore;
  clock: Clock;
  logger: Logger;
  /** Keepalive: a ping this often; a socket that has not answered the previous one is closed. */
  pingIntervalMs?: number;
  /** The stream re-reads the database this often even without a notification (a lost NOTIFY, a dropped listener). */
  resyncIntervalMs?: number;
  /** Open streams at once per conversation (tabs of one page), and in all. */
  maxPerConversation?: number;
  maxStreams?: number;
}

/** Largest message a client may send: Web Chat only sends empty strings (its own keepalive). */
export const MAX_CLIENT_MESSAGE_BYTES = 4 * 1024;
/** Client messages per socket and minute (Web Chat sends one every 20 s). */
const CLIENT_MESSAGES_PER_MINUTE = 30;
/** A socket whose unsent data passes this is too slow to follow: closed (it reconnects with its watermark). */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Longest setTimeout delay Node accepts. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DirectLineStream {
  /** Open sockets. */
  readonly size: number;
  /** Closes every socket (1001, going away) and stops accepting new ones. */
  close(): Promise<void>;
}

/**
 * The WebSocket side of the built-in Direct Line 3.0: what Web Chat opens with `webSocket: true` on
 * the `streamUrl` a start or reconnect returned. The token (query `t`, or an Authorization header) is
 * checked before the upgrade, with the same rules and read rate limit as polling. The server then
 * pushes `{"activities":[…],"watermark":"n"}` whenever the conversation gets new activities (from
 * this instance or another: ActivityNotifier), starting with everything after the URL's watermark, so
 * a page that reconnects misses nothing. The socket is closed when its token expires (Web Chat then
 * reconnects with its refreshed token), and kept alive with pings.
 */
export function attachDirectLineStream(http: HttpServer, options: DirectLineStreamOptions): DirectLineStream {
  const { directLine, store, clock, logger } = options;
  const pingIntervalMs = options.pingIntervalMs ?? 30_000;
  const resyncIntervalMs = options.resyncIntervalMs ?? 15_000;
  const maxPerConversation = options.maxPerConversation ?? 8;
  const maxStreams = options.maxStreams ?? 20_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES, perMessageDeflate: false, clientTracking: true });
  const perConversation = new Map<string, number>();
  const clientMessages = new RateLimiter(clock, CLIENT_MESSAGES_PER_MINUTE);
  let closing = false;

  const refuse = (socket: Duplex, status: number, code: string, retryAfterSeconds?: number) => {
    const body = JSON.stringify({ error: { code, message: code } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n` +
        (retryAfterSeconds ? `Retry-After: ${retryAfterSeconds}\r\n` : '') +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return refuse(socket, 400, 'BadRequest');
    }
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404, 'NotFound');
    if (closing) return refuse(socket, 503, 'ShuttingDown');
    const conversationId = match[1];
    const token = url.searchParams.get('t');
    const authorization = token ? `Bearer ${token}` : req.headers.authorization;
    const auth = directLine.authorize(authorization, 'read', conversationId);
    if (!auth.ok) return refuse(socket, auth.error.status, auth.error.code, auth.retryAfterSeconds);
    if (wss.clients.size >= maxStreams || (perConversation.get(conversationId) ?? 0) >= maxPerConversation) {
      return refuse(socket, 429, 'TooManyStreams', 30);
    }
    const watermarkParam = url.searchParams.get('watermark') ?? '';
    const expiresAt = auth.value.grant.exp * 1000;
    wss.handleUpgrade(req, socket, head, (ws) => {
      perConversation.set(conversationId, (perConversation.get(conversationId) ?? 0) + 1);
      serve(ws, conversationId, /^\d{1,9}$/.test(watermarkParam) ? Number(watermarkParam) : 0, expiresAt);
    });
  };

  const serve = (ws: WebSocket, conversationId: string, from: number, expiresAt: number) => {
    let watermark = from;
    let reading = false;
    let again = false;
    let alive = true;
    let done = false;
    const socketKey = `${conversationId}:${Math.random()}`;

    const pump = async (written?: WrittenActivity): Promise<void> => {
      if (done) return;
      // The activity this instance just wrote, and the very one this stream reads next: sent as stored,
      // without reading it back. Anything else (a gap, a read under way) reads from the database.
      if (written && !reading && written.seq === watermark) {
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          ws.terminate();
          return;
        }
        watermark = written.seq + 1;
        ws.send(`{"activities":[${written.json}],"watermark":"${watermark}"}`);
        return;
      }
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          const page = await store.read(conversationId, String(watermark));
          if (done) return;
          if (page.activities.length) {
            watermark = Number(page.watermark);
            if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
              ws.terminate();
              return;
            }
            ws.send(JSON.stringify({ activities: page.activities, watermark: page.watermark }));
            // More than one page waiting (a long history): read on.
            if (page.activities.length >= 500) again = true;
          }
        } while (again && !done);
      } catch (err) {
        logger.warn({ err: errorSummary(err) }, 'direct line stream not read');
      } finally {
        reading = false;
      }
    };

    const unsubscribe = store.notifier.subscribe(conversationId, (written) => void pump(written));
    const expiry = setTimeout(() => ws.close(1008, 'token expired'), Math.min(MAX_TIMER_MS, Math.max(0, expiresAt - clock.now().getTime())));
    const keepalive = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, pingIntervalMs);
    const resync = setInterval(() => void pump(), resyncIntervalMs);
    ws.on('pong', () => (alive = true));
    ws.on('message', (_data, isBinary) => {
      // Web Chat's keepalive is an empty text message; anything else, or too many, closes the socket.
      alive = true;
      if (isBinary || !clientMessages.take(socketKey).allowed) ws.close(1008, 'unexpected message');
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      done = true;
      unsubscribe();
      clearTimeout(expiry);
      clearInterval(keepalive);
      clearInterval(resync);
      const count = (perConversation.get(conversationId) ?? 1) - 1;
      if (count > 0) perConversation.set(conversationId, count);
      else perConversation.delete(conversationId);
    });
    void pump();
  };

  http.on('upgrade', onUpgrade);
  return {
    get size() {
      return wss.clients.size;
    },
    close: async () => {
      closing = true;
      http.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'server stopping');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          for (const ws of wss.clients) ws.terminate();
          resolve();
        }, 1000);
        timer.unref();
        const check = () => (wss.clients.size === 0 ? (clearTimeout(timer), resolve()) : setTimeout(check, 20).unref());
        check();
      });
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};
