import type { Clock } from '../clock';
import type { InteractionRepository } from '../db/interactionRepository';
import type { PersonalInformationMasker } from '../privacy/masking';
import type { ServiceHours } from '../serviceHours';
import { LiveHelpFigures, liveHelpStatistics } from '../statistics/liveHelpStatistics';
import { AgentStatus, LIVE_HELP_TEXT_MAX_LENGTH, LiveHelpError, LiveHelpMessage, LiveHelpNote, LiveHelpSession, LiveHelpSettings, UnavailableReason } from './liveHelp';
import type { LiveHelpRepository, NewSession } from './liveHelpRepository';
import { estimatedWaitMinutes, HANDLING_HISTORY, handlingMinutes } from './waitEstimate';

export type RequestResult = { ok: true; session: LiveHelpSession; place: number; waitMinutes: number } | { ok: false; reason: UnavailableReason };

/** What changed, for the real-time channel and the citizens' place updates (the bot layer listens). */
export type LiveHelpChange =
  | { kind: 'queued' | 'left' | 'timedOut' | 'accepted' | 'requeued'; session: LiveHelpSession }
  | { kind: 'ended'; session: LiveHelpSession; by: 'agent' | 'citizen' }
  | { kind: 'message'; session: LiveHelpSession; message: LiveHelpMessage }
  | { kind: 'note' | 'agent'; session?: LiveHelpSession };

/** One line of the masked transcript the agent reads. */
export interface TranscriptLine {
  from: 'citizen' | 'assistant';
  text: string;
  at: Date;
}

/** What the sweep did: sessions back in the queue (their agent is gone) and citizens who waited too long. */
export interface SweepResult {
  requeued: LiveHelpSession[];
  timedOut: LiveHelpSession[];
}

/**
 * The live-help queue and sessions, stored in the database so that nothing is lost to a restart or an
 * agent's disconnection. Every text is masked before it is stored. An agent may only act on a session
 * they hold (checked here, against the stored session, for every message, note and end).
 */
export class LiveHelpService {
  private readonly listeners = new Set<(change: LiveHelpChange) => void>();

