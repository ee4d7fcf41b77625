import type { Activity } from 'botbuilder';

export interface PageGrant {
  conversationId: string;
  token: string;
  expires_in: number;
  userId: string;
  domain: string;
}

export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

/** Talks to the built-in Direct Line endpoint the way Web Chat (botframework-directlinejs, polling) does. */
export class DirectLineTestClient {
  constructor(readonly baseUrl: string) {}

  /** The page's token route: a new conversation and its token. */
  async pageToken(locale = 'fr-CA'): Promise<PageGrant> {
    const res = await fetch(`${this.baseUrl}/api/directline/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ locale }),
    });
    if (res.status !== 200) throw new Error(`token route answered ${res.status}`);
    return (await res.json()) as PageGrant;
  }

  request(method: string, path: string, token?: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${this.baseUrl}/v3/directline${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  start(token: string): Promise<Response> {
    return this.request('POST', '/conversations', token, { user: {}, locale: 'fr-CA' });
  }

  post(conversationId: string, token: string, activity: unknown): Promise<Response> {
    return this.request('POST', `/conversations/${encodeURIComponent(conversationId)}/activities`, token, activity);
  }

  say(conversationId: string, token: string, text: string, extra: Record<string, unknown> = {}): Promise<Response> {
    return this.post(conversationId, token, { type: 'message', text, from: { id: 'r_web', role: 'user' }, locale: 'fr-CA', ...extra });
  }

  async activities(conversationId: string, token: string, watermark = ''): Promise<ActivitySet> {
    const res = await this.request('GET', `/conversations/${encodeURIComponent(conversationId)}/activities?watermark=${encodeURIComponent(watermark)}`, token);
    if (res.status !== 200) throw new Error(`activities answered ${res.status}`);
    return (await res.json()) as ActivitySet;
  }

  /** Polls (as Web Chat does, but faster) until the conversation holds `count` messages from the bot. */
  async waitForBotMessages(conversationId: string, token: string, count: number, timeoutMs = 10_000): Promise<Activity[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { activities } = await this.activities(conversationId, token);
      const fromBot = activities.filter((a) => a.type === 'message' && a.from?.role === 'bot');
      if (fromBot.length >= count) return fromBot;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} bot messages; got ${fromBot.length}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** A started conversation with its welcome received. */
  async conversation(): Promise<PageGrant & { welcome: Activity[] }> {
    const grant = await this.pageToken();
    const started = await this.start(grant.token);
    if (started.status !== 201) throw new Error(`start answered ${started.status}`);
    const welcome = await this.waitForBotMessages(grant.conversationId, grant.token, 2);
    return { ...grant, welcome };
  }
}

interface SummaryCard {
  actions: Array<{ data: { complaintAction: string; submissionId: string } }>;
}

/** The value a click on « Confirmer » posts, from the complaint summary card among the bot's replies. */
export function complaintConfirmValue(replies: Activity[]): { complaintAction: string; submissionId: string } {
  const card = replies.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error('no summary card among the replies');
  return (card.content as SummaryCard).actions.find((a) => a.data.complaintAction === 'confirm')!.data;
}
