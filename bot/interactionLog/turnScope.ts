import type { InteractionRow } from '../../domain/db/interactionRepository';

/**
 * The activities of one turn, held until the turn ends so that they are written once, together with
 * what the turn learned (intent, dialog, latency, sensitivity). botbuilder's TranscriptLoggerMiddleware
 * hands the store bare activities, so a turn is found again by its inbound activity: the inbound one
 * carries its id, and every reply carries it as replyToId.
 */
export interface TurnScope {
  key: string;
  startedAt: Date;
  rows: InteractionRow[];
}

export function turnKey(channelId: string | undefined, conversationId: string | undefined, activityId: string | undefined): string | undefined {
  return activityId && conversationId ? `${channelId ?? ''}\n${conversationId}\n${activityId}` : undefined;
}
