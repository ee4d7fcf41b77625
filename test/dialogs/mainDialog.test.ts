import type { IntentClassifier } from '../../domain/understanding/intents';
import { MENU_FR } from '../helpers/chatFixtures';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';

describe('conversation shell', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  it('welcomes once, as an automated assistant of the ministry, with a privacy line and the menu', async () => {
    h = await createConversationHarness();
    const join = {
      type: 'conversationUpdate',
      membersAdded: [
        { id: 'bot', name: 'bot' },
        { id: 'user1', name: 'user' },
      ],
      recipient: { id: 'bot', name: 'bot' },
    };
    const replies = await h.turn(join);
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('assistant automatisé');
    expect(text).toContain('ministère de la Cybersécurité et du Numérique');
    expect(text).toContain('Confidentialité');
    expect(suggestedTitles(replies)).toEqual(MENU_FR);
    expect(await h.turn(join)).toEqual([]);
  });

  it('does not welcome when only the bot joins', async () => {
    h = await createConversationHarness();
    expect(await h.turn({ type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'bot' }], recipient: { id: 'bot', name: 'bot' } })).toEqual([]);
  });

  it('says the Centre is open until noon on a Monday morning', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z' }); // lundi 10 h
    const reply = await h.say('Parler à une personne');
    expect(reply).toContain('418\u00a0528-7157');
    expect(reply).toContain('1\u00a0866\u00a0672-3460');
    expect(reply).toContain('lundi, mardi, jeudi et vendredi\u00a0: de 8\u00a0h\u00a030 à 12\u00a0h et de 13\u00a0h à 16\u00a0h\u00a030; mercredi\u00a0: de 10\u00a0h à 12\u00a0h et de 13\u00a0h à 16\u00a0h\u00a030');
    expect(reply).toContain("Le Centre est ouvert en ce moment, jusqu'à 12\u00a0h.");
  });

  it('says when the Centre reopens after closing on a Friday', async () => {
    h = await createConversationHarness({ now: '2026-11-27T22:00:00Z' }); // vendredi 17 h
    expect(await h.say('parler à un agent')).toContain('Le Centre est fermé en ce moment. Il rouvre lundi à 8\u00a0h\u00a030.');
  });

  it('mentions the lunch closure at 12:30', async () => {
    h = await createConversationHarness({ now: '2026-11-24T17:30:00Z' }); // mardi 12 h 30
    expect(await h.say('agent')).toContain("Le Centre est fermé pour le dîner. Il rouvre aujourd'hui à 13\u00a0h.");
  });

  it('answers in English when the locale is English', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z' });
    const reply = await h.say({ type: 'message', text: 'talk to an agent', locale: 'en-US' });
    expect(reply).toContain('To talk to a person');
    expect(reply).toContain('The Centre is open right now, until 12:00 p.m.\n');
    expect(reply).not.toContain('p.m..');
  });

  it('never stays silent: unknown input gets a short fallback and the menu, then a person after two misses', async () => {
    h = await createConversationHarness();
    const first = await h.turn('xyzzy plugh');
    expect(first[0].text).toContain("Je n'ai pas bien compris");
    expect(suggestedTitles(first)).toEqual(MENU_FR);
    const second = await h.say('qwerty asdf');
    expect(second).toContain('Une personne du CA-dotation');
    expect(second).toContain('418\u00a0528-7157');
    const third = await h.say('zzz');
    expect(third).toContain("Je n'ai pas bien compris");
  });

  it('handles a message without text, emoji, RTL text and a 20 000-character message', async () => {
    h = await createConversationHarness();
    for (const input of [{ type: 'message' }, '😀🎉', 'مرحبا كيف حالك', '<script>alert(1)</script> **gras**', 'a'.repeat(20_000)]) {
      const replies = await h.turn(input as never);
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.map((r) => r.text).join('')).not.toContain('<script>');
    }
  });

  it('answers aide and menu outside any dialog', async () => {
    h = await createConversationHarness();
    expect(await h.say('aide')).toContain('«\u00a0annuler\u00a0»');
    expect(suggestedTitles(await h.turn('menu'))).toEqual(MENU_FR);
    expect(await h.say('annuler')).toContain("Il n'y a rien en cours à annuler.");
  });

  it('apologizes for an exception, keeps going, and resets after two failures in a row', async () => {
    const failing: IntentClassifier = {
      classify: (text) => {
        if (text.startsWith('boom')) throw new Error('classifier exploded');
        return { text, intents: [{ intent: 'greeting', score: 1 }] };
      },
    };
    h = await createConversationHarness({ classifier: failing });
    expect(await h.say('boom')).toContain('Toutes mes excuses\u00a0: un problème technique');
    expect(await h.say('bonjour')).toContain('Bonjour!');
    expect(await h.say('boom')).toContain('Toutes mes excuses\u00a0: un problème technique');
    expect(await h.say('boom again')).toContain('remis la conversation à zéro');
  });
});
