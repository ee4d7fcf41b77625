import { createCallbackReminders, createCallbackService } from '../../../bot/callbackServices';
import { createCitizenMailService } from '../../../bot/citizenMailJobs';
import { createReminderScheduler } from '../../../bot/reminderJobs';
import { staffDirectory } from '../../../bot/staffAccounts';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { ServiceHours } from '../../../domain/serviceHours';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { fixedClock } from '../../../domain/clock';
import { contacts } from '../../../domain/contacts';
import { Database, openDatabase } from '../../../domain/db/database';
import { translator } from '../../../domain/i18n';
import type { CitizenMailService } from '../../../domain/notifications/citizenMailService';
import { createConversationHarness } from '../../helpers/conversationHarness';
import { parseMail, useSmtpTestServer } from '../../helpers/smtpTestServer';
import { tempDatabaseUrl, tempDir } from '../../helpers/tempDir';

// Monday, November 23, 2026, 10 h in Québec.
const NOW = '2026-11-23T15:00:00Z';
const smtp = useSmtpTestServer();

describe('acknowledgement of a callback request by e-mail', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Database;
  let mail: CitizenMailService;
  let config: ReturnType<typeof loadConfig>;

  beforeEach(async () => {
    dir = tempDir();
    const databaseUrl = tempDatabaseUrl(dir.path);
    db = await openDatabase(databaseUrl);
    config = loadConfig({
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      REMINDER_FROM: 'rappels@exemple.gouv.qc.ca',
      CITIZEN_MAIL_FROM: 'ca-dotation@exemple.gouv.qc.ca',
      STAFF_EMAILS: 'equipe@exemple.gouv.qc.ca',
      MANAGER_EMAILS: 'gestion@exemple.gouv.qc.ca',
      ADMIN_TOKENS: 'staff:alice:staff-token-aaaaaaaaaaaaaaaaaaaaaaaa:alice@exemple.gouv.qc.ca',
      LOG_LEVEL: 'silent',
    });
    mail = (await createCitizenMailService(config, db, { clock: fixedClock(NOW), logger: createLogger('silent') }))!;
  });
  afterEach(async () => {
    await mail.idle();
    await db.destroy();
    dir.cleanup();
  });

  it.each([
    ['fr-CA', 'fr', 'jeudi après-midi', 'le jeudi 26 novembre 2026, entre 13\u00a0h et 16\u00a0h\u00a030'],
    ['en-CA', 'en', 'Thursday afternoon', 'on Thursday, November 26, 2026, between 1:00 p.m. and 4:30 p.m.'],
  ] as const)('%s: sent once through the citizens’ outbox, with the reference and the slot', async (locale, lang, slot, slotText) => {
    const t = translator(lang);
    const h = await createConversationHarness({ now: NOW, db, locale, domain: { citizenMail: mail } });
    try {
      await h.say(t('callback:offer.button'));
      await h.say(t('callback:intake.consentYes'));
      await h.say('Julie');
      await h.say('418 555-0199');
      await h.say(slot);
      await h.say('Une question sur mon inscription');
      await h.say('julie@courriel.exemple');
      const confirmed = await h.say(t('callback:summary.confirm'));
      expect(confirmed).toContain(t('callback:confirmation.mailQueued'));
      await mail.idle();
      // A second confirmation and a second delivery pass send nothing more.
      await h.say(t('callback:summary.confirm'));
      await mail.deliverDue(new Date(NOW));
      await mail.idle();
    } finally {
      await h.close();
    }
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].envelopeTo).toEqual(['julie@courriel.exemple']);
    const message = parseMail(smtp.messages[0].raw);
    expect(message.subject).toBe(t('callback:mail.subject', { reference: 'RA-2026-000001' }));
    expect(message.text).toContain(slotText);
    expect(message.text).toContain('418\u00a0555-0199');
    expect(message.text).toContain(contacts().caDotation.phoneTollFree.display);
    expect(message.html).toContain(`<html lang="${lang}">`);
    // Not the complaints address: the acknowledgement says to call the Centre.
    expect(message.headers['reply-to']).toBeUndefined();
    // Sent: the address and the bodies are blanked in the outbox, which points at the callback, not a complaint.
    const row = await db('citizen_mails').first('status', 'kind', 'recipient', 'text_body', 'complaint_id', 'callback_id');
    expect(row).toEqual({ status: 'sent', kind: 'callback', recipient: '', text_body: '', complaint_id: null, callback_id: 1 });
  });

  it('reminds the assigned officer once, through the staff outbox, when the slot is about to pass without a call', async () => {
    const calendar = BusinessCalendar.fromDataFile();
    const callbacks = createCallbackService(db, calendar, ServiceHours.fromDataFile(calendar), fixedClock(NOW), staffDirectory(config));
    const { callback } = await callbacks.create({ phone: '418 555-0199', subject: 'Une question', slot: { date: '2026-11-23', period: 'afternoon' } }, { submissionId: 'r-1' });
    await callbacks.assign(callback.reference, 'alice', { actor: 'alice' });
    const reminders = createCallbackReminders(config, db);
    const scheduler = createReminderScheduler(config, db, { calendar });
    const at = new Date('2026-11-23T20:45:00Z'); // 15 h 45: 45 minutes left in the slot
    expect(await reminders.claim(at)).toHaveLength(1);
    await scheduler.deliverDue(at);
    expect(await reminders.claim(new Date('2026-11-23T21:15:00Z'))).toEqual([]);
    await scheduler.deliverDue(new Date('2026-11-23T21:15:00Z'));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].envelopeTo).toEqual(['alice@exemple.gouv.qc.ca']);
    const message = parseMail(smtp.messages[0].raw);
    expect(message.subject).toBe('Rappel à faire\u00a0: 1 demande arrive à la fin de sa plage');
    expect(message.text).toContain(callback.reference);
    expect(message.text).toContain('/admin/callbacks');
    expect(message.text).not.toContain('555-0199');
  });
});
