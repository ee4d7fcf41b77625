import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1).max(512), name: z.string().max(512).nullish(), role: z.string().max(64).nullish() });
// null is tolerated where a channel might send it for "absent"; what reads these fields copes with it.
const optionalString = (max: number) => z.string().max(max).nullish();
const records = (max: number) => z.array(z.record(z.string(), z.unknown())).max(max).nullish();

/**
 * The minimum an inbound activity needs before it reaches the adapter. Anything else gets a 400 with
 * a JSON error instead of an exception deep inside botbuilder.
 */
export const inboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: account,
  recipient: account,
  text: z.string().optional(),
  locale: z.string().max(32).optional(),
  // The fields botbuilder, the dialogs and the interaction log read, with the shape they expect: a wrong
  // type there would fail the turn or its log entry, after the HTTP answer.
  timestamp: optionalString(64),
  localTimestamp: optionalString(64),
  localTimezone: optionalString(64),
  replyToId: optionalString(512),
  textFormat: optionalString(32),
  name: optionalString(256),
  deliveryMode: optionalString(32),
  inputHint: optionalString(32),
  channelData: z.record(z.string(), z.unknown()).nullish(),
  entities: records(50),
  attachments: records(20),
  membersAdded: z.array(account).max(50).nullish(),
  membersRemoved: z.array(account).max(50).nullish(),
  suggestedActions: z.record(z.string(), z.unknown()).nullish(),
});

export type InboundActivityCheck = { ok: true } | { ok: false; message: string };

export function checkInboundActivity(body: unknown): InboundActivityCheck {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, message: 'The request body must be a JSON Bot Framework activity.' };
  const parsed = inboundActivitySchema.safeParse(body);
  if (parsed.success) return { ok: true };
  return { ok: false, message: `Invalid activity: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}` };
}

/** In Emulator mode nothing authenticates the caller, so replies may only go back to this machine. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * Emulator mode: where the bot may POST its replies (`${serviceUrl}/v3/conversations/…`). A loopback
 * URL, without credentials, query or fragment (which could turn the appended path into a parameter of
 * another endpoint), and never this server's own port, whose other routes must not receive the bot's
 * replies. Any other local port stays possible: the Emulator listens on one of its choosing.
 */
export function emulatorServiceUrlProblem(url: string, ownPort: number | undefined): string | undefined {
  if (!isLoopbackUrl(url)) return 'Without MicrosoftAppId (Emulator mode), replies can only go to a local serviceUrl.';
  const parsed = new URL(url);
  if (parsed.username || parsed.password || parsed.search || parsed.hash || url.includes('?') || url.includes('#')) {
    return 'The serviceUrl may not carry credentials, a query or a fragment.';
  }
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  if (ownPort !== undefined && port === ownPort) return "The serviceUrl may not point at this server's own port.";
  return undefined;
}
