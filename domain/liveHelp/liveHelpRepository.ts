import type { Database } from '../db/database';
import type { AgentStatus, LiveHelpMessage, LiveHelpNote, LiveHelpSession, SessionStatus, UnavailableReason } from './liveHelp';

interface SessionRow {
  id: number;
  channel_id: string;
  conversation_id: string;
  lang: string;
  status: string;
  refused_reason: string | null;
  topic: string | null;
  reference: string | null;
  conversation_reference: string | null;
  requested_at: string;
  queued_at: string | null;
  accepted_at: string | null;
  ended_at: string | null;
  ended_by: string | null;
  agent: string | null;
  announced_place: number | null;
  requeued: number;
}

const date = (value: string | null): Date | undefined => (value ? new Date(value) : undefined);
const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

function toSession(r: SessionRow): LiveHelpSession {
  return {
    id: Number(r.id),
    channelId: r.channel_id,
    conversationId: r.conversation_id,
    lang: r.lang === 'en' ? 'en' : 'fr',
    status: r.status as SessionStatus,
    refusedReason: opt(r.refused_reason) as UnavailableReason | undefined,
    topic: opt(r.topic),
    reference: opt(r.reference),
    conversationReference: opt(r.conversation_reference),
    requestedAt: new Date(r.requested_at),
    queuedAt: date(r.queued_at),
    acceptedAt: date(r.accepted_at),
    endedAt: date(r.ended_at),
    endedBy: opt(r.ended_by) as LiveHelpSession['endedBy'],
    agent: opt(r.agent),
    announcedPlace: r.announced_place === null ? undefined : Number(r.announced_place),
    requeued: Number(r.requeued),
  };
}

export interface NewSession {
  channelId: string;
  conversationId: string;
  lang: 'fr' | 'en';
  topic?: string;
  reference?: string;
  conversationReference?: string;
}

/** live_help_* tables. Every state change is a conditional UPDATE on the status it leaves. */
export class LiveHelpRepository {
  constructor(private readonly db: Database) {}

  async insertWaiting(session: NewSession, now: Date): Promise<LiveHelpSession> {
    const iso = now.toISOString();
    const [row] = (await this.db('live_help_sessions')
      .insert({ ...this.newRecord(session, iso), status: 'waiting', queued_at: iso })
      .returning('id')) as Array<{ id: number } | number>;
    const id = typeof row === 'number' ? row : Number(row.id);
    return (await this.session(id))!;
  }

  async insertRefused(session: NewSession, reason: UnavailableReason, now: Date): Promise<void> {
    const iso = now.toISOString();
    await this.db('live_help_sessions').insert({ ...this.newRecord({ ...session, conversationReference: undefined }, iso), status: 'refused', refused_reason: reason, ended_at: iso });
  }

  private newRecord(session: NewSession, iso: string): Record<string, unknown> {
    return {
      channel_id: session.channelId.slice(0, 64),
      conversation_id: session.conversationId.slice(0, 200),
      lang: session.lang,
      topic: session.topic?.slice(0, 100) ?? null,
      reference: session.reference?.slice(0, 20) ?? null,
      conversation_reference: session.conversationReference ?? null,
      requested_at: iso,
    };
  }

  async session(id: number): Promise<LiveHelpSession | undefined> {
    const row = (await this.db('live_help_sessions').where({ id }).first()) as SessionRow | undefined;
    return row ? toSession(row) : undefined;
  }

  /** The conversation's waiting or active session. */
  async openSessionOf(channelId: string, conversationId: string): Promise<LiveHelpSession | undefined> {
    const row = (await this.db('live_help_sessions')
      .where({ channel_id: channelId, conversation_id: conversationId })
      .whereIn('status', ['waiting', 'active'])
      .orderBy('id', 'desc')
      .first()) as SessionRow | undefined;
    return row ? toSession(row) : undefined;
  }

  /** The queue, first come first served (an item back from a lost agent keeps its original place). */
  async waiting(): Promise<LiveHelpSession[]> {
    const rows = (await this.db('live_help_sessions').where({ status: 'waiting' }).orderBy([{ column: 'queued_at' }, { column: 'id' }])) as SessionRow[];
    return rows.map(toSession);
  }

  async activeOf(agent: string): Promise<LiveHelpSession[]> {
    const rows = (await this.db('live_help_sessions').where({ status: 'active', agent }).orderBy('accepted_at')) as SessionRow[];
    return rows.map(toSession);
  }

  async active(): Promise<LiveHelpSession[]> {
    return ((await this.db('live_help_sessions').where({ status: 'active' })) as SessionRow[]).map(toSession);
  }

  /** Exactly one agent wins: the UPDATE only matches while the session is still waiting. */
  async accept(id: number, agent: string, now: Date): Promise<boolean> {
    const changed = await this.db('live_help_sessions').where({ id, status: 'waiting' }).update({ status: 'active', agent, accepted_at: now.toISOString() });
    return changed === 1;
  }

  /** Ends a session from one of the given statuses; false when it had already left them. */
  async finish(id: number, from: SessionStatus[], to: SessionStatus, endedBy: LiveHelpSession['endedBy'], now: Date, agent?: string): Promise<boolean> {
    const query = this.db('live_help_sessions').where({ id }).whereIn('status', from);
    if (agent !== undefined) query.where({ agent });
    const changed = await query.update({ status: to, ended_by: endedBy ?? null, ended_at: now.toISOString() });
    return changed === 1;
  }

