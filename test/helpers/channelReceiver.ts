import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/**
 * Plays the channel side, as the Bot Framework Emulator does: the bot posts its replies to
 * `${serviceUrl}/v3/conversations/{id}/activities/{replyToId}` and this server records them.
 */
export class ChannelReceiver {
  readonly activities: Activity[] = [];
  private server: Server | undefined;
  private waiters: Array<{ conversationId: string; count: number; resolve: (a: Activity[]) => void }> = [];
  private nextId = 1;
  /** Delay before answering each reply, to simulate a slow channel. */
  delayMs = 0;
  private arrivals: Array<() => void> = [];
  /** The serviceUrl to put in activities, once started. */
  url: string | undefined;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readJson(req).then(async (body) => {
        if (req.method === 'POST' && /\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
          this.arrivals.splice(0).forEach((arrived) => arrived());
          if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
          const activity = body as Activity;
          this.activities.push(activity);
          this.notify();
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `reply-${this.nextId++}` }));
          return;
        }
        res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Resolves when the next reply starts arriving (before delayMs): the bot's turn is then in flight. */
  nextArrival(): Promise<void> {
    return new Promise((resolve) => this.arrivals.push(resolve));
  }

  messagesFor(conversationId: string): Activity[] {
    return this.activities.filter((a) => a.conversation?.id === conversationId && a.type === 'message');
  }

  /** Resolves once `count` messages in total have reached the conversation. */
  waitForMessages(conversationId: string, count: number, timeoutMs = 10_000): Promise<Activity[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${count} messages in ${conversationId}; got ${this.messagesFor(conversationId).length}`)),
        timeoutMs,
      );
      this.waiters.push({
        conversationId,
        count,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
      });
      this.notify();
    });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      const messages = this.messagesFor(w.conversationId);
      if (messages.length >= w.count) {
        w.resolve(messages);
        return false;
      }
      return true;
    });
  }
}

/** The JSON body of a request, or null when it is not JSON. */
export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      } catch {
        resolve(null);
      }
    });
  });
}
