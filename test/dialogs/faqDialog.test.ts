import type { IntentClassifier } from '../../domain/understanding/intents';
import { MENU_FR } from '../helpers/chatFixtures';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';
import { translator } from '../../domain/i18n';

const fr = translator('fr');

async function loggedIntents(h: ConversationHarness): Promise<Array<{ intent: string | null; dialog: string | null }>> {
  await h.transcriptStore.flush();
  return h.db('interactions').where({ direction: 'in', activity_type: 'message' }).orderBy('id').select('intent', 'dialog');
}

describe('FAQ conversation', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  it('answers at once, then asks whether the answer helped and stores « Oui »', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z' }); // lundi 10 h
    const replies = await h.turn('c koi le # sans frais');
    // One bubble: the answer, then « utile ? » with its buttons under it.
    expect(replies.filter((r) => r.type === 'message')).toHaveLength(1);
    const text = replies[0].text ?? '';
    expect(text).toContain('1\u00a0866\u00a0672-3460');
    expect(text).toContain('418\u00a0528-7157');
    expect(text).toMatch(/\n\nCette réponse vous a-t-elle été utile\?$/);
    expect(suggestedTitles(replies)).toEqual(['Oui', 'Non']);

    const thanks = await h.turn('Oui');
    expect(thanks.map((r) => r.text).join('')).toContain('Merci');
    expect(suggestedTitles(thanks)).toEqual(MENU_FR);
    const rows = await h.db('faq_feedback').select();
    expect(rows).toEqual([
      expect.objectContaining({ entry_id: 'phone', helpful: 1, channel_id: 'test', locale: 'fr-CA', created_at: '2026-11-23T15:00:00.000Z' }),
    ]);
    expect(rows[0].conversation_id).toBeTruthy();
  });

  it('after « Non », stores it and offers to rephrase or to reach a person', async () => {
    h = await createConversationHarness();
    await h.say('quelle est votre adresse courriel');
    const replies = await h.turn('non');
    expect(replies.map((r) => r.text).join('')).toMatch(/reformuler/i);
    expect(suggestedTitles(replies)).toEqual(['Reformuler ma question', 'Parler à une personne']);
    expect(await h.db('faq_feedback').select('entry_id', 'helpful')).toEqual([{ entry_id: 'email-general', helpful: 0 }]);

    expect(await h.say('Reformuler ma question')).toContain('Quelle est votre question?');
    expect(await h.say('Parler à une personne')).toContain('418\u00a0528-7157');
  });

  it('after « Non », offers the other entries the question was close to, one click away', async () => {
    const close: IntentClassifier = {
      classify: (text) =>
        text === 'votre adresse courriel svp'
          ? {
              text,
              intents: [
                { intent: 'faq.email-general', score: 0.72 },
                { intent: 'faq.email-exam', score: 0.12 },
                { intent: 'handoff', score: 0.1 },
                { intent: 'faq.no-nominative-email', score: 0.01 },
                { intent: 'greeting', score: 0.05 },
              ],
            }
          : { text, intents: [{ intent: 'faq.email-exam', score: 1 }] },
    };
    h = await createConversationHarness({ classifier: close });
    expect(await h.say('votre adresse courriel svp')).toContain('carrieres@mcn.gouv.qc.ca');
    const replies = await h.turn('non');
    expect(replies.map((r) => r.text).join('')).toMatch(/plutôt sur l'un de ces sujets/);
    // Below the floor of alternatives (0.02) or already a button (« Parler à une personne »): not offered twice.
    expect(suggestedTitles(replies)).toEqual(["Courriel pour un problème d'examen en ligne", 'Reformuler ma question', 'Parler à une personne']);
    expect(await h.db('faq_feedback').select('entry_id', 'helpful')).toEqual([{ entry_id: 'email-general', helpful: 0 }]);
    expect(await h.say("Courriel pour un problème d'examen en ligne")).toContain('assistance.examensenligne@mcn.gouv.qc.ca');
  });

  it('answers a new question typed instead of answering the feedback question', async () => {
    h = await createConversationHarness();
    await h.say('heures douverture');
    const reply = await h.say('pis le courriel pour un probleme technique pendant mon examen en ligne?');
    expect(reply).toContain('assistance.examensenligne@mcn.gouv.qc.ca');
    expect(reply).toContain('Cette réponse vous a-t-elle été utile?');
    expect(await h.db('faq_feedback').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('forgets « utile ? » once something else was said: a later « oui » is no vote', async () => {
    h = await createConversationHarness();
    await h.say('quel est votre numéro de téléphone');
    await h.say('bonjour');
    expect(await h.say('oui')).toContain(fr('common:smallTalk.acknowledged'));
    expect(await h.db('faq_feedback').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('invites the question from the menu choice « Questions sur la dotation » and answers the next message', async () => {
    h = await createConversationHarness();
    const invite = await h.turn('Questions sur la dotation');
    expect(invite.map((r) => r.text).join('')).toContain('Quelle est votre question?');
    expect(suggestedTitles(invite)).toContain("Heures d'ouverture");
    expect(await h.say('jpeux tu vous appeler sur l’heure du dîner')).toContain('de 12\u00a0h à 13\u00a0h');
  });

  it('records the answered entry and the dialog for the statistics, and unanswered messages as outOfScope or None', async () => {
    h = await createConversationHarness();
    await h.say('numero de telephone');
    await h.say('Comment renouveler mon permis de conduire?');
    const intents = await loggedIntents(h);
    expect(intents[0]).toEqual({ intent: 'faq.phone', dialog: 'faq' });
    expect(['outOfScope', 'None']).toContain(intents[1].intent);
  });

  it('declines an out-of-scope question plainly, with what it can help with', async () => {
    h = await createConversationHarness();
    const replies = await h.turn('quelle est la météo pour demain à Québec');
    expect(replies.map((r) => r.text).join('')).toContain("Je n'ai pas bien compris");
    expect(suggestedTitles(replies)).toEqual(MENU_FR);
  });

  it('offers the top 3 as buttons when the top two are close, and answers the one chosen', async () => {
    const close: IntentClassifier = {
      classify: (text) =>
        text === 'ambigu'
          ? {
              text,
              intents: [
                { intent: 'faq.phone', score: 0.34 },
                { intent: 'faq.contact', score: 0.3 },
                { intent: 'handoff', score: 0.15 },
                { intent: 'greeting', score: 0.1 },
              ],
            }
          : { text, intents: [{ intent: 'faq.contact', score: 1 }] },
    };
    h = await createConversationHarness({ classifier: close });
    const replies = await h.turn('ambigu');
    expect(replies.map((r) => r.text).join('')).toContain('Voulez-vous dire…?');
    expect(suggestedTitles(replies)).toEqual(['Numéros de téléphone', 'Joindre le Centre', 'Parler à une personne']);
    expect((await loggedIntents(h))[0].intent).toBe('None');
    expect(await h.say('Joindre le Centre')).toContain('carrieres@mcn.gouv.qc.ca');
  });

  it('offers the choices with the real recognizer for a one-word question', async () => {
    h = await createConversationHarness();
    const replies = await h.turn('plainte');
    expect(replies.map((r) => r.text).join('')).toContain('Voulez-vous dire…?');
    expect(suggestedTitles(replies)).toContain('Déposer une plainte');
  });

  it('offers the complaint form under the complaints entry, whose answer points to it', async () => {
    h = await createConversationHarness();
    const replies = await h.turn('comment porter plainte sur la qualité du service');
    expect(replies.map((r) => r.text).join('')).toContain('commentaires-plaintes@mcn.gouv.qc.ca');
    expect(suggestedTitles(replies)).toEqual(['Oui', 'Non', 'Déposer une plainte']);
    expect(await h.say('Déposer une plainte')).toContain('Acceptez-vous');
  });

  it('answers in English when the locale is en-US', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', locale: 'en-US' });
    const replies = await h.turn('what is your toll-free number');
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('Toll-free: 1\u00a0866\u00a0672-3460');
    expect(text).toContain('Was this answer helpful?');
    expect(suggestedTitles(replies)).toEqual(['Yes', 'No']);
    await h.say('yes');
    expect(await h.db('faq_feedback').select('helpful', 'locale')).toEqual([{ helpful: 1, locale: 'en-US' }]);
  });
});

describe('a plain « oui » to a single choice', () => {
  let h: ConversationHarness | undefined;
  afterEach(async () => h?.close());
  const oneChoice: IntentClassifier = {
    classify: (text) => {
      if (text === 'qui paie pour ça')
        return {
          text,
          intents: [
            { intent: 'faq.cost', score: 0.5 },
            { intent: 'outOfScope', score: 0.3 },
          ],
        };
      if (text === 'Coût du service') return { text, intents: [{ intent: 'faq.cost', score: 1 }] };
      return { text, intents: [{ intent: 'outOfScope', score: 0.9 }] };
    },
  };

  it('takes the only choice of « Voulez-vous dire… ? », once', async () => {
    h = await createConversationHarness({ classifier: oneChoice });
    const replies = await h.turn('qui paie pour ça');
    expect(suggestedTitles(replies)).toEqual(['Coût du service']);
    expect(await h.say('oui')).toContain('montant forfaitaire');
    expect(await h.say('oui')).toContain(fr('faq:feedback.thanks')); // « Cette réponse vous a-t-elle été utile? »
    // The offer is past: another « oui » is only acknowledged.
    expect(await h.say('oui')).toContain(fr('common:smallTalk.acknowledged'));
  });

  it('forgets the choice once something else was asked', async () => {
    h = await createConversationHarness({ classifier: oneChoice });
    await h.turn('qui paie pour ça');
    await h.turn('bonjour tout le monde xyz');
    expect(await h.say('oui')).toContain(fr('common:smallTalk.acknowledged'));
  });
});