  /** Back to the queue (its agent is gone), at its original place. */
  async requeue(id: number, agent: string): Promise<boolean> {
    const changed = await this.db('live_help_sessions')
      .where({ id, status: 'active', agent })
      .update({ status: 'waiting', agent: null, accepted_at: null, requeued: this.db.raw('requeued + 1'), announced_place: null });
    return changed === 1;
  }

  /** Records the place last told to the citizen, only when it is better than the one told before. */
  async announcePlace(id: number, place: number): Promise<boolean> {
    const changed = await this.db('live_help_sessions')
      .where({ id, status: 'waiting' })
      .andWhere((q) => q.whereNull('announced_place').orWhere('announced_place', '>', place))
      .update({ announced_place: place });
    return changed === 1;
  }

  async addMessage(sessionId: number, author: 'citizen' | 'agent', text: string, now: Date, agent?: string): Promise<LiveHelpMessage> {
    const createdAt = now.toISOString();
    const [row] = (await this.db('live_help_messages').insert({ session_id: sessionId, author, agent: agent ?? null, text, created_at: createdAt }).returning('id')) as Array<
      { id: number } | number
    >;
    return { id: typeof row === 'number' ? row : Number(row.id), sessionId, author, agent, text, createdAt: now };
  }

  async messages(sessionId: number): Promise<LiveHelpMessage[]> {
    const rows = (await this.db('live_help_messages').where({ session_id: sessionId }).orderBy('id')) as Array<{
      id: number;
      session_id: number;
      author: string;
      agent: string | null;
      text: string;
      created_at: string;
    }>;
    return rows.map((r) => ({
      id: Number(r.id),
      sessionId: Number(r.session_id),
      author: r.author === 'agent' ? 'agent' : 'citizen',
      agent: opt(r.agent),
      text: r.text,
      createdAt: new Date(r.created_at),
    }));
  }

  async addNote(sessionId: number, agent: string, text: string, now: Date): Promise<void> {
    await this.db('live_help_notes').insert({ session_id: sessionId, agent, text, created_at: now.toISOString() });
  }

  async notes(sessionId: number): Promise<LiveHelpNote[]> {
    const rows = (await this.db('live_help_notes').where({ session_id: sessionId }).orderBy('id')) as Array<{
      id: number;
      session_id: number;
      agent: string;
      text: string;
      created_at: string;
    }>;
    return rows.map((r) => ({ id: Number(r.id), sessionId: Number(r.session_id), agent: r.agent, text: r.text, createdAt: new Date(r.created_at) }));
  }

  async setAgent(name: string, status: AgentStatus, now: Date): Promise<void> {
    await this.db('live_help_agents').insert({ name, status, last_seen_at: now.toISOString() }).onConflict('name').merge();
  }

  async touchAgent(name: string, now: Date): Promise<void> {
    await this.db('live_help_agents').where({ name }).update({ last_seen_at: now.toISOString() });
  }

  async agent(name: string): Promise<{ name: string; status: AgentStatus; lastSeenAt: Date } | undefined> {
    const row = (await this.db('live_help_agents').where({ name }).first()) as { name: string; status: string; last_seen_at: string } | undefined;
    return row ? { name: row.name, status: row.status === 'available' ? 'available' : 'away', lastSeenAt: new Date(row.last_seen_at) } : undefined;
  }

  /** Agents available and seen since `since`. */
  async availableAgents(since: Date): Promise<number> {
    const row = (await this.db('live_help_agents').where({ status: 'available' }).andWhere('last_seen_at', '>=', since.toISOString()).count({ n: '*' }).first()) as
      | { n: number | string }
      | undefined;
    return Number(row?.n ?? 0);
  }

  /** Agents of `names` last seen before `before` (any status). */
  async agentsSeenBefore(before: Date): Promise<string[]> {
    const rows = (await this.db('live_help_agents').where('last_seen_at', '<', before.toISOString()).select('name')) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }

  /** Handling times (minutes) of the last ended sessions, most recent first. */
  async recentHandlingMinutes(limit: number): Promise<number[]> {
    const rows = (await this.db('live_help_sessions')
      .where({ status: 'ended' })
      .whereNotNull('accepted_at')
      .orderBy('ended_at', 'desc')
      .limit(limit)
      .select('accepted_at', 'ended_at')) as Array<{ accepted_at: string; ended_at: string }>;
    return rows.map((r) => (new Date(r.ended_at).getTime() - new Date(r.accepted_at).getTime()) / 60_000);
  }

  /** Sessions requested in [from, to). */
  async requestedBetween(from: Date, to: Date): Promise<LiveHelpSession[]> {
    const rows = (await this.db('live_help_sessions')
      .where('requested_at', '>=', from.toISOString())
      .andWhere('requested_at', '<', to.toISOString())
      .orderBy('id')) as SessionRow[];
    return rows.map(toSession);
  }

  /** Finished sessions (with their messages and notes) and agents' rows older than the cutoff. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    const iso = cutoff.toISOString();
    const sessions = await this.db('live_help_sessions')
      .whereNotIn('status', ['waiting', 'active'])
      .andWhere((q) => q.where('ended_at', '<', iso).orWhere((w) => w.whereNull('ended_at').andWhere('requested_at', '<', iso)))
      .select('id');
    const ids = (sessions as Array<{ id: number }>).map((r) => Number(r.id));
    let deleted = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      await this.db('live_help_messages').whereIn('session_id', batch).delete();
      await this.db('live_help_notes').whereIn('session_id', batch).delete();
      deleted += await this.db('live_help_sessions').whereIn('id', batch).delete();
    }
    await this.db('live_help_agents').where('last_seen_at', '<', iso).delete();
    return deleted;
  }
}
