import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** Builds and posts activities the way the Bot Framework Emulator does. */
export class EmulatorClient {
  readonly conversationId: string;
  readonly userId: string;

  constructor(
    readonly botUrl: string,
    private readonly serviceUrl: string,
    options: { conversationId?: string; userId?: string; locale?: string } = {},
  ) {
    this.conversationId = options.conversationId ?? `conv-${randomUUID()}`;
    this.userId = options.userId ?? `user-${randomUUID()}`;
    this.locale = options.locale ?? 'fr-CA';
  }

  locale: string;

  activity(partial: Partial<Activity>): Partial<Activity> {
    return {
      id: randomUUID(),
      channelId: 'emulator',
      serviceUrl: this.serviceUrl,
      conversation: { id: this.conversationId } as Activity['conversation'],
      from: { id: this.userId, name: 'Utilisateur', role: 'user' },
      recipient: { id: 'bot', name: 'Assistant', role: 'bot' },
      locale: this.locale,
      timestamp: new Date(),
      ...partial,
    };
  }

  join(): Promise<Response> {
    return this.post(
      this.activity({
        type: 'conversationUpdate',
        membersAdded: [
          { id: 'bot', name: 'Assistant' },
          { id: this.userId, name: 'Utilisateur' },
        ],
      }),
    );
  }

  say(text: string, extra: Partial<Activity> = {}): Promise<Response> {
    return this.post(this.activity({ type: 'message', text, ...extra }));
  }

  post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }
}
