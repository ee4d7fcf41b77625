import { z } from 'zod';

const tokenResponseSchema = z.looseObject({
  conversationId: z.string().min(1).max(512),
  token: z.string().min(1).max(8192),
  expires_in: z.number().int().positive(),
});

export type AzureTokenResponse = z.infer<typeof tokenResponseSchema>;

export class DirectLineExchangeError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DirectLineExchangeError';
  }
}

/**
 * Exchanges the Direct Line secret for a conversation token with Azure Bot Service
 * (`POST {DIRECT_LINE_ENDPOINT}/tokens/generate`), with the user id embedded so that Direct Line sends
 * the bot a conversationUpdate naming the user when the page starts the conversation (the welcome).
 * The secret stays on the server; the page only ever sees the token.
 */
export async function generateAzureToken(options: { endpoint: string; secret: string; userId: string; timeoutMs?: number }): Promise<AzureTokenResponse> {
  let response: Response;
  try {
    response = await fetch(`${options.endpoint.replace(/\/+$/, '')}/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ user: { id: options.userId } }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch (err) {
    throw new DirectLineExchangeError(`Direct Line did not answer (${(err as Error).name})`);
  }
  if (!response.ok) throw new DirectLineExchangeError('Direct Line refused the token request', response.status);
  const parsed = tokenResponseSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new DirectLineExchangeError('Direct Line answered with an unexpected body', response.status);
  return parsed.data;
}
