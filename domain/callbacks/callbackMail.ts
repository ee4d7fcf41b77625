import type { Knex } from 'knex';
import { contacts } from '../contacts';
import { formatPhone } from '../complaints/contact';
import type { Database } from '../db/database';
import { rawRows } from '../db/dialect';
import { formatLongDate } from '../format/dates';
import { langFromLocale, translator } from '../i18n';
import type { RenderedMail } from '../notifications/citizenMailRepository';
import type { CitizenMailService } from '../notifications/citizenMailService';
import { MailBlock, renderMail } from '../notifications/mailLayout';
import type { Callback } from './callback';
import { slotSentence } from './slotText';

/** The citizen_mails kind of a callback's acknowledgement. */
export const CALLBACK_MAIL_KIND = 'callback';

export interface CallbackMailContext {
  privacyPolicyUrl: string;
  /** CALLBACK_RETENTION_DAYS */
  retentionDays: number;
  timeZone: string;
}

/**
 * The acknowledgement of a callback request: the reference, the number and the slot, what happens
 * next, how to cancel (the Centre's numbers, data/contacts.json) and the privacy notice.
 */
export function callbackAcknowledgementMail(callback: Callback, context: CallbackMailContext): RenderedMail {
  const lang = langFromLocale(callback.locale);
  const t = translator(lang);
  const ref = callback.reference;
  const c = contacts().caDotation;
  const blocks: MailBlock[] = [
    { kind: 'paragraph', text: callback.name ? t('citizenMail:greeting', { name: callback.name }) : t('callback:mail.greetingNoName') },
    { kind: 'paragraph', text: t('callback:mail.received', { date: formatLongDate(callback.createdAt, lang, context.timeZone), reference: ref }), keepTogether: [ref] },
    { kind: 'heading', text: t('callback:mail.slotHeading') },
    { kind: 'paragraph', text: t('callback:mail.slot', { phone: formatPhone(callback.phone), slot: slotSentence(callback.slot, t, lang, context.timeZone) }) },
    { kind: 'heading', text: t('callback:mail.nextHeading') },
    { kind: 'paragraph', text: t('callback:mail.next') },
    { kind: 'paragraph', text: t('callback:mail.cancel', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display, reference: ref }), keepTogether: [ref] },
    { kind: 'heading', text: t('callback:mail.privacyHeading') },
    { kind: 'paragraph', text: t('callback:mail.privacy', { count: context.retentionDays }) },
    { kind: 'link', label: t('callback:mail.privacyPolicy', { url: context.privacyPolicyUrl }), url: context.privacyPolicyUrl, text: t('callback:mail.privacyPolicy', { url: context.privacyPolicyUrl }) },
    { kind: 'paragraph', text: t('citizenMail:signature', { ministry: contacts().ministry.name[lang] }) },
    { kind: 'paragraph', text: t('callback:mail.automatic', { reference: ref }), keepTogether: [ref] },
  ];
  return renderMail(t('callback:mail.subject', { reference: ref }), lang, blocks);
}

/**
 * Queues the acknowledgement in the citizens' outbox (citizen_mails, callback_id instead of a
 * complaint), once per request, inside the transaction that stores it; the outbox job and
 * CitizenMailService.kick() deliver it.
 */
export async function queueCallbackAcknowledgement(db: Database | Knex.Transaction, callback: Callback, mail: CitizenMailService, retentionDays: number, now: Date): Promise<boolean> {
  if (!callback.email) return false;
  const rendered = callbackAcknowledgementMail(callback, { privacyPolicyUrl: mail.settings.privacyPolicyUrl, retentionDays, timeZone: mail.settings.timeZone });
  const at = now.toISOString();
  const inserted = await rawRows<{ id: number }>(
    db,
    `insert into citizen_mails (callback_id, reference, kind, lang, created_at, status, attempts, next_attempt_at, recipient, subject, text_body, html_body)
     values (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?)
     on conflict (callback_id, kind) do nothing
     returning id`,
    [callback.id, callback.reference, CALLBACK_MAIL_KIND, langFromLocale(callback.locale), at, at, callback.email, rendered.subject, rendered.text, rendered.html],
  );
  return inserted.length > 0;
}
