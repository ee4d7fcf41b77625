import type { Activity, Attachment } from 'botbuilder';
import { COMPLAINT_SERVICES, COMPLAINT_STATUSES } from '../../domain/complaints/complaint';
import { escapeMarkdown } from '../../domain/format/markdown';
import { translator } from '../../domain/i18n';
import { answerInTurn, COMPLAINT_FORM_FR } from '../helpers/chatFixtures';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';

// Web Chat renders message text and Adaptive Card TextBlocks with markdown-it (botframework-webchat's own dependency).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(markdown: string): string };
const webChatMarkdown = new MarkdownIt({ html: true, linkify: true, typographer: true, breaks: false });

const USER = { id: 'citizen-1', name: 'Citoyenne', role: 'user' };
const NOW = '2026-11-23T15:00:00Z'; // lundi 23 novembre 2026, 10 h à Québec

/** The distinct HTML tags of rendered Markdown, sorted. */
const tagsIn = (html: string): string[] => [...new Set([...html.matchAll(/<([a-z][a-z0-9]*)\b/g)].map((m) => m[1]))].sort();

/** Links whose visible text is not their own target (« [cliquez ici](http://…) »). */
const deceptiveLinks = (html: string): string[] =>
  [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].filter(([, href, text]) => decodeURI(href).replace(/^mailto:/, '') !== text).map(([link]) => link);

interface CardElement {
  type: string;
  text?: string;
  title?: string;
  data?: { complaintAction: string; submissionId: string };
}
interface Card {
  body: CardElement[];
  actions: CardElement[];
  fallbackText: string;
}

