import { contacts } from '../../domain/contacts';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';

/** Issue 12: an English speaker on the French page is offered English once, then answered in English. */
const NOW = '2026-11-23T15:00:00Z'; // a Monday, 10 h in Québec
const OFFER = 'It looks like you write in English. Would you like to continue in English?';
const BUTTONS = ['Continue in English', 'Continuer en français'];
const c = contacts();

describe('continuing in English on the French page', () => {
  let h: ConversationHarness;
  beforeEach(async () => {
    h = await createConversationHarness({ now: NOW }); // every message in fr-CA
  });
  afterEach(async () => h.close());

  it('offers English, bilingually, with two buttons, before answering an English question', async () => {
    const replies = await h.turn('Hi, what are your opening hours?');
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain(OFFER);
    expect(text).toContain('Voulez-vous continuer en anglais?');
    expect(suggestedTitles(replies)).toEqual(BUTTONS);
  });

  it('« Continue in English » answers the original question in English, and every later reply too', async () => {
    await h.say('Hi, what are your opening hours?');
    const hours = await h.say('Continue in English');
    expect(hours).toContain("let's continue in English");
    expect(hours).toContain('The Centre is open right now, until 12:00 p.m.');
    expect(hours).not.toContain('Le Centre');
    // A later message, still sent with the French page's locale, is answered in English with the English menu.
    const replies = await h.turn('talk to an agent');
    const handoff = replies.map((r) => r.text).join('\n');
    expect(handoff).toContain('To talk to a person');
    expect(handoff).toContain(c.caDotation.phoneTollFree.display);
    expect(suggestedTitles(replies).length).toBeGreaterThan(0);
    expect(suggestedTitles(replies)).not.toContain('Oui');
    expect(suggestedTitles(replies)).not.toContain('Parler à une personne');
    // A French word too is answered in English now: the choice holds for the conversation.
    expect(await h.say('aide')).not.toContain('En tout temps');
  });

  it('runs the forms in English: the complaint form’s prompts and buttons, and the answers to them', async () => {
    await h.say('I want to file a complaint');
    const notice = await h.turn('Continue in English');
    const noticeText = notice.map((r) => r.text).join('\n');
    expect(noticeText).toContain('how we handle your information');
    expect(suggestedTitles(notice).length).toBeGreaterThan(0);
    expect(suggestedTitles(notice).every((title) => !/accepte/.test(title))).toBe(true);
    expect(await h.say(suggestedTitles(notice)[0])).toMatch(/name/i);
  });

  it('« Continuer en français » answers in French and never offers again', async () => {
    await h.say('What is your phone number?');
    const answer = await h.say('Continuer en français');
    expect(answer).toContain('nous continuons en français');
    expect(answer).toContain(c.caDotation.phoneLocal.display);
    const later = await h.turn('talk to an agent please');
    expect(later.map((r) => r.text).join('\n')).not.toContain(OFFER);
    expect(suggestedTitles(later)).not.toContain('Continue in English');
  });

  it('takes « yes » as English', async () => {
    await h.say('Hello, what is your phone number?');
    const answer = await h.say('yes');
    expect(answer).toContain("let's continue in English");
    expect(answer).toContain(c.caDotation.phoneTollFree.display);
    expect(answer).toMatch(/toll-free/i);
  });

  it('reads another English message typed instead of a button as « English », and answers that message', async () => {
    await h.say('Hello, I need help please');
    const answer = await h.say('talk to an agent');
    expect(answer).toContain('To talk to a person');
  });

  it('offers once per conversation', async () => {
    await h.say('What is your phone number?');
    await h.say('menu');
    expect(await h.say('What are your opening hours?')).not.toContain(OFFER);
  });

  it('does not offer English for French messages, nor on the English page', async () => {
    for (const message of ["Quelles sont vos heures d'ouverture?", 'menu', 'PL-2026-000123', 'SAGIR', 'ok']) {
      expect(await h.say(message)).not.toContain(OFFER);
      await h.say('menu');
    }
    await h.close();
    h = await createConversationHarness({ now: NOW, locale: 'en-CA' });
    expect(await h.say('What are your opening hours?')).not.toContain(OFFER);
  });

  describe('an over-long message (the edge replaced its text and marked it)', () => {
    const tooLong = (chars: number) => ({ type: 'message', text: `[message trop long de ${chars} caractères, non lu et non conservé]`, oversizedText: { chars, max: 4000 } });

    it('is answered in English once the person chose English on the French page', async () => {
      await h.say('Hi, what are your opening hours?');
      await h.say('Continue in English');
      const reply = await h.say(tooLong(5000)); // still sent with the French page's locale
      expect(reply).toContain('Your message is too long (more than 4,000 characters)');
      expect(reply).toContain(c.caDotation.emailGeneral.display);
      expect(reply).not.toContain('trop long');
      // The turns after it are still in English.
      expect(await h.say('talk to an agent')).toContain('To talk to a person');
    });

    it('is answered in French once the person chose French, and before any choice', async () => {
      expect(await h.say(tooLong(4001))).toContain('Votre message est trop long (plus de 4\u00a0000 caractères)');
      await h.say('What is your phone number?');
      await h.say('Continuer en français');
      expect(await h.say(tooLong(9000))).toContain('Votre message est trop long (plus de 4\u00a0000 caractères)');
    });
  });
});
