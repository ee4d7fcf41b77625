import type { TurnContext } from 'botbuilder';
import { isoText } from '../../domain/format/isoText';
import type { ConversationData, DialogServices } from './services';

/** How long a follow-up (« et demain? », « parler à un agent ») is read in the context of the last answer. */
export const LAST_TOPIC_MINUTES = 15;

type LastTopic = NonNullable<ConversationData['lastTopic']>;

/** The last topic answered, if it is recent enough (services.clock); an old one is forgotten. */
export async function recentTopic(services: Pick<DialogServices, 'clock' | 'conversationData'>, context: TurnContext): Promise<LastTopic | undefined> {
  const data = await services.conversationData.get(context, {});
  const last = data.lastTopic;
  if (!last) return undefined;
  if (services.clock.now().getTime() - new Date(last.at).getTime() <= LAST_TOPIC_MINUTES * 60_000) return last;
  data.lastTopic = undefined;
  return undefined;
}

/** Remembers (or, with undefined, forgets) the topic just answered. */
export async function rememberTopic(
  services: Pick<DialogServices, 'clock' | 'conversationData'>,
  context: TurnContext,
  topic: Omit<LastTopic, 'at'> | undefined,
): Promise<void> {
  const data = await services.conversationData.get(context, {});
  data.lastTopic = topic ? { ...topic, at: isoText(services.clock.now()) } : undefined;
}
