import type { Activity } from 'botbuilder';
import type { IntentClassifier } from '../../domain/understanding/intents';
import { Intents } from '../../domain/understanding/intents';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';

/** Every opener is the exam-problem intent, so these tests exercise the dialog whatever the recognizer of the day. */
const examIntent: IntentClassifier = { classify: (text) => ({ text, intents: [{ intent: Intents.examProblem, score: 1 }] }) };

const MENU_EXAM = "Problème technique lors d'un examen en ligne";
const KIND_BUTTONS = [
  "Accès ou connexion à l'examen",
  'Page figée ou qui ne se charge pas',
  'Chronomètre (minuterie)',
  'Soumission des réponses',
  'Audio, vidéo ou affichage',
  'Autre problème technique',
  'Autre question (pas un problème technique)',
];
const EXAM_ADDRESS = 'assistance.examensenligne@mcn.gouv.qc.ca';

interface IncidentRow {
  reference: string;
  submission_id: string;
  created_at: string;
  problem_at: string | null;
  exam_in_progress: number;
  problem_kind: string;
  exam_name: string | null;
  device: string | null;
  browser: string | null;
  priority: string;
  route: string;
  centre_open: number;
  status: string;
  calendar_version: string;
  channel_id: string | null;
  conversation_id: string | null;
  locale: string | null;
}

const textOf = (activities: Partial<Activity>[]) => activities.map((a) => a.text ?? '').join('\n');
const incidents = (h: ConversationHarness) => h.db('exam_incidents').orderBy('id') as Promise<IncidentRow[]>;

/** The mailto URL of the Markdown link to the exam-support address. */
function mailtoIn(text: string): string {
  const match = new RegExp(`\\[${EXAM_ADDRESS.replace(/\./g, '\\.')}\\]\\((mailto:[^)\\s]+)\\)`).exec(text);
  if (!match) throw new Error(`no mailto link in: ${text}`);
  return match[1];
}

function decodeMailto(url: string): { to: string; subject: string; body: string } {
  const [to, query] = url.slice('mailto:'.length).split('?');
  const params = Object.fromEntries(query.split('&').map((p) => p.split('=') as [string, string]));
  return { to, subject: decodeURIComponent(params.subject), body: decodeURIComponent(params.body) };
}

/** Runs a conversation and keeps what was asked, for counting questions. */
async function run(h: ConversationHarness, messages: string[]): Promise<Partial<Activity>[][]> {
  const turns: Partial<Activity>[][] = [];
  for (const m of messages) turns.push(await h.turn(m));
  return turns;
}