describe('complaint intake dialog (fr-CA)', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  /** One message from the citizen (role user, so the interaction log treats it as inbound). */
  const send = (text: string, extra: Partial<Activity> = {}) => h.turn({ type: 'message', text, from: USER, ...extra });
  const say = async (text: string, extra: Partial<Activity> = {}) =>
    (await send(text, extra))
      .filter((a) => a.type === 'message')
      .map((a) => a.text ?? '')
      .join('\n');
  const click = (value: object, extra: Partial<Activity> = {}) => h.turn({ type: 'message', value, from: USER, ...extra });

  const cardOf = (replies: Partial<Activity>[]): Card | undefined =>
    replies.flatMap((a) => a.attachments ?? []).find((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content as
      Card | undefined;
  const cardTexts = (card: Card) => card.body.filter((e) => e.type === 'TextBlock').map((e) => e.text ?? '');
  const button = (card: Card, action: string) => card.actions.find((a) => a.data?.complaintAction === action)!.data!;
  const complaints = () => h.db('complaints').select();

  /** Walks the form up to the summary; returns the summary turn. */
  async function fillUpToSummary(
    answers: Partial<{ name: string; method: string; contact: string; service: string; when: string; description: string; outcome: string }> = {},
    extra: Partial<Activity> = {},
  ): Promise<Partial<Activity>[]> {
    await send('Déposer une plainte', extra);
    await send("Oui, j'accepte", extra);
    await send(answers.name ?? 'Marie Tremblay', extra);
    await send(answers.method ?? 'Courriel', extra);
    await send(answers.contact ?? 'Marie.Tremblay@Exemple.QC.ca', extra);
    await send(answers.service ?? 'Examens en ligne', extra);
    await send(answers.when ?? 'le 3 novembre', extra);
    await send(answers.description ?? "L'examen en ligne a figé deux fois pendant la section 2.", extra);
    return send(answers.outcome ?? 'Pouvoir reprendre mon examen.', extra);
  }

  it('gives the collection notice and asks consent before anything else', async () => {
    h = await createConversationHarness({ now: NOW });
    const replies = await send('Déposer une plainte');
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('traiter votre plainte et à communiquer avec vous'); // why
    expect(text).toContain('seulement le personnel du Ministère qui traite les plaintes'); // who
    expect(text).toContain('conservés 2 ans après la fermeture de votre plainte'); // how long (COMPLAINT_RETENTION_DAYS = 730)
    expect(text).toContain('consulter ces renseignements et à les faire corriger'); // rights
    expect(text).toContain('http://localhost:3978/confidentialite'); // PRIVACY_POLICY_URL
    expect(text).toContain('Acceptez-vous que ces renseignements soient recueillis');
    expect(suggestedTitles(replies)).toEqual(["Oui, j'accepte", 'Non']);
    expect(text).not.toContain('Quel est votre nom');
  });

  it('ends politely when consent is refused, with the e-mail alternative, and stores nothing', async () => {
    h = await createConversationHarness({ now: NOW });
    await send('Déposer une plainte');
    const replies = await send('Non');
    const text = replies.map((r) => r.text).join('\n');
    expect(text).toContain('je ne recueille aucun renseignement');
    expect(text).toContain('commentaires-plaintes@mcn.gouv.qc.ca');
    expect(suggestedTitles(replies)).toContain('Déposer une plainte');
    expect(await complaints()).toEqual([]);
    expect(await say('bonjour')).toContain('Bonjour');
  });

  it('files a complaint: summary card, confirmation with the reference, both deadlines and the recourse', async () => {
    h = await createConversationHarness({ now: NOW });
    expect(await say('Déposer une plainte')).toContain('Acceptez-vous');
    expect(await say("Oui, j'accepte")).toContain('Quel est votre nom?');
    expect(await say('Marie Tremblay')).toContain('Comment préférez-vous');
    expect(await say('Courriel')).toContain('Quelle est votre adresse courriel?');
    const serviceTurn = await send('Marie.Tremblay@Exemple.QC.ca');
    expect(serviceTurn[0].text).toContain('Quel service');
    expect(suggestedTitles(serviceTurn)).toEqual(COMPLAINT_SERVICES.map((key) => translator('fr')(`complaint:services.${key}`)));
    expect(suggestedTitles(serviceTurn)).toContain('Autre');
    expect(await say('Examens en ligne')).toContain('Quand la situation');
    expect(await say('le 3 novembre')).toContain('Décrivez la situation');
    expect(await say("L'examen en ligne a figé deux fois pendant la section 2.")).toContain('Quel résultat souhaitez-vous');
    const summary = await send('Pouvoir reprendre mon examen.');

    const card = cardOf(summary)!;
    expect(card).toBeDefined();
    expect(cardTexts(card)).toEqual(
      expect.arrayContaining([
        'Résumé de votre plainte',
        'Marie Tremblay',
        'marie.tremblay@exemple.qc.ca',
        'Examens en ligne',
        'mardi 3 novembre 2026',
        "L'examen en ligne a figé deux fois pendant la section 2.",
        'Pouvoir reprendre mon examen.',
      ]),
    );
    expect(card.actions.map((a) => a.title)).toEqual(['Confirmer', 'Modifier', 'Annuler']);
    expect(await complaints()).toEqual([]);

    const confirmation = await click(button(card, 'confirm'));
    const text = confirmation.map((r) => r.text).join('\n');
    expect(text).toContain('Votre plainte est enregistrée sous le numéro **PL-2026-000001**');
    expect(text).toContain('au plus tard le lundi 30 novembre 2026'); // 5 jours ouvrables après le lundi 23 novembre
    expect(text).toContain('au plus tard le lundi 21 décembre 2026'); // 20 jours ouvrables
    // The recourse: the ministry's own declaration first (seed 000), then the Protecteur du citoyen as the SCT's (seed 002) names it.
    expect(text).toContain('la Déclaration de services du ministère vous invite à écrire à commentaires-plaintes@mcn.gouv.qc.ca en indiquant votre numéro de plainte, **PL-2026-000001**');
    expect(text).toContain('dans un délai de 5 jours ouvrables');
    expect(text).toContain('dans un délai de 20 jours ouvrables');
    expect(text).toContain('Secrétariat du Conseil du trésor (2023), pour les services du Secrétariat, est le Protecteur du citoyen');
    expect(text.indexOf('commentaires-plaintes@mcn.gouv.qc.ca')).toBeLessThan(text.indexOf('Protecteur du citoyen'));
    expect(text).not.toContain('vous pourrez soumettre votre cas au Protecteur du citoyen');
    expect(text).toContain('1\u00a0800\u00a0463-5070');
    expect(suggestedTitles(confirmation)).toContain('Suivre une plainte');

    const [row] = await complaints();
    expect(row).toMatchObject({
      reference: 'PL-2026-000001',
      status: 'received',
      complainant_name: 'Marie Tremblay',
      contact_method: 'email',
      contact_value: 'marie.tremblay@exemple.qc.ca',
      service: 'online-exams',
      incident_date: '2026-11-03',
      description: "L'examen en ligne a figé deux fois pendant la section 2.",
      desired_outcome: 'Pouvoir reprendre mon examen.',
      received_date: '2026-11-23',
      first_contact_due_date: '2026-11-30',
      answer_due_date: '2026-12-21',
      channel_id: 'test',
      locale: 'fr-CA',
    });
    expect(await h.db('complaint_events').where({ complaint_id: row.id })).toMatchObject([{ type: 'received', to_status: 'received', actor: 'citoyen' }]);
  });

  it('re-asks an invalid e-mail clearly, then accepts a valid one without losing anything', async () => {
    h = await createConversationHarness({ now: NOW });
    await send('Déposer une plainte');
    await send('Oui');
    await send('Marie Tremblay');
    await send('Courriel');
    expect(await say('marie.tremblay@exemple')).toBe(
      'Cette adresse courriel ne semble pas valide. Écrivez-la au complet, par exemple\u00a0: prenom.nom@exemple.com',
    );
    expect(await say('marie tremblay at exemple.ca')).toContain('ne semble pas valide');
    expect(await say('marie.tremblay@exemple.ca')).toContain('Quel service');
    await send('Autre');
    await send('Passer cette question');
    await send('Personne ne répond à mes courriels depuis trois semaines.');
    const summary = await send('Passer cette question');
    expect(cardTexts(cardOf(summary)!)).toContain('marie.tremblay@exemple.ca');
    expect(cardTexts(cardOf(summary)!)).toContain('Marie Tremblay');
  });

  it.each([
    ['(418) 555-0199', '+14185550199', '418\u00a0555-0199'],
    ['418.555.0199 poste 12', '+14185550199,12', '418\u00a0555-0199, poste 12'],
    ['1 819 555-0123', '+18195550123', '819\u00a0555-0123'],
    ['+1 514 555 0100', '+15145550100', '514\u00a0555-0100'],
  ])('accepts the Québec phone format %s', async (typed, stored, shown) => {
    h = await createConversationHarness({ now: NOW });
    const summary = await fillUpToSummary({ method: 'Téléphone', contact: typed });
    const card = cardOf(summary)!;
    expect(cardTexts(card)).toContain('Téléphone');
    expect(cardTexts(card)).toContain(shown);
    await click(button(card, 'confirm'));
    expect(await complaints()).toMatchObject([{ contact_method: 'phone', contact_value: stored }]);
  });

  it('re-asks an invalid phone number with the expected format', async () => {
    h = await createConversationHarness({ now: NOW });
    await send('Déposer une plainte');
    await send('Oui');
    await send('Jean Roy');
    expect(await say('Téléphone')).toContain('Quel est votre numéro de téléphone?');
    expect(await say('555-0199')).toContain('Ce numéro de téléphone ne semble pas valide. Écrivez les 10 chiffres');
    expect(await say('018\u00a0555-0199')).toContain('ne semble pas valide');
    expect(await say('418\u00a0555-0199')).toContain('Quel service');
  });

  it('changes one field with « Modifier » without starting over', async () => {
    h = await createConversationHarness({ now: NOW });
    const first = cardOf(await fillUpToSummary())!;
    const modify = await click(button(first, 'modify'));
    expect(modify[0].text).toBe('Quel renseignement voulez-vous modifier?');
    expect(suggestedTitles(modify)).toEqual([
      'Nom',
      'Moyen de vous joindre',
      'Service concerné',
      'Date de la situation',
      'Description',
      'Résultat souhaité',
      'Rien, revenir au résumé',
    ]);
    expect(await say('Service concerné')).toContain('Quel service');
    const second = cardOf(await send('Processus de qualification'))!;
    expect(cardTexts(second)).toContain('Processus de qualification');
    expect(cardTexts(second)).toContain('Marie Tremblay');
    // Same summary, same submission: the id is fixed when the summary is first shown.
    expect(button(second, 'confirm').submissionId).toBe(button(first, 'confirm').submissionId);

    await say('Modifier'); // typed, as on a channel without cards
    await say('Moyen de vous joindre');
    await say('Téléphone');
    const third = cardOf(await send('418 555-0199'))!;
    expect(cardTexts(third)).toContain('418\u00a0555-0199');
    expect(cardTexts(third)).not.toContain('marie.tremblay@exemple.qc.ca');

    await say('Modifier');
    expect(cardOf(await send('Rien, revenir au résumé'))).toBeDefined();

    await say('Confirmer');
    expect(await complaints()).toMatchObject([
      {
        service: 'qualification-processes',
        contact_method: 'phone',
        contact_value: '+14185550199',
        complainant_name: 'Marie Tremblay',
        incident_date: '2026-11-03',
      },
    ]);
  });

  it('asks before discarding on « annuler »: « Non, continuer » asks the current question again, « Oui » discards', async () => {
    h = await createConversationHarness({ now: NOW });
    await answerInTurn(send, COMPLAINT_FORM_FR);
    await send('Autre');
    expect(await say('hier')).toContain('Décrivez la situation');

    const ask = await send('annuler');
    expect(ask[0].text).toBe('Voulez-vous vraiment abandonner? Les renseignements que vous avez entrés seront effacés.');
    expect(suggestedTitles(ask)).toEqual(['Oui, abandonner', 'Non, continuer']);
    const resumed = await say('Non, continuer');
    expect(resumed).toContain("D'accord, on continue.");
    expect(resumed).toContain('Décrivez la situation'); // the current question, asked again
    expect(await say("J'ai attendu 45 minutes au téléphone.")).toContain('Quel résultat souhaitez-vous'); // nothing was lost

    await say('annuler');
    const done = await send('Oui, abandonner');
    expect(done[0].text).toBe("C'est annulé. Aucun renseignement n'a été conservé.");
    expect(suggestedTitles(done)).toContain('Déposer une plainte');
    expect(await complaints()).toEqual([]);
    expect(await say('Marie Tremblay')).toContain("Je n'ai pas bien compris"); // the form is gone
  });

  it('keeps the form when the answer to « abandonner? » is unclear, and answers « parler à un agent » meanwhile', async () => {
    h = await createConversationHarness({ now: NOW });
    await send('Déposer une plainte');
    await send('Oui');
    expect(await say('annuler')).toContain('Voulez-vous vraiment abandonner?');
    const agent = await say('parler à un agent');
    expect(agent).toContain('418\u00a0528-7157'); // « un » is not read as choice 1 (« Oui, abandonner »)
    expect(agent).toContain('Voulez-vous vraiment abandonner?');
    const unclear = await say('je ne sais pas trop');
    expect(unclear).toContain("D'accord, on continue.");
    expect(await say('Marie Tremblay')).toContain('Comment préférez-vous'); // the name question was still open
  });

  it('asks before discarding from the summary too (word and card button), and shows the summary again on « Non »', async () => {
    h = await createConversationHarness({ now: NOW });
    const card = cardOf(await fillUpToSummary())!;
    expect(await say('annuler')).toContain('Voulez-vous vraiment abandonner?');
    const back = await send('Non, continuer');
    expect(back[0].text).toBe("D'accord, on continue.");
    expect(cardOf(back)).toBeDefined();

    expect((await click(button(card, 'cancel')))[0].text).toContain('Voulez-vous vraiment abandonner?');
    const again = await send('Non');
    expect(cardOf(again)).toBeDefined();

    await click(button(card, 'cancel'));
    expect(await say('Oui')).toContain("C'est annulé.");
    expect(await complaints()).toEqual([]);
  });

  it('lets the person skip the optional questions', async () => {
    h = await createConversationHarness({ now: NOW });
    await answerInTurn(send, COMPLAINT_FORM_FR);
    const when = await send('Systèmes de dotation en ligne');
    expect(suggestedTitles(when)).toEqual(['Passer cette question']);
    expect(await say('je ne sais pas')).toContain('Décrivez la situation');
    const outcome = await send('Le système de dotation en ligne refuse mon curriculum vitæ.');
    expect(suggestedTitles(outcome)).toEqual(['Passer cette question']);
    const card = cardOf(await send('Passer cette question'))!;
    expect(cardTexts(card).filter((text) => text === 'Non précisé')).toHaveLength(2);
    await click(button(card, 'confirm'));
    expect(await complaints()).toMatchObject([{ incident_date: null, desired_outcome: null, service: 'online-staffing-systems' }]);
  });

  it.each([
    ['hier', '2026-11-22', 'dimanche 22 novembre 2026'],
    ['le 3 novembre', '2026-11-03', 'mardi 3 novembre 2026'],
    ['lundi passé', '2026-11-16', 'lundi 16 novembre 2026'],
    ['avant-hier', '2026-11-21', 'samedi 21 novembre 2026'],
  ])('understands « %s » as a date, relative to the Québec date', async (typed, stored, shown) => {
    h = await createConversationHarness({ now: NOW });
    const card = cardOf(await fillUpToSummary({ when: typed }))!;
    expect(cardTexts(card)).toContain(shown);
    await click(button(card, 'confirm'));
    expect(await complaints()).toMatchObject([{ incident_date: stored }]);
  });

  it('refuses a future date and an unrecognized one, with a clear re-prompt', async () => {
    h = await createConversationHarness({ now: NOW });
    await answerInTurn(send, COMPLAINT_FORM_FR);
    await send('Autre');
    const future = await send('demain');
    expect(future[0].text).toContain('Cette date est dans le futur');
    expect(suggestedTitles(future)).toEqual(['Passer cette question']);
    expect(await say("pendant l'automne")).toContain("Je n'ai pas reconnu cette date");
    expect(await say('vendredi')).toContain('Décrivez la situation');
  });

  it('re-asks a description that is too short, and one over 4 000 characters; 4 000 exactly is kept whole', async () => {
    h = await createConversationHarness({ now: NOW });
    await answerInTurn(send, COMPLAINT_FORM_FR);
    await send('Autre');
    expect(await say('Passer cette question')).toContain('4 000 caractères au maximum');
    expect(await say('Pas content')).toBe(
      "Votre description est très courte. Donnez quelques détails\u00a0: ce qui s'est passé et avec quel service (au moins 15 caractères).",
    );
    expect(await say('x'.repeat(4001))).toBe(
      'Votre description compte 4 001 caractères; la limite est de 4 000. Raccourcissez-la, puis envoyez-la de nouveau.',
    );
    const long = `Attente. ${'a'.repeat(3991)}`;
    expect(long).toHaveLength(4000);
    expect(await say(long)).toContain('Quel résultat souhaitez-vous');
    const card = cardOf(await send('Passer cette question'))!;
    await click(button(card, 'confirm'));
    const [row] = await complaints();
    expect(row.description).toHaveLength(4000);
  });

  it('stores Markdown and HTML as typed but shows them escaped in the card and in the plain-text summary', async () => {
    const hostile = '**Urgent** [cliquez ici](http://evil.example/phish) <script>alert(1)</script> <img src=x onerror=alert(1)>\n# Titre\n- liste\n1. un';
    h = await createConversationHarness({ now: NOW });
    const card = cardOf(await fillUpToSummary({ description: hostile, name: '_Marie_ <b>Tremblay</b>' }))!;
    const description = card.body[card.body.findIndex((e) => e.text === 'Description') + 1].text!;
    expect(description).toBe(escapeMarkdown(hostile));
    expect(card.fallbackText).toContain(`Description\u00a0: ${escapeMarkdown(hostile)}`);
    const renderedDescription = webChatMarkdown.render(description);
    const renderedFallback = webChatMarkdown.render(card.fallbackText);
    expect(tagsIn(renderedDescription)).toEqual(['a', 'p']); // the paragraph, and linkify's bare URL
    expect(tagsIn(renderedFallback)).toEqual(['a', 'p', 'strong']); // + the summary's own bold title and the e-mail autolink
    for (const rendered of [renderedDescription, renderedFallback]) {
      expect(deceptiveLinks(rendered)).toEqual([]); // no link whose text hides its target
      expect(rendered).toContain('**Urgent**');
      expect(rendered).toContain('[cliquez ici]');
      expect(rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(rendered).toContain('# Titre');
    }
    expect(webChatMarkdown.render(cardTexts(card).find((text) => text.includes('Marie'))!)).toContain('_Marie_ &lt;b&gt;Tremblay&lt;/b&gt;');
    await click(button(card, 'confirm'));
    expect(await complaints()).toMatchObject([{ description: hostile.trim(), complainant_name: '_Marie_ <b>Tremblay</b>' }]);
  });

  it('sends a plain-text summary with suggested actions to a channel without cards, escaped as well', async () => {
    h = await createConversationHarness({ now: NOW });
    const summary = await fillUpToSummary({ description: 'Voir [ce lien](http://evil.example) svp, **vite**.' }, { channelId: 'sms' });
    expect(cardOf(summary)).toBeUndefined();
    const text = summary.map((r) => r.text).join('\n');
    expect(text).toContain('Nom\u00a0: Marie Tremblay');
    expect(text).toContain('Description\u00a0: Voir \\[ce lien\\](http://evil.example) svp, \\*\\*vite\\*\\*.');
    expect(webChatMarkdown.render(text)).not.toContain('>ce lien</a>');
    expect(suggestedTitles(summary)).toEqual(['Confirmer', 'Modifier', 'Annuler']);
    expect(await say('Confirmer', { channelId: 'sms' })).toContain('PL-2026-000001');
    expect(await complaints()).toMatchObject([{ channel_id: 'sms' }]);
  });

  it('writes the choices out on a channel without buttons, and understands them typed or by number', async () => {
    h = await createConversationHarness({ now: NOW });
    const sms = { channelId: 'sms' };
    const consent = await send('Déposer une plainte', sms);
    expect(consent.map((r) => r.text).join('\n')).toMatch(/Oui, j'accepte.*Non/s);
    await send('oui', sms);
    await send('Marie Tremblay', sms);
    expect(await say('2', sms)).toContain('Quel est votre numéro de téléphone?'); // 2 = Téléphone
    expect(await say('418\u00a0555-0199', sms)).toMatch(/Examens en ligne[\s\S]*Autre/);
    expect(await say('autre', sms)).toContain('Quand la situation');
  });

  it('creates one complaint for a double click on « Confirmer », and answers the second click with the same reference', async () => {
    h = await createConversationHarness({ now: NOW });
    const card = cardOf(await fillUpToSummary())!;
    const first = (await click(button(card, 'confirm'))).map((r) => r.text).join('\n');
    const second = (await click(button(card, 'confirm'))).map((r) => r.text).join('\n');
    expect(first).toContain('PL-2026-000001');
    expect(second).toBe(first);
    expect(await say('Confirmer')).toBe(first); // typed again right after
    expect(await complaints()).toHaveLength(1);
    // The card's other buttons no longer change anything.
    expect((await click(button(card, 'modify'))).map((r) => r.text).join('\n')).toContain('Votre plainte est déjà transmise sous le numéro **PL-2026-000001**');
    expect(await complaints()).toHaveLength(1);
  });

  it('does not let a card from an earlier summary confirm a new complaint', async () => {
    h = await createConversationHarness({ now: NOW });
    const old = cardOf(await fillUpToSummary())!;
    await say('annuler');
    await say('Oui');
    const current = cardOf(await fillUpToSummary({ name: 'Jean Roy' }))!;
    expect(button(current, 'confirm').submissionId).not.toBe(button(old, 'confirm').submissionId);
    expect((await click(button(old, 'confirm')))[0].text).toContain("Je n'ai pas compris votre choix");
    expect(await complaints()).toEqual([]);
    await click(button(current, 'confirm'));
    expect(await complaints()).toMatchObject([{ complainant_name: 'Jean Roy' }]);
  });

  it('keeps personal information out of the interaction log', async () => {
    h = await createConversationHarness({ now: NOW });
    const card = cardOf(await fillUpToSummary({ name: 'Gertrude Pelletier', description: 'Le préposé Bob a raccroché au nez de Gertrude.' }))!;
    await click(button(card, 'confirm'));
    await h.transcriptStore.flush();
    const rows = (await h.db('interactions').select('text', 'activity_json', 'redacted', 'direction')) as Array<{ text: string | null; activity_json: string }>;
    const everything = rows.map((r) => `${r.text ?? ''} ${r.activity_json}`).join('\n');
    expect(rows.length).toBeGreaterThan(10);
    expect(everything).not.toContain('Gertrude');
    expect(everything).not.toContain('raccroché');
    expect(everything).not.toMatch(/marie\.tremblay/i);
    expect(everything).toContain('PL-2026-000001'); // the confirmation itself is not personal
  });

  it('speaks English when the channel locale is English', async () => {
    h = await createConversationHarness({ now: NOW, locale: 'en-CA' });
    const notice = await say('File a complaint');
    expect(notice).toContain('only the Ministère staff who handle complaints');
    expect(notice).toContain('kept for 2 years after your complaint is closed');
    await say('Yes, I agree');
    await say('Mary Smith');
    await say('E-mail');
    expect(await say('mary@example')).toContain('This e-mail address does not look valid');
    await say('mary@example.ca');
    await say('Online exams');
    await say('yesterday');
    await say('The exam froze twice during part 2.');
    const card = cardOf(await send('Skip this question'))!;
    expect(card.actions.map((a) => a.title)).toEqual(['Confirm', 'Modify', 'Cancel']);
    expect(cardTexts(card)).toContain('Sunday, November 22, 2026');
    const done = (await click(button(card, 'confirm'))).map((r) => r.text).join('\n');
    expect(done).toContain('no later than Monday, November 30, 2026');
  });
});

describe('complaint locale strings', () => {
  const keys = (value: unknown, prefix = ''): string[] =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

  it('has the same keys in French and English', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(keys(require('../../locales/en/complaint.json'))).toEqual(keys(require('../../locales/fr/complaint.json')));
  });

  it('names every status and every service in both languages', () => {
    for (const lang of ['fr', 'en'] as const) {
      const t = translator(lang);
      for (const status of COMPLAINT_STATUSES) expect(t(`complaint:status.${status}`)).not.toContain('status.');
      for (const service of COMPLAINT_SERVICES) expect(t(`complaint:services.${service}`)).not.toContain('services.');
    }
    expect(COMPLAINT_STATUSES.map((s) => translator('fr')(`complaint:status.${s}`))).toEqual(['reçue', 'prise en charge', 'répondue', 'fermée', 'abandonnée']);
  });
});
