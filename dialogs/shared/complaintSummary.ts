import { ActionTypes, Activity, Attachment, CardAction, CardFactory, MessageFactory } from 'botbuilder';
import type { BusinessCalendar, LocalDate } from '../../domain/calendar/businessCalendar';
import type { ComplaintService as ComplaintServiceKey, ContactMethod } from '../../domain/complaints/complaint';
import type { DatePeriod } from '../../domain/complaints/incidentDate';
import { formatPhone, normalizeEmail, normalizePhone } from '../../domain/complaints/contact';
import { formatLongDate } from '../../domain/format/dates';
import { escapeMarkdown } from '../../domain/format/markdown';
import type { Lang, Translate } from '../../domain/i18n';

/** What the intake has collected so far; JSON only, because it lives in the conversation state. */
export interface ComplaintDraft {
  name?: string;
  contactMethod?: ContactMethod;
  contactValue?: string;
  service?: ComplaintServiceKey;
  /** YYYY-MM-DD, or null when the person skipped the question. */
  incidentDate?: LocalDate | null;
  /** A vague date the person confirmed as a period (« la semaine passée »), when no exact day was given. */
  incidentPeriod?: DatePeriod | null;
  description?: string;
  /** null when the person skipped the question. */
  desiredOutcome?: string | null;
}

export type SummaryAction = 'confirm' | 'modify' | 'cancel';
export const SUMMARY_ACTIONS: readonly SummaryAction[] = ['confirm', 'modify', 'cancel'];

/** The value an Adaptive Card button of the summary sends back. */
export interface SummaryActionValue {
  complaintAction: SummaryAction;
  submissionId: string;
}

/** Channels that render Adaptive Cards; the others get the plain-text summary. */
const ADAPTIVE_CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'directlinespeech', 'emulator', 'test']);

export function supportsAdaptiveCards(channelId: string | undefined): boolean {
  return ADAPTIVE_CARD_CHANNELS.has(channelId ?? '');
}

interface SummaryField {
  label: string;
  /** Already escaped for Markdown. */
  value: string;
}

/** The lines of the summary; everything the person typed is escaped, so Markdown and HTML show as typed. */
export function summaryFields(draft: ComplaintDraft, t: Translate, lang: Lang, calendar: BusinessCalendar): SummaryField[] {
  const notSpecified = t('complaint:summary.notSpecified');
  const longDay = (date: LocalDate) => formatLongDate(calendar.instantAt(date, 12, 0), lang, calendar.timeZone);
  const method = draft.contactMethod ?? 'email';
  const contact = method === 'email' ? normalizeEmail(draft.contactValue ?? '') : normalizePhone(draft.contactValue ?? '');
  const shownContact = contact ? (method === 'phone' ? formatPhone(contact) : contact) : (draft.contactValue ?? '');
  return [
    { label: t('complaint:summary.name'), value: escapeMarkdown(draft.name ?? '') },
    { label: t(`complaint:summary.${method}`), value: escapeMarkdown(shownContact) },
    { label: t('complaint:summary.service'), value: draft.service ? escapeMarkdown(t(`complaint:services.${draft.service}`)) : notSpecified },
    {
      label: t('complaint:summary.when'),
      value: draft.incidentDate
        ? formatLongDate(calendar.instantAt(draft.incidentDate, 12, 0), lang, calendar.timeZone)
        : draft.incidentPeriod
          ? capitalize(t('complaint:intake.period', { from: longDay(draft.incidentPeriod.from), to: longDay(draft.incidentPeriod.to) }))
          : notSpecified,
    },
    { label: t('complaint:summary.description'), value: escapeMarkdown(draft.description ?? '') },
    { label: t('complaint:summary.outcome'), value: draft.desiredOutcome ? escapeMarkdown(draft.desiredOutcome) : notSpecified },
  ];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The summary as plain text (Markdown-safe), for channels without Adaptive Cards and as the card's fallbackText. */
export function summaryText(fields: SummaryField[], t: Translate): string {
  return [`**${t('complaint:summary.title')}**`, ...fields.map((f) => t('complaint:summary.line', { label: f.label, value: f.value })), t('complaint:summary.intro')].join('\n\n');
}

/** The summary as an Adaptive Card with Confirmer, Modifier and Annuler buttons carrying the submission id. */
export function summaryCard(fields: SummaryField[], t: Translate, lang: Lang, submissionId: string): Attachment {
  const submit = (action: SummaryAction, style?: string) => ({
    type: 'Action.Submit',
    title: t(`complaint:summary.${action}`),
    ...(style ? { style } : {}),
    data: { complaintAction: action, submissionId } satisfies SummaryActionValue,
  });
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    lang: lang === 'en' ? 'en-CA' : 'fr-CA',
    fallbackText: summaryText(fields, t),
    body: [
      { type: 'TextBlock', text: t('complaint:summary.title'), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: t('complaint:summary.check'), isSubtle: true, wrap: true },
      ...fields.flatMap((f) => [
        { type: 'TextBlock', text: f.label, weight: 'Bolder', wrap: true, spacing: 'Medium' },
        { type: 'TextBlock', text: f.value || ' ', wrap: true, spacing: 'None' },
      ]),
    ],
    actions: [submit('confirm', 'positive'), submit('modify'), submit('cancel', 'destructive')],
  });
}

export function summaryActions(t: Translate): CardAction[] {
  return SUMMARY_ACTIONS.map((action) => {
    const title = t(`complaint:summary.${action}`);
    return { type: ActionTypes.ImBack, title, value: title };
  });
}

/** The summary message: a card where cards are rendered, plain text with suggested actions elsewhere. */
export function summaryActivity(
  draft: ComplaintDraft,
  submissionId: string,
  context: { channelId: string | undefined; t: Translate; lang: Lang; calendar: BusinessCalendar },
): Partial<Activity> {
  const { t, lang, calendar } = context;
  const fields = summaryFields(draft, t, lang, calendar);
  if (supportsAdaptiveCards(context.channelId)) {
    const activity = MessageFactory.attachment(summaryCard(fields, t, lang, submissionId), t('complaint:summary.intro'));
    return activity;
  }
  return MessageFactory.suggestedActions(summaryActions(t), summaryText(fields, t));
}
