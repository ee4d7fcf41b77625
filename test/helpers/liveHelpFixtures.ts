import { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { fixedClock } from '../../domain/clock';
import type { Database } from '../../domain/db/database';
import { InteractionRepository } from '../../domain/db/interactionRepository';
import type { LiveHelpSettings } from '../../domain/liveHelp/liveHelp';
import { LiveHelpRepository } from '../../domain/liveHelp/liveHelpRepository';
import { LiveHelpService } from '../../domain/liveHelp/liveHelpService';
import { publicInformationMasker } from '../../domain/privacy/publicMasker';
import { ServiceHours } from '../../domain/serviceHours';

export const calendar = BusinessCalendar.fromDataFile();
export const hours = ServiceHours.fromDataFile(calendar);

/** Half an hour after the Centre next opens (computed, so the tests pass on any date). */
export function openInstant(from = new Date()): Date {
  return new Date(hours.nextOpening(from).getTime() + 30 * 60_000);
}

/** An instant the Centre is closed: a minute before it next opens. */
export function closedInstant(from = new Date()): Date {
  const opens = hours.nextOpening(new Date(hours.nextOpening(from).getTime() + 12 * 3600_000));
  return new Date(opens.getTime() - 60_000);
}

export const SETTINGS: LiveHelpSettings = { enabled: true, maxWaitMinutes: 30, queueTimeoutMinutes: 30, agentGraceSeconds: 60, defaultHandlingMinutes: 5 };

export function liveHelpOn(db: Database, now = openInstant(), settings: Partial<LiveHelpSettings> = {}) {
  const clock = fixedClock(now);
  const repository = new LiveHelpRepository(db);
  const service = new LiveHelpService(repository, new InteractionRepository(db), hours, clock, publicInformationMasker(), { ...SETTINGS, ...settings });
  return { clock, repository, service };
}

let counter = 0;
/** A new conversation's request (a fresh id each call). */
export function request(topic?: string) {
  counter += 1;
  return { channelId: 'directline', conversationId: `conv-${counter}-${Date.now()}`, lang: 'fr' as const, topic, conversationReference: '{}' };
}
