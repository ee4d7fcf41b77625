import { z } from 'zod';

const account = z.looseObject({ id: z.string().min(1).max(512) });

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
