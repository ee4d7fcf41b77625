import type { Activity } from 'botbuilder';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';

const USER = { id: 'citizen-1', name: 'Citoyenne', role: 'user' };
const NOW = '2026-11-23T15:00:00Z'; // lundi 10 h à Québec

describe('warning when a person types a sensitive identifier', () => {
  let h: ConversationHarness;
  beforeEach(async () => {
    h = await createConversationHarness({ now: NOW });
  });
  afterEach(async () => h.close());

  const send = (text: string, extra: Partial<Activity> = {}) => h.turn({ type: 'message', text, from: USER, ...extra });
  const textOf = (replies: Partial<Activity>[]) =>
    replies
      .filter((a) => a.type === 'message')
      .map((a) => a.text ?? '')
      .join('\n');

  it('warns about a SIN, says how a question about one’s own file is handled, and shows the menu instead of « pas compris »', async () => {
    const replies = await send('Mon NAS est 046 454 286');
    const text = textOf(replies);
    expect(text).toContain("votre message semble contenir un numéro d'assurance sociale");
    expect(text).toContain("n'écrivez pas ce genre de renseignement dans cette conversation");
    expect(text).toContain('téléphonez au CA-dotation au 418\u00a0528-7157 (Québec et les environs) ou au 1\u00a0866\u00a0672-3460 (sans frais)');
    expect(text).toContain('le Centre valide votre identité');
    expect(text).toContain("Aucune demande nominative n'est traitée par courriel");
    expect(text).not.toContain("Je n'ai pas bien compris");
    expect(suggestedTitles(replies)).toContain('Parler à une personne');
  });

  it('names every kind found: health-insurance number, date of birth, card number', async () => {
    expect(textOf(await send('NAM TREJ 8512 2514, je suis né le 12 mars 1985'))).toContain(
      "semble contenir un numéro d'assurance maladie et une date de naissance",
    );
    expect(textOf(await send('ma carte 4111 1111 1111 1111'))).toContain('un numéro de carte de paiement');
  });

  it('answers in English for an English locale', async () => {
    const text = textOf(await send('my date of birth is 1985-03-12', { locale: 'en-US' }));
    expect(text).toContain('your message seems to contain a date of birth');
    expect(text).toContain('call CA-dotation at 418\u00a0528-7157 (Québec City area) or 1\u00a0866\u00a0672-3460 (toll-free)');
  });

  it('does not warn about an ordinary date, a phone number or an e-mail address', async () => {
    for (const message of ['Mon examen du 12 mars a planté', 'mon numéro est le 418 555-0199', 'jean@exemple.ca']) {
      expect(textOf(await send(message))).not.toContain('semble contenir');
    }
  });

  it('warns, then still routes a question it understands (the exam triage starts)', async () => {
    const text = textOf(await send("Mon examen en ligne plante en ce moment, mon NAS c'est 046-454-286"));
    expect(text).toContain("un numéro d'assurance sociale");
    expect(text.indexOf('semble contenir')).toBeLessThan(text.indexOf("Quel est le nom ou le numéro de l'examen"));
  });

  it('never interrupts a form asking for a phone number, but warns about a SIN in a form answer and goes on', async () => {
    await send('Déposer une plainte');
    await send("Oui, j'accepte");
    await send('Marie Tremblay');
    expect(textOf(await send('Téléphone'))).toContain('Quel est votre numéro de téléphone?');
    const phoneAnswer = textOf(await send('418 555-0199'));
    expect(phoneAnswer).not.toContain('semble contenir');
    expect(phoneAnswer).toContain('Quel service votre plainte concerne-t-elle?');
    await send('Examens en ligne');
    await send('le 3 novembre');
    const text = textOf(await send("L'examen a figé. Mon NAS est 046 454 286."));
    expect(text).toContain("un numéro d'assurance sociale");
    // The form goes on to its next question after the warning.
    expect(text.indexOf('semble contenir')).toBeLessThan(text.indexOf('Quel résultat souhaitez-vous obtenir?'));
  });

  it('keeps the identifier out of the interaction log', async () => {
    await send('Mon NAS est 046 454 286, née le 12 mars 1985');
    await h.transcriptStore.flush();
    const rows = (await h.db('interactions').select('text')) as Array<{ text: string | null }>;
    const stored = rows.map((r) => r.text ?? '').join('\n');
    expect(stored).toContain('Mon NAS est [NAS], née le [date de naissance]');
    expect(stored).not.toMatch(/046|1985/);
  });
});
