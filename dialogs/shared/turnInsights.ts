import type { TurnContext } from 'botbuilder';

/** What a turn learned about itself, written by the dialogs and stored with the turn's interaction rows. */
export interface TurnInsights {
  dialog?: string;
  intent?: string;
  intentScore?: number;
  /** The person's message answered a form question (name, contact, description…): keep it out of the log. */
  sensitiveInbound?: boolean;
  /** The bot's messages repeated what the person gave (a summary card…): keep them out of the log. */
  sensitiveOutbound?: boolean;
}

const INSIGHTS = Symbol('turnInsights');

export function turnInsights(context: TurnContext): TurnInsights {
  let insights = context.turnState.get(INSIGHTS) as TurnInsights | undefined;
  if (!insights) {
    insights = {};
    context.turnState.set(INSIGHTS, insights);
  }
  return insights;
}

export function recordIntent(context: TurnContext, intent: string, score?: number): void {
  Object.assign(turnInsights(context), { intent, intentScore: score });
}

export function recordDialog(context: TurnContext, dialog: string): void {
  turnInsights(context).dialog = dialog;
}

/** Call from a form step that receives personal information, or that echoes it back. */
export function markSensitive(context: TurnContext, which: { inbound?: boolean; outbound?: boolean } = { inbound: true }): void {
  const insights = turnInsights(context);
  if (which.inbound) insights.sensitiveInbound = true;
  if (which.outbound) insights.sensitiveOutbound = true;
}
