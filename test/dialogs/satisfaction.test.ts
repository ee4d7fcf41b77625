import type { Activity } from 'botbuilder';
import { translator } from '../../domain/i18n';
import { parseChatRating } from '../../dialogs/satisfactionDialog';
import { MARIE as marie } from '../helpers/chatFixtures';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';

const USER = { id: 'citizen-satisfaction', name: 'Citoyenne', role: 'user' };
const NOW = '2026-11-23T15:00:00Z'; // lundi 23 novembre 2026, 10 h à Québec
const RATINGS = ['1 – Très insatisfaisant', '2 – Insatisfaisant', '3 – Moyen', '4 – Satisfaisant', '5 – Très satisfaisant'];

interface RatingRow {
  source: string;
  service: string;
  rating: number;
  comment: string | null;
  complaint_reference: string | null;
}

describe('satisfaction survey in the chat (fr-CA)', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());
  beforeEach(async () => {
    h = await createConversationHarness({ now: NOW });
  });

  const send = (text: string, extra: Partial<Activity> = {}) => h.turn({ type: 'message', text, from: USER, ...extra });
  const textOf = (replies: Partial<Activity>[]) =>
    replies
      .filter((a) => a.type === 'message')
      .map((a) => a.text ?? '')
      .join('\n');
  const ratings = async (): Promise<RatingRow[]> =>
    (await h.db('satisfaction_ratings').orderBy('id').select('source', 'service', 'rating', 'comment', 'complaint_reference')).map((r: RatingRow) => ({
      ...r,
      rating: Number(r.rating),
    }));

  it('asks once, after a thank-you that follows an answered question, and stores the comment masked', async () => {
    await send('Quelles sont vos heures d’ouverture?');
    const thanks = await send('merci beaucoup');
    expect(textOf(thanks)).toContain('Ça me fait plaisir!');
    expect(textOf(thanks)).toContain('quelle note donnez-vous au service reçu dans cette conversation?');
    expect(suggestedTitles(thanks)).toEqual(RATINGS);

    const rated = await send('4 – Satisfaisant');
    expect(textOf(rated)).toContain('Voulez-vous ajouter un commentaire?');
    expect(suggestedTitles(rated)).toEqual(['Non merci']);
    const commented = await send("Très clair. Je m'appelle Julie Roy, née le 4 avril 1988, courriel julie.roy@exemple.ca");
    expect(textOf(commented)).toContain('Votre commentaire est enregistré');
    expect(await ratings()).toEqual([
      {
        source: 'conversation',
        service: 'hours',
        rating: 4,
        comment: "Très clair. Je m'appelle [nom], née le [date de naissance], courriel [courriel]",
        complaint_reference: null,
      },
    ]);
    // The interaction log keeps no comment either.
    await h.transcriptStore.flush();
    const logged = await h.db('interactions').where('direction', 'in').select('text');
    expect(logged.map((r: { text: string | null }) => r.text ?? '').join(' ')).not.toContain('Julie');

    // Never twice in the same conversation.
    const again = await send('merci, bonne journée');
    expect(textOf(again)).not.toContain('quelle note');
    expect(await ratings()).toHaveLength(1);
  });

  it('does not ask a person who only says thanks without having asked anything', async () => {
    const replies = await send('merci');
    expect(textOf(replies)).not.toContain('quelle note');
    expect(await ratings()).toEqual([]);
  });

  it('never blocks: another message instead of a rating is understood as usual, and nothing is recorded', async () => {
    await send('Quel est le numéro sans frais?');
    expect(textOf(await send('merci'))).toContain('quelle note');
    const answered = await send('Quelles sont vos heures d’ouverture?');
    expect(textOf(answered)).toMatch(/8\u00a0h\u00a030/);
    expect(await ratings()).toEqual([]);
    // Asked once: declining by asking something else counts.
    expect(textOf(await send('merci'))).not.toContain('quelle note');
  });

  it('a question typed instead of a comment is answered, and the rating stays without a comment', async () => {
    await send('Mon examen en ligne plante en ce moment, la page est figée');
    expect(textOf(await send('Processus 12345'))).toContain('EX-2026-000001');
    expect(textOf(await send('au revoir'))).toContain('quelle note');
    expect(textOf(await send('5'))).toContain('Voulez-vous ajouter un commentaire?');
    const asked = await send('Quel est le numéro sans frais?');
    expect(textOf(asked)).toContain('1\u00a0866\u00a0672-3460');
    expect(await ratings()).toEqual([{ source: 'conversation', service: 'exam-problem', rating: 5, comment: null, complaint_reference: null }]);
  });

  it('asks the citizen who follows a closed complaint, once, and records it against the complaint', async () => {
    const { complaints } = h.core.services;
    const { complaint } = await complaints.create(marie, { submissionId: 'satisfaction-1' });
    await complaints.recordAnswer(complaint.reference, { actor: 'bob' });
    await complaints.close(complaint.reference, { actor: 'bob' });
    await send('Suivre une plainte');
    await send(complaint.reference);
    const status = await send('marie.tremblay@exemple.qc.ca');
    expect(textOf(status)).toContain(': fermée.');
    expect(textOf(status)).toContain(`Votre plainte ${complaint.reference} est fermée. Quelle note donnez-vous à la façon dont elle a été traitée?`);
    expect(suggestedTitles(status)).toEqual(RATINGS);
    expect(textOf(await send('2'))).toContain('Voulez-vous ajouter un commentaire?');
    expect(textOf(await send('Non merci'))).toContain('Votre note est enregistrée.');
    expect(await ratings()).toEqual([{ source: 'complaint', service: 'ca-dotation-phone', rating: 2, comment: null, complaint_reference: complaint.reference }]);

    // Looked up again (here or in another conversation): not asked again, it is rated.
    await send('Suivre une plainte');
    await send(complaint.reference);
    const again = await send('marie.tremblay@exemple.qc.ca');
    expect(textOf(again)).toContain(': fermée.');
    expect(textOf(again)).not.toContain('Quelle note');
    expect(await ratings()).toHaveLength(1);
  });
});

describe('reading a rating typed in the chat', () => {
  const t = translator('fr');
  it('accepts the buttons, a digit, « 4/5 », « 4 sur 5 » and the words alone, and nothing else', () => {
    expect(RATINGS.map((r) => parseChatRating(r, t))).toEqual([1, 2, 3, 4, 5]);
    expect(['4', ' 4 ', '4/5', '4 sur 5', 'satisfaisant', 'Très satisfaisant', 'tres satisfaisant'].map((r) => parseChatRating(r, t))).toEqual([4, 4, 4, 4, 4, 5, 5]);
    expect(['6', '0', '5 minutes', '45', 'quelles sont vos heures', ''].map((r) => parseChatRating(r, t))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