describe('exam problem dialog', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  it('urgent while the Centre is open (Monday 10 h): call now, and also write; quick replies at every question', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    const first = await h.turn(MENU_EXAM);
    expect(textOf(first)).toContain("Je vais vous diriger vers l'aide la plus rapide");
    expect(textOf(first)).toContain("Êtes-vous en train de faire l'examen");
    expect(suggestedTitles(first)).toEqual(['Oui, en ce moment', 'Non']);

    const second = await h.turn('Oui, en ce moment');
    // The phone number comes as soon as the exam is known to be running.
    expect(textOf(second)).toContain('le plus rapide est de téléphoner dès maintenant au CA-dotation, au 418\u00a0528-7157 ou au 1\u00a0866\u00a0672-3460');
    expect(textOf(second)).toContain('Quel est le problème?');
    expect(suggestedTitles(second)).toEqual(KIND_BUTTONS);

    const third = await h.turn('Page figée ou qui ne se charge pas');
    expect(textOf(third)).toContain("Quel est le nom ou le numéro de l'examen");
    expect(suggestedTitles(third)).toEqual(['Je ne le sais pas']);

    const result = await h.turn('Processus 12345');
    const text = textOf(result);
    expect(text).toContain('Votre numéro de confirmation\u00a0: **EX-2026-000001**');
    expect(text).toContain('Priorité\u00a0: urgente, parce que votre examen est en cours et bloqué.');
    expect(text).toContain('Téléphonez tout de suite au CA-dotation\u00a0: [418\u00a0528-7157](tel:+14185287157)');
    expect(text).toContain('[1\u00a0866\u00a0672-3460](tel:+18666723460) (sans frais)');
    expect(text).toContain('Le Centre vise à répondre aux appels en 5 minutes ou moins.');
    expect(text).toContain("Le Centre est ouvert en ce moment, jusqu'à 12\u00a0h.");
    expect(text).toContain(`2. Écrivez aussi à [${EXAM_ADDRESS}](mailto:`);
    expect(text).toContain("Ajoutez-y vos captures d'écran.");
    // One bubble and one card, with only what the candidate needs now: no general address, no advice for later.
    expect(result).toHaveLength(1);
    expect(result[0].attachments).toHaveLength(1);
    expect(text).not.toContain('carrieres@mcn.gouv.qc.ca');
    expect(text).not.toContain('aucune demande nominative');
    expect(text.trimEnd().endsWith("Ajoutez-y vos captures d'écran.")).toBe(true);
    expect(suggestedTitles(result)).toContain(MENU_EXAM); // back to the menu

    const card = result.flatMap((a) => a.attachments ?? [])[0];
    const buttons = (card.content as { buttons: Array<{ type: string; title: string; value: string }> }).buttons;
    expect(buttons.map((b) => [b.type, b.value.split('?')[0]])).toEqual([
      ['call', 'tel:+14185287157'],
      ['call', 'tel:+18666723460'],
      ['openUrl', `mailto:${EXAM_ADDRESS}`],
    ]);
    expect(buttons[2].value).toBe(mailtoIn(text));

    const [row] = await incidents(h);
    expect(row).toMatchObject({
      reference: 'EX-2026-000001',
      created_at: '2026-11-23T15:00:00.000Z',
      problem_at: '2026-11-23T15:00:00.000Z',
      problem_kind: 'frozen',
      exam_name: 'Processus 12345',
      priority: 'urgent',
      route: 'phone-now',
      status: 'open',
      locale: 'fr-CA',
    });
    expect(Boolean(row.exam_in_progress)).toBe(true);
    expect(Boolean(row.centre_open)).toBe(true);
    expect(row.calendar_version).toBe(h.core.services.calendar.version);
    expect(row.conversation_id).toBeTruthy();
  });

  it.each([
    ['a weekday evening (Monday 19 h)', '2026-11-24T00:00:00Z', 'Le Centre est fermé en ce moment. Il rouvre demain à 8\u00a0h\u00a030.', 'demain à 8\u00a0h\u00a030'],
    ['a Saturday', '2026-11-28T16:00:00Z', 'Le Centre est fermé en ce moment. Il rouvre lundi à 8\u00a0h\u00a030.', 'lundi à 8\u00a0h\u00a030'],
    [
      'a holiday (Thursday 24 December 2026, 10 h)',
      '2026-12-24T15:00:00Z',
      "Le Centre est fermé aujourd'hui (Veille de Noël). Il rouvre mardi à 8\u00a0h\u00a030.",
      'mardi à 8\u00a0h\u00a030',
    ],
    [
      'a Wednesday at 9 h, before the 10 h opening',
      '2026-11-25T14:00:00Z',
      "Le Centre est fermé en ce moment. Il rouvre aujourd'hui à 10\u00a0h.",
      "aujourd'hui à 10\u00a0h",
    ],
  ])('urgent while the Centre is closed, on %s: write now, call at the reopening', async (_label, now, status, reopening) => {
    h = await createConversationHarness({ now, classifier: examIntent });
    // The first message says everything: no question at all.
    const replies = await h.turn('Mon examen 12345 plante en ce moment');
    const text = textOf(replies);
    expect(text).not.toContain('?\n');
    expect(text).toMatch(/Votre numéro de confirmation\u00a0: \*\*EX-2026-000001\*\*/);
    expect(text).toContain('Priorité\u00a0: urgente');
    expect(text).toContain(status);
    expect(text).toContain(`1. Écrivez dès maintenant à [${EXAM_ADDRESS}](mailto:`);
    expect(text).toContain(`téléphonez dès la réouverture (${reopening}) au [418\u00a0528-7157](tel:+14185287157)`);
    expect(text).not.toContain('Téléphonez tout de suite');
    expect(text).not.toContain('le plus rapide est de téléphoner');
    // One bubble, one card (the e-mail button), nothing unrelated at the end.
    expect(replies).toHaveLength(1);
    expect(replies[0].attachments).toHaveLength(1);
    expect(text).not.toContain('carrieres@mcn.gouv.qc.ca');
    const [row] = await incidents(h);
    expect(row).toMatchObject({ priority: 'urgent', route: 'email-after-hours', problem_kind: 'frozen', exam_name: 'examen 12345' });
    expect(Boolean(row.centre_open)).toBe(false);
  });

  it('not urgent (exam over): asks when and on what, then routes to e-mail and says the Centre may also be called', async () => {
    h = await createConversationHarness({ now: '2026-11-24T19:00:00Z', classifier: examIntent }); // mardi 14 h
    const turns = await run(h, ["j'ai pas pu soumettre mes réponses", 'Non', 'examen 456789', 'hier vers 14 h', 'portable, Firefox']);
    expect(textOf(turns[0])).toContain("Êtes-vous en train de faire l'examen");
    expect(textOf(turns[1])).toContain("Quel est le nom ou le numéro de l'examen"); // the kind was in the first message
    expect(textOf(turns[1])).not.toContain('le plus rapide est de téléphoner');
    expect(textOf(turns[2])).toContain("Quand le problème s'est-il produit?");
    expect(suggestedTitles(turns[2])).toEqual(['Il y a quelques minutes', 'Je ne sais plus']);
    expect(textOf(turns[3])).toContain('Dernière question, facultative\u00a0: sur quel appareil et avec quel navigateur?');
    expect(suggestedTitles(turns[3])).toEqual(['Ordinateur – Chrome', 'Ordinateur – Edge', 'Ordinateur – Firefox', 'Mac – Safari', 'Passer cette question']);

    const text = textOf(turns[4]);
    expect(text).toContain("Priorité\u00a0: normale, parce que votre examen n'est pas en cours.");
    expect(text).toContain('Soumission des réponses; examen\u00a0: examen 456789; heure du problème\u00a0: lundi 23 novembre 2026 à 14\u00a0h (heure du Québec)');
    expect(text).toContain(`Écrivez à [${EXAM_ADDRESS}](mailto:`);
    expect(text).toContain("Le Centre est ouvert en ce moment, jusqu'à 16\u00a0h\u00a030.");
    expect(text).toContain('Vous pouvez aussi téléphoner au [418\u00a0528-7157](tel:+14185287157)');
    expect(text).not.toContain('Téléphonez tout de suite');
    const [row] = await incidents(h);
    expect(row).toMatchObject({
      priority: 'normal',
      route: 'email',
      problem_kind: 'submission',
      exam_name: 'examen 456789',
      problem_at: '2026-11-23T19:00:00.000Z',
      device: 'ordinateur portable',
      browser: 'Firefox',
    });
    expect(Boolean(row.exam_in_progress)).toBe(false);
    expect(Boolean(row.centre_open)).toBe(true);
  });

  it('not urgent while closed: says when the Centre reopens; the optional questions can be skipped', async () => {
    h = await createConversationHarness({ now: '2026-11-28T16:00:00Z', classifier: examIntent }); // samedi
    const turns = await run(h, [MENU_EXAM, 'Non', 'Audio, vidéo ou affichage', 'Je ne le sais pas', 'Je ne sais plus', 'Passer cette question']);
    const text = textOf(turns[5]);
    expect(text).toContain('Priorité\u00a0: normale');
    expect(text).toContain('Audio, vidéo ou affichage; examen\u00a0: non précisé; heure du problème\u00a0: non précisée.');
    expect(text).toContain('Le Centre est fermé en ce moment. Il rouvre lundi à 8\u00a0h\u00a030.');
    expect(text).not.toContain('Vous pouvez aussi téléphoner');
    const [row] = await incidents(h);
    expect(row).toMatchObject({ route: 'email', problem_kind: 'display', exam_name: null, problem_at: null, device: null, browser: null });
    expect(Boolean(row.centre_open)).toBe(false);
    const mail = decodeMailto(mailtoIn(text));
    expect(mail.body).toContain('Examen ou processus\u00a0: (à préciser)');
    expect(mail.body).toContain('Heure du problème\u00a0: (à préciser)');
  });

  it('keeps the advice for a problem that is not urgent, in the same single message', async () => {
    h = await createConversationHarness({ now: '2026-11-24T19:00:00Z', classifier: examIntent }); // mardi 14 h
    const turns = await run(h, ["j'ai pas pu soumettre mes réponses", 'Non', 'examen 456789', 'hier vers 14 h', 'Passer cette question']);
    const result = turns[4];
    expect(result).toHaveLength(1);
    expect(result[0].attachments).toHaveLength(1);
    expect(textOf(result)).toContain("des captures d'écran du problème");
    expect(textOf(result)).toContain('aucune demande nominative');
  });

  it.each([
    ['oui', 'ok'],
    ['non', 'Oui'],
    ['ben oui', "d'accord"],
    // Another question's button, clicked again or typed, at the exam's name.
    ['Oui, en ce moment', 'Il y a quelques minutes'],
  ])('does not take « %s » for an exam name: asks again once, then leaves the exam unknown after « %s »', async (first, second) => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    await run(h, [MENU_EXAM, 'Oui, en ce moment', 'Page figée ou qui ne se charge pas']);
    const again = await h.turn(first);
    expect(textOf(again)).toBe(
      "Il me faut le nom ou le numéro de l'examen ou du processus, par exemple «\u00a0Processus 12345\u00a0». Si vous ne le connaissez pas, choisissez «\u00a0Je ne le sais pas\u00a0».",
    );
    expect(suggestedTitles(again)).toEqual(['Je ne le sais pas']);
    const result = textOf(await h.turn(second));
    expect(result).toContain('examen\u00a0: non précisé');
    const [row] = await incidents(h);
    expect(row.exam_name).toBeNull();
  });

  it('takes the exam name given after a « oui »', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    await run(h, [MENU_EXAM, 'Oui, en ce moment', 'Page figée ou qui ne se charge pas']);
    expect(textOf(await h.turn('oui'))).toContain('Il me faut le nom ou le numéro');
    expect(textOf(await h.turn('Processus 12345'))).toContain('examen\u00a0: Processus 12345');
    const [row] = await incidents(h);
    expect(row.exam_name).toBe('Processus 12345');
  });

  it.each(['page figée', 'ça gèle encore', "c'est quoi vos heures d'ouverture?"])(
    'does not take « %s » for the exam name: asks again, then records the exam as unknown',
    async (answer) => {
      h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
      await run(h, [MENU_EXAM, 'Oui, en ce moment', 'Page figée ou qui ne se charge pas']);
      expect(textOf(await h.turn(answer))).toContain('Il me faut le nom ou le numéro');
      const result = textOf(await h.turn(answer));
      expect(result).toContain('Votre numéro de confirmation');
      expect(result).toContain('examen\u00a0: non précisé');
      const [row] = await incidents(h);
      expect(row.exam_name).toBeNull();
    },
  );

  it('takes an exam name that comes with the problem (« Processus 12345, ça gèle »)', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    await run(h, [MENU_EXAM, 'Oui, en ce moment', 'Page figée ou qui ne se charge pas']);
    expect(textOf(await h.turn('Processus 12345, ça gèle'))).toContain('Votre numéro de confirmation');
    const [row] = await incidents(h);
    expect(row.exam_name).toContain('12345');
  });

  it.each(['je sais pas', 'aucune idée', 'Je ne le sais pas'])('skips the exam question at once on « %s » and records the exam as unknown', async (answer) => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    await run(h, [MENU_EXAM, 'Oui, en ce moment', 'Page figée ou qui ne se charge pas']);
    const result = textOf(await h.turn(answer));
    expect(result).toContain('Votre numéro de confirmation');
    expect(result).toContain('examen\u00a0: non précisé');
    const [row] = await incidents(h);
    expect(row.exam_name).toBeNull();
  });

  it('a free-text opener that already says the problem asks fewer questions than the menu', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    const fromMenu = await run(h, [MENU_EXAM, 'oui', 'Chronomètre (minuterie)', 'Je ne le sais pas']);
    const fromText = await run(h, ["le chrono de mon examen s'est arrêté", 'oui', 'Je ne le sais pas']);
    const questions = (turns: Partial<Activity>[][]) => turns.filter((t) => !textOf(t).includes('Votre numéro de confirmation')).length;
    expect(questions(fromMenu)).toBe(3);
    expect(questions(fromText)).toBe(2);
    expect(fromText.flatMap((t) => suggestedTitles(t))).not.toContain('Chronomètre (minuterie)');
    expect(textOf(fromText[2])).toContain('EX-2026-000002');
    const rows = await incidents(h);
    expect(rows.map((r) => [r.problem_kind, r.route])).toEqual([
      ['timer', 'phone-now'],
      ['timer', 'phone-now'],
    ]);
  });

  it.each([
    ["je peux pas me connecter à l'examen", 'access'],
    ['jai pas pu soumetre mes reponse', 'submission'],
    ['le son de la video marche pas', 'display'],
  ])('reads the kind from « %s » (no kind question)', async (opener, kind) => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    const turns = await run(h, [opener, 'Oui, en ce moment', 'Je ne le sais pas']);
    expect(turns.flatMap((t) => suggestedTitles(t))).not.toContain('Autre problème technique');
    expect(textOf(turns[2])).toContain('Votre numéro de confirmation');
    const [row] = await incidents(h);
    expect(row.problem_kind).toBe(kind);
  });

  it('hands over a ready e-mail: subject and body URL-encoded, with the reference, the exam, the problem and the time', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:20:00Z', classifier: examIntent });
    const text = textOf(await h.turn('Mon examen « Agent de bureau (classe 1) » plante en ce moment, depuis 10 h 05, sur Chrome'));
    const url = mailtoIn(text);
    expect(url).not.toMatch(/[\s()'!*]/);
    expect(url.startsWith(`mailto:${EXAM_ADDRESS}?subject=`)).toBe(true);
    const mail = decodeMailto(url);
    expect(mail.to).toBe(EXAM_ADDRESS);
    expect(mail.subject).toBe('EX-2026-000001 – Problème technique, examen en ligne\u00a0: Agent de bureau (classe 1)');
    expect(mail.body.split('\r\n')).toEqual(
      expect.arrayContaining([
        'Numéro de confirmation\u00a0: EX-2026-000001',
        'Examen ou processus\u00a0: Agent de bureau (classe 1)',
        'Problème\u00a0: Page figée ou qui ne se charge pas',
        'Heure du problème\u00a0: lundi 23 novembre 2026 à 10\u00a0h\u00a005 (heure du Québec)',
        'Examen en cours au moment du signalement\u00a0: oui',
        'Navigateur\u00a0: Chrome',
        "Je joins des captures d'écran du problème.",
      ]),
    );
    const [row] = await incidents(h);
    expect(row.problem_at).toBe('2026-11-23T15:05:00.000Z');
  });

  it('is idempotent: the same message delivered twice gives one incident and the same number', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    const activity = { type: 'message', id: 'activity-42', text: 'Mon examen 12345 plante en ce moment' };
    const first = textOf(await h.turn(activity));
    const second = textOf(await h.turn(activity));
    expect(first).toContain('EX-2026-000001');
    expect(second).toContain('EX-2026-000001');
    expect(await incidents(h)).toHaveLength(1);
    const other = textOf(await h.turn({ ...activity, id: 'activity-43' }));
    expect(other).toContain('EX-2026-000002');
  });

  it('redirects a question that is not a technical problem, without storing anything', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    const turns = await run(h, [MENU_EXAM, 'Non', 'Autre question (pas un problème technique)']);
    const text = textOf(turns[2]);
    expect(text).toContain('carrieres@mcn.gouv.qc.ca');
    expect(text).toContain('aucune demande nominative');
    expect(text).toContain('Le Centre valide votre identité');
    expect(text).toContain('Le Centre ne répond pas aux questions précises des employés sur leur dossier et la gestion de leur carrière');
    expect(text).toContain('appels de candidatures');
    expect(suggestedTitles(turns[2])).toContain(MENU_EXAM);
    expect(await incidents(h)).toHaveLength(0);
  });

  it('asks again for a time that has not come yet, and for a yes/no it did not understand', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent }); // lundi 10 h
    const turns = await run(h, [MENU_EXAM, 'euh', 'non', 'Soumission des réponses', 'examen 777', 'à 14 h', 'hier à 14 h']);
    expect(textOf(turns[1])).toContain('Répondez simplement «\u00a0Oui\u00a0» ou «\u00a0Non\u00a0»');
    expect(suggestedTitles(turns[1])).toEqual(['Oui, en ce moment', 'Non']);
    expect(textOf(turns[5])).toContain("Cette heure n'est pas encore passée.");
    expect(turns[5]).toHaveLength(1);
    expect(textOf(turns[6])).toContain('Dernière question, facultative');
  });

  it('leaves interruptions to the main dialog: aide repeats the question, annuler stops without storing', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent });
    await h.turn(MENU_EXAM);
    const help = await h.turn('aide');
    expect(textOf(help)).toContain('«\u00a0annuler\u00a0»');
    expect(textOf(help)).toContain("Êtes-vous en train de faire l'examen");
    const cancel = await h.turn('annuler');
    expect(textOf(cancel)).toContain("C'est annulé.");
    expect(await incidents(h)).toHaveLength(0);
  });

  it('speaks English when the channel does', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z', classifier: examIntent, locale: 'en-US' });
    const turns = await run(h, ['My exam is frozen right now', "I don't know"]);
    expect(textOf(turns[0])).toContain('What is the name or number of the exam');
    const text = textOf(turns[1]);
    expect(text).toContain('Your confirmation number: **EX-2026-000001**');
    expect(text).toContain('Priority: urgent');
    expect(text).toContain('Call CA-dotation right away');
    const mail = decodeMailto(mailtoIn(text));
    expect(mail.body).toContain('Problem: Page frozen or not loading');
    expect(mail.body).toContain('Time of the problem: Monday, November 23, 2026 at 10:00 a.m. (Québec time)');
  });
});

describe('exam problem dialog with the product recognizer', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  it('starts from the menu button and from « mon examen plante »', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z' });
    expect(textOf(await h.turn(MENU_EXAM))).toContain("Êtes-vous en train de faire l'examen");
    await h.turn('annuler');
    const replies = await h.turn('mon examen plante');
    expect(textOf(replies)).toContain("Quel est le nom ou le numéro de l'examen");
    expect(textOf(await h.turn('Je ne le sais pas'))).toContain('Priorité\u00a0: urgente');
  });
});
