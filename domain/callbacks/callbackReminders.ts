import type { Database } from '../db/database';
import { rawRows } from '../db/dialect';
import type { Lang } from '../i18n';
import { translator } from '../i18n';
import { MailBlock, renderMail } from '../notifications/mailLayout';
import type { StaffDirectory } from '../staff/staffDirectory';
import type { Callback } from './callback';
import type { CallbackRepository } from './callbackRepository';
import { slotButton } from './slotText';

/** A slot ending within this many minutes without a call is signalled (CALLBACK_REMINDER_MINUTES). */
export const DEFAULT_CALLBACK_REMINDER_MINUTES = 60;

export interface CallbackReminderSettings {
  leadMinutes: number;
  /** MANAGER_EMAILS: an unassigned request, or an officer without an address. */
  managers: string[];
  staff: StaffDirectory;
  publicBaseUrl: string;
  timeZone: string;
  lang?: Lang;
}

export interface PlannedCallbackReminder {
  routedTo: 'officer' | 'managers';
  recipients: string[];
  callbacks: Callback[];
}

export interface QueuedCallbackReminder {
  digestId: number;
  routedTo: 'officer' | 'managers';
  references: string[];
}

/**
 * Slots about to pass without a call: the assigned officer is told, or the managers when nobody is.
 * Each callback and slot is signalled once (callback_reminders' unique key is the claim, as for the
 * complaints' digest entries), in a digest of the staff outbox (reminder_digests, kind `callback`),
 * which the reminder scheduler's outbox delivers and retries. Nothing personal goes in the e-mail:
 * the reference, the slot and the link to the staff page.
 */
export class CallbackReminders {
  constructor(
    private readonly db: Database,
    private readonly repository: CallbackRepository,
    private readonly settings: CallbackReminderSettings,
  ) {}

  async plan(now: Date): Promise<PlannedCallbackReminder[]> {
    const due = await this.repository.reminderCandidates(new Date(now.getTime() + this.settings.leadMinutes * 60_000));
    const groups = new Map<string, PlannedCallbackReminder>();
    for (const callback of due) {
      const officer = this.settings.staff.emailOf(callback.assignedTo);
      const routedTo = officer ? 'officer' : 'managers';
      const recipients = officer ? [officer] : this.settings.managers;
      if (recipients.length === 0) continue;
      const key = `${routedTo}|${recipients.join(',')}`;
      const group = groups.get(key) ?? { routedTo, recipients, callbacks: [] };
      group.callbacks.push(callback);
      groups.set(key, group);
    }
    return [...groups.values()];
  }

  /** Claims and queues the reminders due at `now`; a second pass (or instance) queues nothing already claimed. */
  async claim(now: Date): Promise<QueuedCallbackReminder[]> {
    const queued: QueuedCallbackReminder[] = [];
    for (const planned of await this.plan(now)) {
      const result = await this.db.transaction(async (trx) => {
        const at = now.toISOString();
        const [digest] = (await trx('reminder_digests')
          .insert({ kind: 'callback', created_at: at, status: 'pending', attempts: 0, next_attempt_at: at, recipients: planned.recipients.join(', '), subject: '', text_body: '', html_body: '', alert_count: 0 })
          .returning('id')) as Array<{ id: number }>;
        const digestId = Number(digest.id);
        const won = new Set<number>();
        for (const callback of [...planned.callbacks].sort((a, b) => a.id - b.id)) {
          const rows = await rawRows<{ callback_id: number }>(
            trx,
            `insert into callback_reminders (callback_id, reference, slot_start, routed_to, claimed_at, digest_id)
             values (?, ?, ?, ?, ?, ?)
             on conflict (callback_id, slot_start) do nothing
             returning callback_id`,
            [callback.id, callback.reference, callback.slot.start.toISOString(), planned.routedTo, at, digestId],
          );
          if (rows.length) won.add(callback.id);
        }
        const claimed = planned.callbacks.filter((c) => won.has(c.id));
        if (claimed.length === 0) {
          await trx('reminder_digests').where({ id: digestId }).delete();
          return undefined;
        }
        const rendered = this.render(planned.routedTo, claimed, now);
        await trx('reminder_digests').where({ id: digestId }).update({ subject: rendered.subject, text_body: rendered.text, html_body: rendered.html, alert_count: claimed.length });
        return { digestId, routedTo: planned.routedTo, references: claimed.map((c) => c.reference) };
      });
      if (result) queued.push(result);
    }
    return queued;
  }

  private render(routedTo: 'officer' | 'managers', callbacks: Callback[], now: Date) {
    const lang = this.settings.lang ?? 'fr';
    const t = translator(lang);
    const item = (c: Callback) =>
      t('callback:reminder.item', {
        reference: c.reference,
        slot: slotButton(c.slot, t, lang, this.settings.timeZone),
        state: c.slot.end <= now ? t('callback:reminder.passed') : t('callback:reminder.ending'),
        assignee: c.assignedTo ?? t('callback:reminder.unassigned'),
        attempts: c.attempts,
      });
    const url = `${this.settings.publicBaseUrl.replace(/\/+$/, '')}/admin/callbacks`;
    const blocks: MailBlock[] = [
      { kind: 'paragraph', text: t(`callback:reminder.intro.${routedTo}`, { count: callbacks.length }) },
      { kind: 'list', items: callbacks.map(item) },
      { kind: 'link', label: t('callback:reminder.link'), url, text: t('callback:reminder.linkText', { url }) },
      { kind: 'paragraph', text: t('callback:reminder.footer') },
    ];
    return renderMail(t('callback:reminder.subject', { count: callbacks.length }), lang, blocks);
  }
}
