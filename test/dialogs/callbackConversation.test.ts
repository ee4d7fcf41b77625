import { SqlStorage } from '../../bot/storage/sqlStorage';
import { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { CallbackSlots } from '../../domain/callbacks/callbackSlots';
import { slotButton } from '../../domain/callbacks/slotText';
import { openDatabase } from '../../domain/db/database';
import { StateRepository } from '../../domain/db/stateRepository';
import { translator } from '../../domain/i18n';
import { ServiceHours } from '../../domain/serviceHours';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';

// Monday, November 23, 2026, 10 h in Québec: the Centre is open.
const NOW = '2026-11-23T15:00:00Z';
const t = translator('fr');
const calendar = BusinessCalendar.fromDataFile();
const slots = new CallbackSlots(ServiceHours.fromDataFile(calendar), calendar);
const texts = (activities: Array<{ text?: string }>) => activities.map((a) => a.text ?? '').join('\n');

/** Opens the form with the handoff answer's button and accepts the notice. */
async function startForm(h: ConversationHarness): Promise<void> {
  const handoff = await h.turn(t('common:menu.handoff'));
  expect(suggestedTitles(handoff)).toContain(t('callback:offer.button'));
  const notice = await h.say(t('callback:offer.button'));
  expect(notice).toContain(t('callback:intake.consent'));
  // CALLBACK_RETENTION_DAYS by default, in the notice before anything is collected.
  expect(notice).toContain('conservés 90 jours');
  expect(await h.say(t('callback:intake.consentYes'))).toContain(t('callback:intake.askName'));
}

describe('callback request in the chat', () => {
  let h: ConversationHarness;
  afterEach(async () => h?.close());

  it('collects the request with a free-text slot, refuses a closed one, and stores it once', async () => {
    h = await createConversationHarness({ now: NOW });
    await startForm(h);
    expect(await h.say(t('callback:intake.skip'))).toContain(t('callback:intake.askPhone'));
    expect(await h.say('555-01')).toContain(t('callback:intake.invalidPhone'));
    const slotQuestion = await h.turn('(418) 555-0199');
    expect(texts(slotQuestion)).toContain(t('callback:intake.askSlot'));
    // The next business half-days, the first one this very morning (two hours left).
    const offered = slots.upcoming(new Date(NOW), 6).map((s) => slotButton(s, t, 'fr'));
    expect(suggestedTitles(slotQuestion)).toEqual(offered);
    // Saturday: closed.
    const refused = await h.say('samedi matin');
    expect(refused).toContain(t('callback:slotRefused.closed', { date: 'samedi 28 novembre 2026' }));
    // Lunch time: closed too.
    expect(await h.say('jeudi à 12 h 15')).toContain('fermé');
    // Yesterday: past.
    expect(await h.say('hier matin')).toContain(t('callback:slotRefused.past'));
    expect(await h.say('jeudi après-midi')).toContain(t('callback:intake.askSubject'));
    expect(await h.say('ok')).toContain(t('callback:intake.invalidSubject'));
    expect(await h.say('Une question sur mon inscription au processus 123; mon NAS est 046 454 286')).toContain(t('callback:intake.askEmail'));
    expect(await h.say('pas une adresse')).toContain(t('callback:intake.invalidEmail'));
    const summary = await h.say('Marie.Tremblay@Courriel.exemple');
    expect(summary).toContain('418\u00a0555-0199');
    expect(summary).toContain('le jeudi 26 novembre 2026, entre 13\u00a0h et 16\u00a0h\u00a030');
    expect(summary).toContain('marie.tremblay@courriel.exemple');
    const confirmed = await h.say(t('callback:summary.confirm'));
    expect(confirmed).toContain(t('callback:confirmation.reference', { reference: 'RA-2026-000001' }));
    // No SMTP in this harness: no acknowledgement is promised.
    expect(confirmed).toContain(t('callback:confirmation.mailOff'));

    const rows = await h.db('callbacks').select();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ reference: 'RA-2026-000001', phone: '+14185550199', name: null, email: 'marie.tremblay@courriel.exemple', slot_date: '2026-11-26', slot_period: 'afternoon', status: 'pending' });
    // The social insurance number is masked when stored.
    expect(rows[0].subject).not.toContain('046 454 286');
  });

  it('offers a day\'s half-days when only the day is given, and refuses a holiday', async () => {
    h = await createConversationHarness({ now: NOW });
    await startForm(h);
    await h.say('Julie');
    await h.say('418 555-0199');
    expect(await h.say('le 25 décembre')).toContain('jour férié');
    const both = await h.turn('mardi');
    expect(texts(both)).toContain('mardi 24 novembre');
    expect(suggestedTitles(both)).toHaveLength(2);
    expect(await h.say(suggestedTitles(both)[0])).toContain(t('callback:intake.askSubject'));
  });

  it('stores nothing when the person refuses the collection', async () => {
    h = await createConversationHarness({ now: NOW });
    await h.turn(t('common:menu.handoff'));
    await h.say('rappelez-moi');
    const refused = await h.say(t('callback:intake.consentNo'));
    expect(refused).toContain('D\'accord, je ne recueille aucun renseignement.');
    expect(await h.db('callbacks').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it.each(['rappelez-moi', "je veux qu'on me rappelle", 'Pouvez-vous me rappeler?'])('« %s » opens the form', async (text) => {
    h = await createConversationHarness({ now: NOW });
    expect(await h.say(text)).toContain(t('callback:intake.consent'));
  });

  it('takes a complaint about unanswered calls for what it is, not for a callback request', async () => {
    h = await createConversationHarness({ now: NOW });
    expect(await h.say("Ça fait 3 fois que j'appelle et personne me rappelle")).not.toContain(t('callback:intake.consent'));
  });

  it('English: “call me back”', async () => {
    h = await createConversationHarness({ now: NOW, locale: 'en-CA' });
    expect(await h.say('call me back')).toContain(translator('en')('callback:intake.consent'));
  });

  it('continues after a restart in the middle of the form, with the draft kept', async () => {
    const dir = tempDir();
    const db = await openDatabase(tempDatabaseUrl(dir.path));
    try {
      h = await createConversationHarness({ now: NOW, db, storage: new SqlStorage(new StateRepository(db)) });
      await startForm(h);
      await h.say('Julie');
      expect(await h.say('418 555-0199')).toContain(t('callback:intake.askSlot'));
      await h.close();
      // A new process: a new bot on the same database.
      h = await createConversationHarness({ now: NOW, db, storage: new SqlStorage(new StateRepository(db)) });
      expect(await h.say('demain matin')).toContain(t('callback:intake.askSubject'));
      await h.say('Une question sur un examen');
      const summary = await h.say(t('callback:intake.skip'));
      expect(summary).toContain('Julie');
      expect(summary).toContain('418\u00a0555-0199');
      expect(summary).toContain('le mardi 24 novembre 2026, entre 8\u00a0h\u00a030 et 12\u00a0h');
      expect(await h.say(t('callback:summary.confirm'))).toContain('RA-2026-000001');
      // A second « Confirmer » is not a second request.
      await h.say(t('callback:summary.confirm'));
      expect(await db('callbacks').count({ n: '*' })).toEqual([{ n: 1 }]);
    } finally {
      await h.close();
      await db.destroy();
      dir.cleanup();
    }
  });
});
