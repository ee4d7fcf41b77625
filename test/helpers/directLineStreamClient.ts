import type { Activity } from 'botbuilder';
import { WebSocket } from 'ws';

export interface StreamMessage {
  activities: Activity[];
  watermark: string;
}

/** A Direct Line stream as Web Chat reads it (botframework-directlinejs with webSocket: true). */
export class DirectLineStreamClient {
  readonly messages: StreamMessage[] = [];
  readonly activities: Activity[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      if (!text) return;
      const message = JSON.parse(text) as StreamMessage;
      this.messages.push(message);
      this.activities.push(...message.activities);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  /** Opens the stream; rejects with the HTTP status when the upgrade is refused. */
  static open(streamUrl: string, headers: Record<string, string> = {}): Promise<DirectLineStreamClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(streamUrl, { headers });
      socket.once('open', () => resolve(new DirectLineStreamClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })));
      socket.once('error', reject);
    });
  }

  get watermark(): string | undefined {
    return this.messages[this.messages.length - 1]?.watermark;
  }

  botMessages(): Activity[] {
    return this.activities.filter((a) => a.type === 'message' && a.from?.role === 'bot');
  }

  /** Waits until `predicate` holds (checked on every message and on close). */
  async until(predicate: () => boolean, timeoutMs = 10_000, what = 'stream condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${this.activities.length} activities`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForBotMessages(count: number, timeoutMs = 10_000): Promise<void> {
    return this.until(() => this.botMessages().length >= count, timeoutMs, `${count} bot messages`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close();
    await closed;
  }

  private wake(): void {
    this.waiters.splice(0).forEach((wake) => wake());
  }
}
