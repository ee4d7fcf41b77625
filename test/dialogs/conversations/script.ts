import type { Activity } from 'botbuilder';
import type { BusinessCalendar, LocalDate } from '../../../domain/calendar/businessCalendar';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { Contacts, contacts } from '../../../domain/contacts';
import { formatLongDate } from '../../../domain/format/dates';
import type { Lang } from '../../../domain/i18n';
import type { IntentClassifier } from '../../../domain/understanding/intents';
import type { ConversationHarness } from '../../helpers/conversationHarness';

/**
 * Scripted conversations (issue 12, « Conversations that resolve »): each one a real situation, run on
 * the whole bot (test/helpers/conversationHarness.ts), asserting what the person needs from it (the
 * fact, the next step, the reference, the form completed), not incidental wording.
 */
export interface Conversation {
  name: string;
  /** Where the situation comes from: « issue 12 » (a citizen's situation) or the seed it quotes. */
  from: string;
  /** The fixed clock (UTC); a Monday 10 h in Québec by default. */
  now?: string;
  /** The page's locale (fr-CA by default). */
  locale?: string;
  classifier?: IntentClassifier;
  /** Complaints already on file before the conversation (PL-<year>-000001, …). */
  complaintsOnFile?: ComplaintInput[];
  steps: Step[];
  /**
   * The assistant really falls short here (said why): the conversation is run with `it.failing`, so it
   * keeps its assertions, reminds the suite of the gap, and turns red the day the assistant resolves it.
   */
  knownShortfall?: string;
  /** What must hold once the conversation is over (stored rows, …). */
  after?(ctx: ScriptContext): Promise<void>;
}

/** A string (as-is) or a value computed from the context (dates from the project's calendar). */
export type Expected = string | RegExp | ((ctx: ScriptContext) => string | RegExp);

export interface Step {
  /** What the person types (or an activity: a card submission, another locale…). */
  say: string | Partial<Activity> | ((ctx: ScriptContext) => Partial<Activity>);
  /** Everything the reply must contain. */
  expect?: Expected[];
  /** What the reply must not contain. */
  absent?: Expected[];
  /** Buttons the reply must offer. */
  buttons?: string[];
  /** Any other check on this turn's replies. */
  check?(replies: Partial<Activity>[], ctx: ScriptContext): void | Promise<void>;
}

export interface ScriptContext {
  h: ConversationHarness;
  c: Contacts;
  calendar: BusinessCalendar;
  /** Today in Québec, by the fixed clock. */
  today(): LocalDate;
  /** A date as the assistant writes it (« lundi 30 novembre 2026 »). */
  long(date: LocalDate, lang?: Lang): string;
  /** The next date after today that falls on this weekday (0 = Sunday … 6 = Saturday). */
  next(weekday: number): LocalDate;
  /** The `count`-th business day after today (today not counted), as the complaint deadlines count. */
  businessDaysFromToday(count: number): LocalDate;
  /** The complaints table. */
  complaints(): Promise<Array<Record<string, unknown>>>;
  /** The exam incidents table. */
  incidents(): Promise<Array<Record<string, unknown>>>;
  /** The card of a turn (Adaptive Card content), if any. */
  card(replies: Partial<Activity>[]): CardContent | undefined;
}

export interface CardContent {
  body?: Array<{ type: string; text?: string }>;
  actions?: Array<{ title: string; data?: Record<string, unknown> }>;
}

export function scriptContext(h: ConversationHarness): ScriptContext {
  const calendar = h.core.services.calendar;
  const today = () => calendar.localDateOf(h.clock.now());
  return {
    h,
    c: contacts(),
    calendar,
    today,
    long: (date, lang = 'fr') => formatLongDate(calendar.instantAt(date, 12, 0), lang, calendar.timeZone),
    next: (weekday) => {
      let date = calendar.addCalendarDays(today(), 1);
      while (calendar.weekdayOf(date) !== weekday) date = calendar.addCalendarDays(date, 1);
      return date;
    },
    businessDaysFromToday: (count) => calendar.addBusinessDays(today(), count),
    complaints: () => h.db('complaints').select(),
    incidents: () => h.db('exam_incidents').select(),
    card: (replies) =>
      replies.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as CardContent | undefined,
  };
}

/** Spaces as typed: the typography of the locales (non-breaking spaces) is not what these conversations check. */
export function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** The text of every message of a turn, joined, with plain spaces. */
export function textOf(replies: Partial<Activity>[]): string {
  return plain(
    replies
      .filter((a) => a.type === 'message')
      .map((a) => a.text ?? '')
      .join('\n'),
  );
}

/** The card's submit action `complaintAction` (confirm, modify, cancel) as the activity Web Chat sends. */
export function cardAction(action: string): (ctx: ScriptContext) => Partial<Activity> {
  return (ctx) => {
    const last = lastReplies.get(ctx.h) ?? [];
    const card = ctx.card(last);
    const data = card?.actions?.find((a) => a.data?.complaintAction === action)?.data;
    if (!data) throw new Error(`no « ${action} » action on the last card`);
    return { type: 'message', value: data };
  };
}

/** The last replies of each conversation, for `cardAction`. */
export const lastReplies = new WeakMap<ConversationHarness, Partial<Activity>[]>();
