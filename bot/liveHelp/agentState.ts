import { knowledgeBase } from '../../domain/faq/knowledgeBase';
import { Lang, translator } from '../../domain/i18n';
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

/** The topic as the agent reads it: the FAQ entry's title, the flow's name, or the stored key. */
export function topicLabel(topic: string | undefined, lang: Lang): string | undefined {
  if (!topic) return undefined;
  const entry = knowledgeBase().byId.get(topic);
  if (entry) return entry.title[lang];
  if (topic === 'complaint') return translator(lang)('satisfaction:topics.complaint-intake');
  return translator(lang)(`satisfaction:topics.${topic}`, { defaultValue: topic });
}

export async function agentState(service: LiveHelpService, agent: string, now: Date, lang: Lang = 'fr'): Promise<AgentState> {
  const queue = await service.queue();
  const held = await service.sessionsOf(agent);
  return {
    agent: { name: agent, status: (await service.agentStatus(agent)) ?? 'away' },
    queue: queue.map((s, index) => ({
      id: s.id,
      place: index + 1,
      waitedMinutes: Math.max(0, Math.floor((now.getTime() - s.requestedAt.getTime()) / 60_000)),
      topic: topicLabel(s.topic, lang),
      reference: s.reference,
      lang: s.lang,
      requeued: s.requeued > 0,
    })),
    sessions: await Promise.all(held.map((s) => sessionView(service, s, lang))),
  };
}

async function sessionView(service: LiveHelpService, s: LiveHelpSession, lang: Lang): Promise<AgentState['sessions'][number]> {
  const [transcript, messages, notes] = await Promise.all([service.transcript(s), service.messages(s.id), service.notes(s.id)]);
  return {
    id: s.id,
    lang: s.lang,
    topic: topicLabel(s.topic, lang),
    reference: s.reference,
    acceptedAt: s.acceptedAt?.toISOString(),
    transcript: transcript.map((l) => ({ from: l.from, text: l.text, at: l.at.toISOString() })),
    messages: messages.map((m) => ({ id: m.id, author: m.author, text: m.text, at: m.createdAt.toISOString() })),
    notes: notes.map((n) => ({ id: n.id, text: n.text, at: n.createdAt.toISOString() })),
  };
}
