import { Activity, ActivityTypes, EventFactory, TurnContext } from 'botbuilder';
import { Dialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { UnavailableReason } from '../domain/liveHelp/liveHelp';
import type { LiveHelpService } from '../domain/liveHelp/liveHelpService';
import { mentionedReference } from '../domain/referenceMentions';
import { detectCommand } from './shared/commands';
import { recentTopic } from './shared/lastTopic';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import type { DialogServices } from './shared/services';
import { recordDialog } from './shared/turnInsights';

export const LIVE_HELP_DIALOG = 'liveHelp';

/**
 * How the live-help dialog ended. `unavailable` (with the reason) means the citizen was not queued:
 * MainDialog then gives the phone numbers and hours, and may offer a callback there.
 */
export type LiveHelpResult =
  | { liveHelp: 'unavailable'; reason: UnavailableReason }
  | { liveHelp: 'left' | 'ended' }
  /** The session ended elsewhere (the agent, a timeout): the message that woke the dialog is routed as usual. */
  | { liveHelp: 'finished'; reroute: true };

export function isLiveHelpUnavailable(result: unknown): result is Extract<LiveHelpResult, { liveHelp: 'unavailable' }> {
  return typeof result === 'object' && result !== null && (result as LiveHelpResult).liveHelp === 'unavailable';
}

/**
 * « Parler à une personne » when live help is on: queues the conversation (the citizen is told their
 * place and expected wait), sends the Bot Framework handoff event (`handoff.initiate`, with the masked
 * transcript) so that a contact-centre platform may take over, then relays every message to the agent
 * until the session ends. The queue and the session are in the database (domain/liveHelp): this
 * dialog only reads where the conversation stands at each turn. « annuler » leaves the queue or ends
 * the conversation with the agent.
 */
export class LiveHelpDialog extends Dialog {
  constructor(private readonly services: DialogServices) {
    super(LIVE_HELP_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { context } = dc;
    const liveHelp = this.services.liveHelp;
    if (!liveHelp?.enabled) return dc.endDialog({ liveHelp: 'unavailable', reason: 'disabled' } satisfies LiveHelpResult);
    recordDialog(context, LIVE_HELP_DIALOG);
    const { t, lang } = localize(context);
    const data = await this.services.conversationData.get(context, {});
    const reference = data.lastComplaint?.reference ?? mentionedReference(context.activity.text)?.reference;
    const topic = data.satisfaction?.topic ?? (await recentTopic(this.services, context))?.topic;
    const result = await liveHelp.request({
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation.id,
      lang,
      topic,
      reference,
      conversationReference: JSON.stringify(TurnContext.getConversationReference(context.activity)),
    });
    if (!result.ok) return dc.endDialog({ liveHelp: 'unavailable', reason: result.reason } satisfies LiveHelpResult);
    await context.sendActivity(await this.handoffEvent(context, liveHelp, result.session, topic, reference));
    await context.sendActivity(t('liveHelp:queued', { place: result.place, minutes: result.waitMinutes }));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const { context } = dc;
    if (context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    recordDialog(context, LIVE_HELP_DIALOG);
    const { t, lang } = localize(context);
    const liveHelp = this.services.liveHelp;
    const session = await liveHelp?.openSessionOf(context.activity.channelId, context.activity.conversation.id);
    if (!liveHelp || !session) return dc.endDialog({ liveHelp: 'finished', reroute: true } satisfies LiveHelpResult);
    const text = context.activity.text ?? '';
    if (detectCommand(text, lang) === 'cancel') {
      await liveHelp.citizenLeaves(session);
      await context.sendActivity(withMenu(lang, t(session.status === 'waiting' ? 'liveHelp:left' : 'liveHelp:endedByCitizen')));
      return dc.endDialog({ liveHelp: session.status === 'waiting' ? 'left' : 'ended' } satisfies LiveHelpResult);
    }
    await liveHelp.citizenMessage(session, text);
    if (session.status === 'waiting') {
      const { place, waitMinutes } = await liveHelp.placeOf(session);
      await context.sendActivity(t('liveHelp:stillWaiting', { place, minutes: waitMinutes }));
    }
    return Dialog.EndOfTurn;
  }

  /** The handoff protocol's `handoff.initiate` event: the session, topic and reference, with the masked transcript. */
  private async handoffEvent(
    context: TurnContext,
    liveHelp: LiveHelpService,
    session: Parameters<LiveHelpService['transcript']>[0],
    topic: string | undefined,
    reference: string | undefined,
  ): Promise<Partial<Activity>> {
    const lines = await liveHelp.transcript(session);
    const activities = lines.map(
      (line) =>
        ({
          type: ActivityTypes.Message,
          text: line.text,
          timestamp: line.at,
          from: line.from === 'citizen' ? { id: 'citizen', name: 'citizen', role: 'user' } : { id: 'bot', name: 'assistant', role: 'bot' },
        }) as Activity,
    );
    return EventFactory.createHandoffInitiation(context, { sessionId: session.id, topic, reference, lang: session.lang, skill: 'ca-dotation' }, { activities });
  }
}