  constructor(
    private readonly repository: LiveHelpRepository,
    private readonly interactions: InteractionRepository,
    private readonly hours: ServiceHours,
    private readonly clock: Clock,
    private readonly masker: PersonalInformationMasker,
    readonly settings: LiveHelpSettings,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** Calls `listener` after every change made through this service; returns the unsubscribe. */
  onChange(listener: (change: LiveHelpChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: LiveHelpChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private onlineSince(now: Date): Date {
    return new Date(now.getTime() - this.settings.agentGraceSeconds * 1000);
  }

  /** Whether a new request would be queued, and why not. */
  async availability(): Promise<{ ok: true; agents: number; place: number; waitMinutes: number } | { ok: false; reason: UnavailableReason }> {
    if (!this.settings.enabled) return { ok: false, reason: 'disabled' };
    const now = this.clock.now();
    if (!this.hours.status(now).open) return { ok: false, reason: 'closed' };
    const agents = await this.repository.availableAgents(this.onlineSince(now));
    if (agents === 0) return { ok: false, reason: 'noAgent' };
    const place = (await this.repository.waiting()).length + 1;
    const waitMinutes = await this.estimate(place, agents);
    if (waitMinutes > this.settings.maxWaitMinutes) return { ok: false, reason: 'waitTooLong' };
    return { ok: true, agents, place, waitMinutes };
  }

  private async estimate(place: number, agents: number): Promise<number> {
    const handling = handlingMinutes(await this.repository.recentHandlingMinutes(HANDLING_HISTORY), this.settings.defaultHandlingMinutes);
    return estimatedWaitMinutes(place, agents, handling);
  }

  /** Queues the conversation when live help is available (an open session is returned as is); records a refusal otherwise. */
  async request(session: NewSession): Promise<RequestResult> {
    const open = await this.repository.openSessionOf(session.channelId, session.conversationId);
    if (open) return { ok: true, session: open, ...(await this.placeOf(open)) };
    const availability = await this.availability();
    const now = this.clock.now();
    if (!availability.ok) {
      if (availability.reason !== 'disabled') await this.repository.insertRefused(session, availability.reason, now);
      return availability;
    }
    const queued = await this.repository.insertWaiting(session, now);
    const { place, waitMinutes } = await this.placeOf(queued);
    await this.repository.announcePlace(queued.id, place);
    this.emit({ kind: 'queued', session: queued });
    return { ok: true, session: queued, place, waitMinutes };
  }

  /** The session's place in the queue (1 = next) and its expected wait; place 0 once it is no longer waiting. */
  async placeOf(session: LiveHelpSession): Promise<{ place: number; waitMinutes: number }> {
    const waiting = await this.repository.waiting();
    const index = waiting.findIndex((s) => s.id === session.id);
    if (index < 0) return { place: 0, waitMinutes: 0 };
    const agents = await this.repository.availableAgents(this.onlineSince(this.clock.now()));
    return { place: index + 1, waitMinutes: await this.estimate(index + 1, agents) };
  }

  openSessionOf(channelId: string, conversationId: string): Promise<LiveHelpSession | undefined> {
    return this.repository.openSessionOf(channelId, conversationId);
  }

  session(id: number): Promise<LiveHelpSession | undefined> {
    return this.repository.session(id);
  }

  /** The citizen leaves: the queue (left) or the conversation with the agent (ended by the citizen). */
  async citizenLeaves(session: LiveHelpSession): Promise<void> {
    const now = this.clock.now();
    if (await this.repository.finish(session.id, ['waiting'], 'left', 'citizen', now)) this.emit({ kind: 'left', session });
    else if (await this.repository.finish(session.id, ['active'], 'ended', 'citizen', now)) this.emit({ kind: 'ended', session, by: 'citizen' });
  }

  /** A message of the citizen during the session (or while waiting: the agent reads it on accepting). */
  async citizenMessage(session: LiveHelpSession, text: string): Promise<void> {
    const clean = this.clean(text);
    if (!clean) return;
    const message = await this.repository.addMessage(session.id, 'citizen', clean, this.clock.now());
    this.emit({ kind: 'message', session, message });
  }

  /** Places the citizens were told are refreshed from this list: the ones whose place improved. */
  async improvedPlaces(): Promise<Array<{ session: LiveHelpSession; place: number; waitMinutes: number }>> {
    const waiting = await this.repository.waiting();
    const agents = await this.repository.availableAgents(this.onlineSince(this.clock.now()));
    const improved: Array<{ session: LiveHelpSession; place: number; waitMinutes: number }> = [];
    for (const [index, session] of waiting.entries()) {
      const place = index + 1;
      if (session.announcedPlace !== undefined && session.announcedPlace <= place) continue;
      if (await this.repository.announcePlace(session.id, place)) improved.push({ session, place, waitMinutes: await this.estimate(place, agents) });
    }
    return improved;
  }

  // ——— Agents ———

  async setAgentStatus(agent: string, status: AgentStatus): Promise<void> {
    await this.repository.setAgent(agent, status, this.clock.now());
    this.emit({ kind: 'agent' });
  }

  /** The console is still connected (called while its stream is open). */
  async heartbeat(agent: string): Promise<void> {
    await this.repository.touchAgent(agent, this.clock.now());
  }

  async agentStatus(agent: string): Promise<AgentStatus | undefined> {
    return (await this.repository.agent(agent))?.status;
  }

  queue(): Promise<LiveHelpSession[]> {
    return this.repository.waiting();
  }

  sessionsOf(agent: string): Promise<LiveHelpSession[]> {
    return this.repository.activeOf(agent);
  }

  /** Takes a waiting conversation; exactly one of several agents accepting at once wins, the others get `alreadyTaken`. */
  async accept(sessionId: number, agent: string): Promise<LiveHelpSession> {
    if ((await this.repository.agent(agent))?.status !== 'available') throw new LiveHelpError('notAvailable');
    const session = await this.repository.session(sessionId);
    if (!session) throw new LiveHelpError('notFound');
    if (!(await this.repository.accept(sessionId, agent, this.clock.now()))) throw new LiveHelpError('alreadyTaken');
    const accepted = (await this.repository.session(sessionId))!;
    this.emit({ kind: 'accepted', session: accepted });
    return accepted;
  }

  /** The session, if `agent` holds it and it is active; throws otherwise (never another agent's conversation). */
  async heldBy(sessionId: number, agent: string): Promise<LiveHelpSession> {
    const session = await this.repository.session(sessionId);
    if (!session) throw new LiveHelpError('notFound');
    if (session.agent !== agent) throw new LiveHelpError('notYours');
    if (session.status !== 'active') throw new LiveHelpError('notActive');
    return session;
  }

  /** Stores the agent's message (masked); the caller sends it to the session's conversation, and only there. */
  async agentMessage(sessionId: number, agent: string, text: string): Promise<{ session: LiveHelpSession; message: LiveHelpMessage }> {
    const session = await this.heldBy(sessionId, agent);
    const clean = this.clean(text);
    if (!clean) throw new LiveHelpError('empty');
    const message = await this.repository.addMessage(session.id, 'agent', clean, this.clock.now(), agent);
    this.emit({ kind: 'message', session, message });
    return { session, message };
  }

  async addNote(sessionId: number, agent: string, text: string): Promise<void> {
    const session = await this.repository.session(sessionId);
    if (!session) throw new LiveHelpError('notFound');
    if (session.agent !== agent) throw new LiveHelpError('notYours');
    const clean = this.clean(text);
    if (!clean) throw new LiveHelpError('empty');
    await this.repository.addNote(sessionId, agent, clean, this.clock.now());
    this.emit({ kind: 'note', session });
  }

  async end(sessionId: number, agent: string): Promise<LiveHelpSession> {
    const session = await this.heldBy(sessionId, agent);
    if (!(await this.repository.finish(session.id, ['active'], 'ended', 'agent', this.clock.now(), agent))) throw new LiveHelpError('notActive');
    this.emit({ kind: 'ended', session, by: 'agent' });
    return session;
  }

  messages(sessionId: number): Promise<LiveHelpMessage[]> {
    return this.repository.messages(sessionId);
  }

  notes(sessionId: number): Promise<LiveHelpNote[]> {
    return this.repository.notes(sessionId);
  }

  /** The conversation with the assistant before the request, as the interaction log holds it (masked). */
  async transcript(session: LiveHelpSession, maxLines = 200): Promise<TranscriptLine[]> {
    const page = await this.interactions.conversationActivities(session.channelId, session.conversationId, { pageSize: maxLines });
    return page.items
      .filter((row) => row.activityType === 'message' && row.text && row.occurredAt <= session.requestedAt)
      .map((row) => ({ from: row.direction === 'in' ? 'citizen' : 'assistant', text: row.text!, at: row.occurredAt }));
  }

  /**
   * Conversations whose agent is gone (not seen for LIVE_HELP_AGENT_GRACE_SECONDS) go back to the queue
   * at their original place; citizens who waited longer than LIVE_HELP_QUEUE_TIMEOUT_MINUTES leave it.
   */
  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const gone = new Set(await this.repository.agentsSeenBefore(this.onlineSince(now)));
    const requeued: LiveHelpSession[] = [];
    for (const session of await this.repository.active()) {
      if (session.agent && gone.has(session.agent) && (await this.repository.requeue(session.id, session.agent))) {
        requeued.push(session);
        this.emit({ kind: 'requeued', session });
      }
    }
    const timedOut: LiveHelpSession[] = [];
    const limit = now.getTime() - this.settings.queueTimeoutMinutes * 60_000;
    for (const session of await this.repository.waiting()) {
      // A conversation back from a lost agent already waited its turn once: it is not timed out.
      if (session.requeued > 0 || (session.queuedAt ?? session.requestedAt).getTime() > limit) continue;
      if (await this.repository.finish(session.id, ['waiting'], 'timed_out', 'timeout', now)) {
        timedOut.push(session);
        this.emit({ kind: 'timedOut', session });
      }
    }
    return { requeued, timedOut };
  }

  /** Requested, accepted, abandoned, waits and sessions per agent over a period (by request time). */
  statistics(period: { startsAt: Date; endsBefore: Date }): Promise<LiveHelpFigures> {
    return liveHelpStatistics(this.repository, period);
  }

  /** Deletes finished sessions, their messages and notes, older than the retention period. */
  purge(cutoff: Date): Promise<number> {
    return this.repository.deleteOlderThan(cutoff);
  }

  private clean(text: string): string {
    return this.masker.mask(text.trim().slice(0, LIVE_HELP_TEXT_MAX_LENGTH));
  }
}
