import type { Activity, ConversationReference } from 'botbuilder';
import { handoffText } from '../../dialogs/shared/handoff';
import { withMenu } from '../../dialogs/shared/menu';
import { agentFirstName, LiveHelpMessage, LiveHelpSession } from '../../domain/liveHelp/liveHelp';
import type { LiveHelpChange, LiveHelpService } from '../../domain/liveHelp/liveHelpService';
import { translator } from '../../domain/i18n';
import type { DomainServices } from '../../domain/services';
import type { ActivityNotifier } from '../directLine/activityNotifier';
import { errorSummary } from '../errorSummary';
import type { Logger } from '../logger';
import type { ProactiveSender } from './proactiveSender';

/** The notifier key the agents' consoles listen on (a Direct Line conversation id never looks like it). */
export const LIVE_HELP_CHANNEL_KEY = '#live-help';

/** The session's conversation reference, only if it points at the session's own conversation. */
export function referenceOf(session: LiveHelpSession): Partial<ConversationReference> | undefined {
  if (!session.conversationReference) return undefined;
  try {
    const reference = JSON.parse(session.conversationReference) as Partial<ConversationReference>;
    if (reference.conversation?.id !== session.conversationId || reference.channelId !== session.channelId) return undefined;
    return reference;
  } catch {
    return undefined;
  }
}

/**
 * Between the live-help sessions and the citizens' chats: tells the consoles (through the notifier,
 * across instances on PostgreSQL) that something changed, and writes to the citizen, proactively, what
 * the agent wrote and what happened to their request (accepted, place in the queue, ended, timed out).
 */
export class LiveHelpRelay {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly service: LiveHelpService,
    private readonly send: ProactiveSender,
    private readonly notifier: ActivityNotifier,
    private readonly services: Pick<DomainServices, 'clock' | 'calendar' | 'hours' | 'contacts'>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.unsubscribe = this.service.onChange((change) => {
      this.notifier.notify(LIVE_HELP_CHANNEL_KEY);
      void this.tellCitizen(change).catch((err: unknown) => this.logger.warn({ err: errorSummary(err), change: change.kind }, 'live help: citizen not told'));
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** The agent's message, to the conversation of the session it belongs to and nowhere else. */
  async deliverAgentMessage(session: LiveHelpSession, message: LiveHelpMessage): Promise<void> {
    const t = translator(session.lang);
    await this.to(session, [{ type: 'message', text: t('liveHelp:agentSays', { name: agentFirstName(message.agent ?? ''), text: message.text }), channelData: { liveHelp: { agent: agentFirstName(message.agent ?? '') } } }]);
  }

  private async to(session: LiveHelpSession, activities: Array<Partial<Activity>>): Promise<void> {
    const reference = referenceOf(session);
    if (!reference) throw new Error('live help: the session has no usable conversation reference');
    await this.send(reference, activities.map((a) => ({ locale: session.lang === 'en' ? 'en-CA' : 'fr-CA', ...a })));
  }

  private async tellCitizen(change: LiveHelpChange): Promise<void> {
    if (change.kind === 'message' || change.kind === 'note' || change.kind === 'agent' || change.kind === 'queued') return;
    const session = change.session;
    if (!session) return;
    const t = translator(session.lang);
    if (change.kind === 'accepted') {
      await this.to(session, [{ type: 'message', text: t('liveHelp:accepted', { name: agentFirstName(session.agent ?? '') }) }]);
    } else if (change.kind === 'ended' && change.by === 'agent') {
      await this.to(session, [withMenu(session.lang, t('liveHelp:endedByAgent', { name: agentFirstName(session.agent ?? '') }))]);
    } else if (change.kind === 'requeued') {
      const { place } = await this.service.placeOf(session);
      await this.to(session, [{ type: 'message', text: t('liveHelp:requeued', { place }) }]);
    } else if (change.kind === 'timedOut') {
      await this.to(session, [{ type: 'message', text: `${t('liveHelp:timedOut')}\n\n${handoffText(this.services, t, session.lang)}` }]);
    }
    if (change.kind !== 'requeued') await this.announcePlaces();
  }

  /** Each waiting citizen whose place improved is told the new one (once per place, whichever instance does it). */
  private async announcePlaces(): Promise<void> {
    for (const { session, place, waitMinutes } of await this.service.improvedPlaces()) {
      const t = translator(session.lang);
      await this.to(session, [{ type: 'message', text: t('liveHelp:placeUpdate', { place, minutes: waitMinutes }) }]).catch((err: unknown) =>
        this.logger.warn({ err: errorSummary(err) }, 'live help: place not announced'),
      );
    }
  }
}
