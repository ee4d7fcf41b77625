/** Where a live-help request stands (live_help_sessions.status). */
export type SessionStatus = 'waiting' | 'active' | 'ended' | 'left' | 'timed_out' | 'refused';

/** Why live help was not offered: the main dialog then gives the phone numbers and hours (and may offer a callback). */
export type UnavailableReason = 'disabled' | 'closed' | 'noAgent' | 'waitTooLong';

export type AgentStatus = 'available' | 'away';

export interface LiveHelpSession {
  id: number;
  channelId: string;
  conversationId: string;
  lang: 'fr' | 'en';
  status: SessionStatus;
  refusedReason?: UnavailableReason;
  topic?: string;
  reference?: string;
  /** The Bot Framework ConversationReference, as JSON: where the agent's messages are sent. */
  conversationReference?: string;
  requestedAt: Date;
  queuedAt?: Date;
  acceptedAt?: Date;
  endedAt?: Date;
  endedBy?: 'agent' | 'citizen' | 'timeout';
  agent?: string;
  announcedPlace?: number;
  requeued: number;
}

export interface LiveHelpMessage {
  id: number;
  sessionId: number;
  author: 'citizen' | 'agent';
  agent?: string;
  text: string;
  createdAt: Date;
}

export interface LiveHelpNote {
  id: number;
  sessionId: number;
  agent: string;
  text: string;
  createdAt: Date;
}

/** From bot/config.ts (LIVE_HELP_*). */
export interface LiveHelpSettings {
  enabled: boolean;
  /** Above this expected wait, live help is not offered. */
  maxWaitMinutes: number;
  /** A waiting citizen nobody accepted within this time is told so and leaves the queue. */
  queueTimeoutMinutes: number;
  /** An agent not seen for this long is offline: their conversations go back to the queue. */
  agentGraceSeconds: number;
  /** The handling time assumed for the wait estimate until enough sessions have ended. */
  defaultHandlingMinutes: number;
}

/** The longest message or note an agent or a citizen may write. */
export const LIVE_HELP_TEXT_MAX_LENGTH = 2000;

/** Why an agent's action was refused. */
export type LiveHelpErrorCode = 'notFound' | 'notYours' | 'notActive' | 'alreadyTaken' | 'notAvailable' | 'empty';

export class LiveHelpError extends Error {
  constructor(readonly code: LiveHelpErrorCode) {
    super(`live help: ${code}`);
    this.name = 'LiveHelpError';
  }
}

/** The first name shown to the citizen: the first word of the staff name, capitalized. */
export function agentFirstName(name: string): string {
  const first = name.trim().split(/[\s._-]+/)[0] ?? name;
  return first.charAt(0).toLocaleUpperCase('fr-CA') + first.slice(1);
}
