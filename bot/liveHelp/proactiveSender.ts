import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { DirectLineSetup } from '../directLine/directLineRoutes';
import { DIRECT_LINE_CHANNEL_ID } from '../directLine/builtInDirectLine';

/** Sends activities into a stored conversation, outside any turn of the citizen. */
export type ProactiveSender = (reference: Partial<ConversationReference>, activities: Array<Partial<Activity>>) => Promise<void>;

/**
 * The built-in Direct Line's conversations through its forwarder (its connector emulation accepts only
 * this process's bot); every other channel (Azure Direct Line, Teams, the Emulator) through
 * `adapter.continueConversationAsync` with the bot's app id, as the Bot Framework samples do.
 */
export function createProactiveSender(adapter: CloudAdapter, appId: string, directLine: Pick<DirectLineSetup, 'mode' | 'continueConversation'>): ProactiveSender {
  return async (reference, activities) => {
    const logic = async (context: TurnContext) => {
      await context.sendActivities(activities);
    };
    if (directLine.mode === 'built-in' && directLine.continueConversation && reference.channelId === DIRECT_LINE_CHANNEL_ID) {
      await directLine.continueConversation(reference, logic);
    } else {
      await adapter.continueConversationAsync(appId, reference, logic);
    }
  };
}
