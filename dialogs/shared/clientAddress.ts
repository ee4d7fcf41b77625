import type { TurnContext } from 'botbuilder';

/**
 * The network address the turn's activity came from, put in turnState by the bot layer
 * (bot/clientAddressMiddleware.ts) when it knows it; the dialogs read it without depending on bot/.
 */
export const CLIENT_ADDRESS_KEY = Symbol('clientAddress');

export function clientAddressOf(context: TurnContext): string | undefined {
  const address: unknown = context.turnState.get(CLIENT_ADDRESS_KEY);
  return typeof address === 'string' && address !== '' ? address : undefined;
}
