import { LiveHelpSession } from '../../domain/liveHelp/liveHelp';
import type { LiveHelpService } from '../../domain/liveHelp/liveHelpService';

/** What an agent's console shows: their availability, the queue, and the conversations they hold. */
export interface AgentState {
  agent: { name: string; status: 'available' | 'away' };
  queue: Array<{ id: number; place: number; waitedMinutes: number; topic?: string; reference?: string; lang: string; requeued: boolean }>;
  sessions: Array<{
    id: number;
    lang: string;
    topic?: string;
    reference?: string;
    acceptedAt?: string;
    transcript: Array<{ from: string; text: string; at: string }>;
    messages: Array<{ id: number; author: string; text: string; at: string }>;
    notes: Array<{ id: number; text: string; at: string }>;
  }>;
}

export async function agentState(service: LiveHelpService, agent: string, now: Date): Promise<AgentState> {
  const queue = await service.queue();
  const held = await service.sessionsOf(agent);
  return {
    agent: { name: agent, status: (await service.agentStatus(agent)) ?? 'away' },
    queue: queue.map((s, index) => ({
      id: s.id,
      place: index + 1,
      waitedMinutes: Math.max(0, Math.floor((now.getTime() - s.requestedAt.getTime()) / 60_000)),
      topic: s.topic,
      reference: s.reference,
      lang: s.lang,
      requeued: s.requeued > 0,
    })),
    sessions: await Promise.all(held.map((s) => sessionView(service, s))),
  };
}

async function sessionView(service: LiveHelpService, s: LiveHelpSession): Promise<AgentState['sessions'][number]> {
  const [transcript, messages, notes] = await Promise.all([service.transcript(s), service.messages(s.id), service.notes(s.id)]);
  return {
    id: s.id,
    lang: s.lang,
    topic: s.topic,
    reference: s.reference,
    acceptedAt: s.acceptedAt?.toISOString(),
    transcript: transcript.map((l) => ({ from: l.from, text: l.text, at: l.at.toISOString() })),
    messages: messages.map((m) => ({ id: m.id, author: m.author, text: m.text, at: m.createdAt.toISOString() })),
    notes: notes.map((n) => ({ id: n.id, text: n.text, at: n.createdAt.toISOString() })),
  };
}
