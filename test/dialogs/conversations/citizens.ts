import { translator } from '../../../domain/i18n';
import { MARIE as marie } from '../../helpers/chatFixtures';
import { cardAction, Conversation, ScriptContext, textOf } from './script';

/** The citizens' situations of issue 12, each played to the end the person needs. */
const fr = translator('fr');
const STORY = "Ça fait 3 fois que j'appelle et personne me rappelle, c'est inacceptable";
const NOT_UNDERSTOOD = "Je n'ai pas bien compris";

const phones = (ctx: ScriptContext) => [ctx.c.caDotation.phoneLocal.display, ctx.c.caDotation.phoneTollFree.display];

export const citizenConversations: Conversation[] = [
  {
    name: 'an e-mail address typed instead of choosing « Courriel » is the choice and the answer, and never logged',
    from: 'issue 12 (forms that listen)',
    steps: [
      { say: 'Je veux déposer une plainte' },
      { say: "Oui, j'accepte" },
      { say: 'Jean Tremblay', buttons: ['Courriel', 'Téléphone'] },
      { say: 'jean.tremblay@exemple.ca', expect: ['Quel service'], absent: ["Je n'ai pas compris"] },
      {
        say: 'au téléphone',
        check: async (_replies, ctx) => {
          await ctx.h.transcriptStore.flush();
          const logged = (await ctx.h.db('interactions').select('activity_json')) as Array<{ activity_json: string }>;
          expect(logged.length).toBeGreaterThan(0);
          expect(logged.some((row) => row.activity_json.includes('jean.tremblay@exemple.ca'))).toBe(false);
        },
      },
    ],
  },
  {
    name: 'an upset complainant is heard, and the complaint is filed with its reference and both deadlines',
    from: 'issue 12: « Ça fait 3 fois que j’appelle et personne me rappelle »',
    steps: [
      { say: STORY, expect: [fr('complaint:intake.empathy')], absent: [NOT_UNDERSTOOD] },
      { say: 'Oui' },
      { say: 'Marie Tremblay' },
      { say: 'Courriel' },
      { say: 'marie@exemple.ca' },
      { say: 'au téléphone' },
      { say: 'hier', expect: [STORY] },
      { say: 'Oui' },
      { say: 'Passer cette question', check: (replies, ctx) => expect(ctx.card(replies)).toBeDefined() },
      {
        say: cardAction('confirm'),
        expect: ['PL-2026-000001', (ctx) => ctx.long(ctx.businessDaysFromToday(5)), (ctx) => ctx.long(ctx.businessDaysFromToday(20))],
      },
    ],
    after: async (ctx) =>
      expect(await ctx.complaints()).toMatchObject([
        { reference: 'PL-2026-000001', description: STORY, service: 'ca-dotation-phone', incident_date: ctx.calendar.addCalendarDays(ctx.today(), -1) },
      ]),
  },
  {
    name: 'hours, then « pis le samedi? » is answered about Saturday',
    from: 'issue 12',
    steps: [
      { say: "C'est quoi vos heures d'ouverture?", expect: ['8 h 30', '16 h 30'] },
      { say: 'pis le samedi?', expect: [/^Le samedi, le Centre est fermé/] },
      { say: 'et dimanche?', expect: [/^Le dimanche, le Centre est fermé/] },
    ],
  },
  {
    name: '« Êtes-vous ouverts le 24 décembre? » gets « Non », the holiday and the next opening',
    from: 'issue 12',
    steps: [
      {
        say: 'Êtes-vous ouverts le 24 décembre?',
        expect: [
          (ctx) => {
            const eve = ctx.calendar.holidaysIn(2026).find((d) => d.date.endsWith('-12-24'))!;
            return `Non, le ${ctx.long(eve.date)}, le Centre est fermé : c'est un jour férié (${eve.name.fr}).`;
          },
          'Prochaine ouverture',
        ],
      },
    ],
  },
  {
    name: 'a driver’s-licence question is told plainly that the Centre does not handle it, and how to reach the Centre',
    from: 'issue 12',
    steps: [
      {
        say: 'Bonjour, comment je fais pour renouveler mon permis de conduire?',
        expect: [
          'permis de conduire',
          ...[(ctx: ScriptContext) => ctx.c.caDotation.phoneLocal.display, (ctx: ScriptContext) => ctx.c.caDotation.emailGeneral.display],
        ],
        absent: [NOT_UNDERSTOOD],
        buttons: ['Parler à une personne'],
      },
    ],
  },
  {
    name: 'a SIN pasted with a question about one’s file: warned, told to call (identity checked), and the SIN is never stored',
    from: 'issue 12',
    steps: [
      {
        say: 'Bonjour, voici mon NAS 046 454 286, pouvez-vous me dire où en est mon dossier?',
        expect: ["numéro d'assurance sociale", 'valide votre identité', ...[0, 1].map((i) => (ctx: ScriptContext) => phones(ctx)[i])],
        absent: [NOT_UNDERSTOOD],
      },
    ],
    after: async (ctx) => {
      await ctx.h.transcriptStore.flush();
      const stored = ((await ctx.h.db('interactions').select('text')) as Array<{ text: string | null }>).map((r) => r.text ?? '').join('\n');
      expect(stored).not.toMatch(/046.?454.?286/);
    },
  },
  {
    name: 'a PL- reference typed after a failed lookup starts the follow-up again and gives the status',
    from: 'issue 12',
    complaintsOnFile: [marie],
    steps: [
      { say: 'Suivre une plainte', expect: ['PL-2026-000123'] },
      { say: 'PL-2026-000123' },
      { say: 'marie.tremblay@exemple.qc.ca', expect: ['Je ne trouve aucune plainte'] },
      { say: 'ah ok, mon numéro est PL-2026-000001', expect: ['quelle adresse courriel ou quel numéro de téléphone'] },
      {
        say: 'marie.tremblay@exemple.qc.ca',
        expect: ['PL-2026-000001', 'reçue', (ctx) => ctx.long(ctx.businessDaysFromToday(5)), (ctx) => ctx.long(ctx.businessDaysFromToday(20))],
      },
    ],
  },
  {
    name: 'a blank page and « c’est le processus 4455 » are recorded as a page that does not load and « processus 4455 »',
    from: 'issue 12 (forms that listen)',
    steps: [
      { say: "Problème technique lors d'un examen en ligne" },
      { say: 'oui en ce moment', expect: ['Quel est le problème'] },
      { say: 'la page est blanche', expect: ["Quel est le nom ou le numéro de l'examen"] },
      { say: "c'est le processus 4455", expect: ['EX-2026-000001', 'Page figée ou qui ne se charge pas', 'examen\u00a0: processus 4455'] },
    ],
    after: async (ctx) => expect(await ctx.incidents()).toMatchObject([{ problem_kind: 'frozen', exam_name: 'processus 4455' }]),
  },
  {
    name: 'an exam that crashes right now: call now, then a confirmation number, urgent',
    from: 'issue 12',
    steps: [
      {
        say: 'Mon examen en ligne plante en ce moment!!',
        expect: [(ctx) => ctx.c.caDotation.phoneLocal.display, "Quel est le nom ou le numéro de l'examen"],
        absent: ['Voulez-vous dire'],
      },
      { say: 'Processus 12345', expect: ['EX-2026-000001', 'urgente', (ctx) => ctx.c.caDotation.emailExam.display] },
    ],
    after: async (ctx) => expect(await ctx.incidents()).toMatchObject([{ priority: 'urgent', problem_kind: 'frozen', exam_name: 'Processus 12345' }]),
  },
  {
    name: 'an exam crash with a SIN in the same message: warned, and the triage still starts',
    from: 'issue 12 (test/dialogs/sensitiveDataWarning.test.ts)',
    steps: [
      {
        say: "Mon examen en ligne plante en ce moment, mon NAS c'est 046-454-286",
        expect: ["numéro d'assurance sociale", "Quel est le nom ou le numéro de l'examen"],
        absent: ['Voulez-vous dire'],
      },
      { say: 'Je ne le sais pas', expect: ['EX-2026-000001'] },
    ],
  },
  {
    name: '« oui » is not taken for an exam name: asked again, then the real name is recorded',
    from: 'issue 12',
    steps: [
      { say: "Problème technique lors d'un examen en ligne", expect: ["Êtes-vous en train de faire l'examen"] },
      { say: 'Oui, en ce moment' },
      { say: 'Page figée ou qui ne se charge pas', expect: ["Quel est le nom ou le numéro de l'examen"] },
      { say: 'oui', expect: ["Il me faut le nom ou le numéro de l'examen"], absent: ['EX-2026'] },
      { say: 'Processus 4567', expect: ['EX-2026-000001', 'Processus 4567'] },
    ],
    after: async (ctx) => expect(await ctx.incidents()).toMatchObject([{ exam_name: 'Processus 4567' }]),
  },
  {
    name: 'an English speaker on the French page is offered English, then answered in English for the rest of the conversation',
    from: 'issue 12',
    steps: [
      { say: 'Hi, what is your phone number?', expect: ['continue in English'], buttons: ['Continue in English', 'Continuer en français'] },
      { say: 'Continue in English', expect: [(ctx) => ctx.c.caDotation.phoneTollFree.display, /toll-free/i], absent: ['sans frais'] },
      { say: 'and your email address?', expect: [(ctx) => ctx.c.caDotation.emailGeneral.display], absent: ['Voulez-vous dire', NOT_UNDERSTOOD] },
    ],
  },
  {
    name: 'an English speaker whose exam is frozen right now gets the English triage and an incident number',
    from: 'issue 12',
    steps: [
      { say: 'Hello, my online exam is frozen right now, please help!', expect: ['continue in English'] },
      { say: 'Continue in English', expect: [(ctx) => ctx.c.caDotation.phoneTollFree.display], absent: ['Quel est', 'Êtes-vous'] },
      { say: "I don't know", expect: ['EX-2026-000001'], absent: ['Votre numéro'] },
    ],
  },
  {
    name: 'an English speaker who prefers French is answered in French, and never asked again',
    from: 'issue 12',
    steps: [
      { say: 'What are your opening hours?', expect: ['continue in English'] },
      { say: 'Continuer en français', expect: ['8 h 30', 'Le Centre'] },
      { say: 'thanks, and what is your email?', absent: ['continue in English'] },
    ],
  },
  {
    name: 'a long polite paragraph with two questions gets both facts',
    from: 'issue 12',
    steps: [
      {
        say: "Bonjour madame, monsieur, j'espère que vous allez bien. Je me permets de vous écrire parce que j'aimerais savoir quelles sont vos heures d'ouverture, et aussi à quelle adresse courriel je peux vous écrire pour une question générale. Je vous remercie beaucoup de votre temps et de votre aide, bonne journée!",
        expect: ['8 h 30', (ctx) => ctx.c.caDotation.emailGeneral.display],
        absent: [NOT_UNDERSTOOD],
      },
    ],
  },
  {
    name: 'a complaint with a vague date keeps the period, never a made-up day',
    from: 'issue 12',
    steps: [
      { say: 'Je veux porter plainte' },
      { say: 'Oui' },
      { say: 'Jean Roy' },
      { say: 'Téléphone' },
      { say: '418 555-0199' },
      { say: 'par courriel' },
      { say: 'la semaine passée', buttons: ['Garder cette période'] },
      { say: 'Garder cette période', expect: ['Décrivez la situation'] },
      { say: "Personne n'a répondu à mon courriel depuis deux semaines." },
      { say: 'Passer cette question' },
      { say: cardAction('confirm'), expect: ['PL-2026-000001'] },
    ],
    after: async (ctx) => {
      const [row] = await ctx.complaints();
      expect(row).toMatchObject({ service: 'ca-dotation-email', incident_date: null, contact_method: 'phone' });
      expect(String(row.description)).toContain("Personne n'a répondu à mon courriel depuis deux semaines.");
      const monday = ctx.calendar.addCalendarDays(ctx.today(), -((ctx.calendar.weekdayOf(ctx.today()) + 6) % 7) - 7);
      expect(String(row.description)).toContain(ctx.long(monday));
    },
  },
  {
    name: 'a complaint follow-up, then « parler à un agent » gives the complaints address, then the status',
    from: 'issue 12',
    complaintsOnFile: [marie],
    steps: [
      { say: 'Où en est ma plainte PL-2026-000001?', expect: ['quelle adresse courriel ou quel numéro de téléphone'] },
      { say: 'parler à un agent', expect: [(ctx) => ctx.c.complaints.email.display], absent: [(ctx) => ctx.c.caDotation.emailGeneral.display] },
      { say: 'marie.tremblay@exemple.qc.ca', expect: ['PL-2026-000001', 'reçue'] },
      { say: 'Parler à une personne', expect: [(ctx) => ctx.c.complaints.email.display] },
    ],
  },
  {
    name: 'the answered complaint’s status names the ministry’s own recourse first, then the Protecteur du citoyen as the SCT names it',
    from: 'seed 000 (plaintes sur la qualité de nos services), seed 002 (Protecteur du citoyen)',
    complaintsOnFile: [marie],
    steps: [
      {
        say: 'Suivre une plainte',
        check: async (_replies, ctx) => {
          await ctx.h.core.services.complaints.recordFirstContact('PL-2026-000001', { actor: 'alice' });
          await ctx.h.core.services.complaints.recordAnswer('PL-2026-000001', { actor: 'alice' });
        },
      },
      { say: 'PL-2026-000001' },
      {
        say: 'marie.tremblay@exemple.qc.ca',
        expect: [
          'répondue',
          (ctx) => ctx.c.complaints.email.display,
          (ctx) => `${ctx.c.complaints.firstContactBusinessDays.days} jours ouvrables`,
          (ctx) => `${ctx.c.complaints.answerBusinessDays.days} jours ouvrables`,
          'Protecteur du citoyen',
          'Secrétariat du Conseil du trésor',
          (ctx) => ctx.c.protecteurDuCitoyen.phone.display,
        ],
        check: (replies) => {
          const text = textOf(replies);
          // The ministry's own address comes before the Protecteur du citoyen.
          expect(text.indexOf('commentaires-plaintes')).toBeLessThan(text.indexOf('Protecteur du citoyen'));
        },
      },
    ],
  },
  {
    name: 'a question about one’s job application is told where it is handled, not « pas compris »',
    from: 'issue 12; seed 004 (ce que le service ne comprend pas)',
    steps: [{ say: "Où en est ma candidature pour le poste d'agent de bureau?", absent: [NOT_UNDERSTOOD, 'Voulez-vous dire'], expect: [/candidature/] }],
  },
  {
    name: 'a person who wants someone on Friday evening learns the phones and that the Centre reopens Monday at 8 h 30',
    from: 'issue 12; seed 004 (disponibilité du service)',
    now: '2026-11-27T22:00:00Z',
    steps: [{ say: 'Je veux parler à quelqu’un', expect: [(ctx) => ctx.c.caDotation.phoneTollFree.display, 'Il rouvre lundi à 8 h 30'] }],
  },
  {
    name: 'a person asked for with the closing time in one message gets the phones and the hours, not a choice between them',
    from: 'issue 12; seed 004 (disponibilité du service)',
    steps: [
      {
        say: 'je veux parler à un agent, vous fermez à quelle heure?',
        expect: [(ctx) => ctx.c.caDotation.phoneLocal.display, (ctx) => ctx.c.caDotation.phoneTollFree.display, "Heures d'ouverture :", '16 h 30'],
        absent: ['Voulez-vous dire', NOT_UNDERSTOOD],
      },
    ],
  },
  {
    name: 'another organization’s opening on a holiday or phone number never gets the Centre’s; the same question about the Centre does',
    from: 'issue 12 (never a confident wrong answer)',
    steps: [
      { say: 'La SAQ est-elle ouverte le 1er janvier?', absent: [/^Non/, /^Oui/, 'Le Centre est fermé', "Heures d'ouverture"] },
      {
        say: "c'est quoi le numéro du centre d'appel d'Hydro-Québec",
        expect: ["ne s'occupe pas des services d'autres organismes"],
        absent: ["Pour joindre le Centre d'assistance en dotation par téléphone"],
      },
      { say: 'Ouvert à la fête du Canada?', expect: [/^Non, /, 'Fête du Canada'] },
    ],
  },
  {
    name: 'a university course’s exam failing now is told the Centre does not handle it, with no triage and no confirmation number; a staffing exam failing gets the triage',
    from: 'issue 12 (never a confident wrong answer); seed 000 (the Centre assists with SAGIR’s exams)',
    steps: [
      {
        say: "Au secours! Je fais un examen en ligne pour mon cours de sociologie à l'Université Laval et Moodle vient de planter. Le chrono roule encore!",
        expect: ["ne s'occupe pas des examens des cours", (ctx) => ctx.c.caDotation.phoneLocal.display],
        absent: ['numéro de confirmation', 'Êtes-vous en train de faire', 'Quel est le nom'],
      },
      { say: 'Mon examen en ligne du processus de qualification plante en ce moment', expect: ['numéro de confirmation'] },
    ],
  },
  {
    name: 'another body’s exam, a private employer’s job and a home Wi-Fi problem are told the Centre does not handle them; the Secrétariat’s e-mail is the Secrétariat’s',
    from: 'issue 12 (no « Je n’ai pas bien compris » when the topic is known, never a confident wrong answer); seeds 003 and 004 (what the Centre and the CSC serve)',
    steps: [
      {
        say: 'mon test de citoyenneté en ligne plante en ce moment',
        expect: ["ne s'occupe pas des examens d'autres organismes", (ctx) => ctx.c.caDotation.phoneLocal.display],
        absent: ['numéro de confirmation', 'Quel est le nom'],
      },
      { say: 'je cherche une job dans une compagnie privée, vous avez des offres?', expect: ["ne s'occupe pas des emplois dans les entreprises privées"] },
      { say: 'mon wifi marche pu à la maison', expect: ["ne s'occupe pas des problèmes d'ordinateur"], absent: ["Je n'ai pas bien compris"] },
      {
        say: "c'est quoi l'adresse courriel du SCT pour des renseignements généraux?",
        expect: ['Secrétariat du Conseil du trésor'],
        absent: [(ctx) => ctx.c.caDotation.emailGeneral.display, 'Voulez-vous dire'],
      },
    ],
  },
  {
    name: 'a story told instead of answering the consent question is told why the form waits for consent, not « pas compris »',
    from: 'issue 12 (forms that listen); Law 25 (consent before collection)',
    steps: [
      { say: 'Je veux déposer une plainte', buttons: ["Oui, j'accepte", 'Non'] },
      {
        say: "ça fait trois fois que j'appelle et personne ne répond",
        expect: ["j'ai d'abord besoin de votre accord", 'Acceptez-vous'],
        absent: ["Je n'ai pas compris"],
        buttons: ["Oui, j'accepte", 'Non'],
      },
      { say: "Oui, j'accepte", expect: ['Quel est votre nom'] },
    ],
  },
  {
    name: 'an angry question about the phone wait is heard in one sentence, answered, and offered the complaint form',
    from: 'issue 12 (forms that listen); seed 004 (délai de réponse au téléphone)',
    steps: [
      {
        say: "ça fait 2 heures que j'attends au téléphone, c'est ridicule, vous êtes supposés répondre dans combien de temps?",
        expect: [/^Je comprends que la situation soit frustrante\./, (ctx) => `${ctx.c.caDotation.phoneAnswerTarget.minutes} minutes`, 'Déposer une plainte'],
        buttons: ['Oui', 'Non', 'Déposer une plainte'],
      },
      { say: 'Déposer une plainte', expect: ['Je vais prendre votre plainte'], buttons: ["Oui, j'accepte", 'Non'] },
    ],
  },
  {
    name: 'an angry account of the phone wait that asks nothing opens the complaint form, with the account as its description',
    from: 'issue 12 (forms that listen): the twenty-second and twenty-third evaluation pairs, read after they were measured',
    steps: [
      {
        say: "j'ai attendu 45 minutes en ligne pis la ligne a coupé, deux fois. C'est de l'incompétence.",
        expect: [fr('complaint:intake.empathy')],
        absent: [(ctx) => `${ctx.c.caDotation.phoneAnswerTarget.minutes} minutes`],
      },
      { say: 'Oui' },
      { say: 'Paul Roy' },
      { say: 'Courriel' },
      { say: 'paul.roy@exemple.ca' },
      { say: 'au téléphone' },
      { say: 'hier', expect: ['la ligne a coupé, deux fois'] },
    ],
  },
  {
    name: 'a calm question is answered without sympathy it did not ask for',
    from: 'issue 12',
    steps: [
      {
        say: "la première fois que j'appelle, c'est quoi le numéro?",
        expect: [(ctx) => ctx.c.caDotation.phoneTollFree.display],
        absent: ['frustrante', 'Déposer une plainte'],
      },
    ],
  },
  {
    name: '« êtes-vous ouverts à Noël et au jour de l’An? » answers both days, each with its date',
    from: 'issue 12; data/calendar (jours fériés)',
    steps: [
      {
        say: "Êtes-vous ouverts à Noël et au jour de l'An?",
        expect: [
          (ctx) => `Non, le ${ctx.long(nextHoliday(ctx, 'noel'))}, le Centre est fermé`,
          (ctx) => `Non, le ${ctx.long(nextHoliday(ctx, 'jour-de-l-an'))}, le Centre est fermé`,
        ],
      },
    ],
  },
  {
    name: '« êtes-vous ouverts pendant les fêtes? » lists the season’s holidays by date and the business days between them',
    from: 'issue 12; data/calendar (jours fériés)',
    steps: [
      {
        say: 'êtes-vous ouverts pendant les fêtes?',
        expect: [
          'Pendant la période des fêtes',
          (ctx) => ctx.long(nextHoliday(ctx, 'noel')),
          (ctx) => ctx.long(nextHoliday(ctx, 'jour-de-l-an')),
          "selon l'horaire habituel",
        ],
      },
    ],
  },
  {
    name: 'adding to a complaint already filed, or withdrawing it, is told to write to the complaints address with its number, not a new form',
    from: 'issue 12; seed 000 (plaintes sur la qualité de nos services)',
    steps: [
      {
        say: "j'ai déjà fait une plainte et je veux ajouter des informations",
        expect: [(ctx) => ctx.c.complaints.email.display, 'PL-'],
        absent: ["Oui, j'accepte", 'Je vais prendre votre plainte'],
        buttons: ['Suivre une plainte'],
      },
      { say: 'je veux retirer ma plainte', expect: [(ctx) => ctx.c.complaints.email.display], absent: ['Je vais prendre votre plainte'] },
    ],
  },
  {
    name: 'at lunchtime, the handoff says the Centre reopens at 13 h',
    from: 'seed 004 (de 8 h 30 à 12 h et de 13 h à 16 h 30)',
    now: '2026-11-24T17:30:00Z',
    steps: [{ say: 'agent', expect: ["Il rouvre aujourd'hui à 13 h", (ctx) => ctx.c.caDotation.phoneLocal.display] }],
  },
  {
    name: 'at lunchtime, « je peux appeler là? » (là: now) gets « Non », the lunch break and the reopening',
    from: 'issue 12 (Québec usage)',
    now: '2026-11-24T17:30:00Z',
    steps: [
      { say: 'je peux appeler là?', expect: [/^Non, le Centre est fermé pour le dîner\. Il rouvre aujourd'hui à 13 h\./] },
      { say: 'êtes-vous ouverts là?', expect: [/^Non, le Centre est fermé pour le dîner/] },
    ],
  },
  {
    name: 'two messages it cannot understand lead to a person, with the phone numbers',
    from: 'issue 12 (never stuck)',
    steps: [
      { say: 'xyzzy plugh', expect: [NOT_UNDERSTOOD], buttons: ['Parler à une personne'] },
      { say: 'qwerty asdf', expect: [(ctx) => ctx.c.caDotation.phoneLocal.display, (ctx) => ctx.c.caDotation.phoneTollFree.display] },
    ],
  },
  {
    name: 'a complaint abandoned with « annuler » stores nothing',
    from: 'issue 12 (forms)',
    steps: [
      { say: 'Déposer une plainte' },
      { say: 'Oui' },
      { say: 'Marie Tremblay' },
      { say: 'annuler', expect: ['Voulez-vous vraiment abandonner'] },
      { say: 'Oui, abandonner', expect: ["Aucun renseignement n'a été conservé"] },
    ],
    after: async (ctx) => expect(await ctx.complaints()).toEqual([]),
  },
  {
    name: 'an EX- reference typed later says how to follow the exam incident up',
    from: 'issue 12 (references typed anywhere)',
    steps: [
      {
        say: "J'ai reçu le numéro EX-2026-000045 hier, je fais quoi maintenant?",
        expect: ['EX-2026-000045', (ctx) => ctx.c.caDotation.emailExam.display, (ctx) => ctx.c.caDotation.phoneTollFree.display],
      },
    ],
  },
  {
    name: 'an exam problem from yesterday is routed to the exam e-mail with a confirmation number',
    from: 'issue 12; data/exam-support.json',
    now: '2026-11-24T19:00:00Z',
    steps: [
      // « Hier »: the exam is over, so the triage does not ask whether it is in progress.
      {
        say: "Hier, j'ai pas pu soumettre mes réponses à mon examen en ligne",
        expect: ["Quel est le nom ou le numéro de l'examen"],
        absent: ["Êtes-vous en train de faire l'examen"],
      },
      { say: 'examen 456789', expect: ["Quand le problème s'est-il produit?"] },
      { say: 'vers 14 h', expect: ['sur quel appareil'] },
      { say: 'Passer cette question', expect: ['EX-2026-000001', (ctx) => ctx.c.caDotation.emailExam.display], absent: ['Téléphonez tout de suite'] },
    ],
    after: async (ctx) => expect(await ctx.incidents()).toMatchObject([{ priority: 'normal', route: 'email', problem_kind: 'submission' }]),
  },
  {
    name: 'on the English page, a complaint is filed in English to the end',
    from: 'issue 12',
    locale: 'en-CA',
    steps: [
      { say: 'File a complaint' },
      { say: 'Yes, I agree' },
      { say: 'Mary Smith' },
      { say: 'E-mail' },
      { say: 'mary@example.ca' },
      { say: 'the online exam', expect: ['When did it happen?'] },
      { say: 'Skip this question' },
      { say: 'The exam froze twice during part 2.' },
      { say: 'Skip this question' },
      { say: cardAction('confirm'), expect: ['PL-2026-000001', (ctx) => ctx.long(ctx.businessDaysFromToday(20), 'en')] },
    ],
    after: async (ctx) => expect(await ctx.complaints()).toMatchObject([{ service: 'online-exams', contact_method: 'email' }]),
  },
  {
    name: 'after « Continue in English », the complaint form runs in English on the French page and is filed',
    from: 'issue 12',
    steps: [
      { say: 'I want to file a complaint about your service', expect: ['continue in English'] },
      { say: 'Continue in English', expect: [/information/i], absent: ['renseignements'] },
      { say: 'Yes, I agree' },
      { say: 'John Smith' },
      { say: 'E-mail' },
      { say: 'john@example.ca' },
      { say: 'by phone', expect: ['When did it happen?'] },
      { say: 'yesterday' },
      { say: 'Nobody called me back after three messages.' },
      { say: 'Skip this question' },
      { say: cardAction('confirm'), expect: ['PL-2026-000001'], absent: ['Merci. Votre plainte'] },
    ],
    after: async (ctx) =>
      expect(await ctx.complaints()).toMatchObject([{ service: 'ca-dotation-phone', incident_date: ctx.calendar.addCalendarDays(ctx.today(), -1) }]),
  },
  {
    name: 'a Québec-French question about the phone gets both numbers',
    from: 'issue 12; seed 004 (pour obtenir ce service)',
    steps: [{ say: 'cé quoi vot numéro de tél?', expect: [(ctx) => ctx.c.caDotation.phoneLocal.display, (ctx) => ctx.c.caDotation.phoneTollFree.display] }],
  },
  {
    name: 'a pay question is told plainly that the Centre does not handle pay',
    from: 'issue 12 (outside the mandate)',
    steps: [{ say: 'ma paie est en retard depuis deux semaines', expect: ['paie', (ctx) => ctx.c.caDotation.phoneLocal.display], absent: [NOT_UNDERSTOOD] }],
  },
  {
    name: 'a candidate who describes the crash instead of answering « en ce moment? » gets the urgent route, not the same question again',
    from: 'issue 12 (never stuck): « il a planté au milieu »',
    steps: [
      { say: "j'ai un problème avec mon examen en ligne", buttons: ['Oui, en ce moment', 'Non'] },
      { say: 'il a planté au milieu', expect: [...[0, 1].map((i) => (ctx: ScriptContext) => phones(ctx)[i])], absent: [fr('exam:ask.inProgressRetry')] },
      { say: 'Je ne le sais pas', expect: ['EX-2026-000001', 'urgente'] },
    ],
  },
  {
    name: 'a second answer that is neither yes nor no moves the exam triage on',
    from: 'issue 12 (never stuck)',
    steps: [
      { say: 'mon examen en ligne a un problème' },
      { say: 'euh', expect: [fr('exam:ask.inProgressRetry')] },
      { say: 'merci', absent: [fr('exam:ask.inProgressRetry')], expect: [fr('exam:ask.kind')] },
    ],
  },
  {
    name: '« quand vont-ils me rappeler? » about a job application is the job-postings answer, not a callback request',
    from: 'issue 12; seed 004 (ce que le CA-dotation ne fait pas)',
    steps: [
      {
        say: 'jai postulé sur un poste au ministère de la santé, quand vont-ils me rappeler?',
        expect: ['offres'],
        absent: [fr('callback:intake.consent')],
      },
      { say: 'ok merci quand meme', absent: [NOT_UNDERSTOOD] },
    ],
  },
  {
    name: 'consent to a callback is never read from « ok merci quand même »',
    from: 'Law 25: consent given plainly',
    steps: [
      { say: 'Demander un rappel', expect: [fr('callback:intake.consent')] },
      { say: 'ok merci quand même', expect: [fr('callback:intake.consent')] },
      { say: 'non', expect: [(ctx) => ctx.c.caDotation.phoneLocal.display] },
    ],
  },
  {
    name: '« Do you speak English? » then « yes »: the menu in English, not « I did not understand »',
    from: 'issue 12 (English)',
    steps: [
      { say: 'hi, do you speak english?', expect: ['continue in English'] },
      { say: 'yes', expect: ["let's continue in English", 'What can I do for you?'], absent: ['did not understand'], buttons: ['Talk to a person'] },
    ],
  },
  {
    name: 'a citizen who does not know the complaint number is told where to find it and whom to write to',
    from: 'issue 12 (never stuck); seed 001 (plaintes)',
    steps: [
      { say: 'je veux suivre ma plainte', expect: ['PL-2026-000123'] },
      {
        say: 'je sais pas mon numéro',
        expect: ['accusé de réception', (ctx) => ctx.c.complaints.email.display],
        absent: [fr('complaint:lookup.invalidReference')],
      },
    ],
  },
  {
    name: '« je l’ai pas le numéro » and « c’est quoi mon numéro de plainte? » also say the person does not have it',
    from: 'issue 12 (Québec usage)',
    steps: [
      { say: 'Suivre une plainte', expect: ['PL-2026-000123'] },
      { say: "je l'ai pas le numéro", expect: ['accusé de réception'], absent: [fr('complaint:lookup.invalidReference')] },
      { say: 'Suivre une plainte', expect: ['PL-2026-000123'] },
      { say: "c'est quoi mon numéro de plainte?", expect: ['accusé de réception'], absent: [fr('complaint:lookup.invalidReference')] },
      { say: 'Suivre une plainte', expect: ['PL-2026-000123'] },
      { say: { type: 'message', text: "I can't find my complaint number", locale: 'en-CA' }, expect: ['acknowledgement'] },
    ],
  },
  {
    name: 'a second reference typed instead of the contact is looked up, and the right pair shows the status',
    from: 'issue 12 (a reference typed anywhere)',
    complaintsOnFile: [marie],
    steps: [
      { say: 'ma plainte PL-2026-000999', expect: [fr('complaint:lookup.askContact')] },
      { say: 'oups, PL-2026-000001', expect: [fr('complaint:lookup.askContact')] },
      { say: marie.contactValue, expect: ['PL-2026-000001'], absent: [fr('complaint:lookup.notFound')] },
    ],
  },
  {
    name: '« ok » after an answer is acknowledged; « oui » right after the callback offer starts the callback request',
    from: 'issue 12 (never stuck)',
    steps: [
      { say: "pourquoi vous me demandez de m'identifier au téléphone", expect: ['identité'] },
      { say: 'ok', expect: [fr('common:smallTalk.acknowledged')], absent: [NOT_UNDERSTOOD] },
      { say: 'je veux parler a un agent', buttons: [fr('callback:offer.button')] },
      { say: 'oui', expect: [fr('callback:intake.consent')] },
    ],
  },
  {
    name: '« la semaine passée », then « mardi »: the Tuesday of last week is stored, not this week’s',
    from: 'issue 12 (when a relative date is ambiguous, confirm it)',
    steps: [
      { say: 'je veux faire une plainte' },
      { say: 'Oui' },
      { say: 'Luc Gagnon' },
      { say: 'Téléphone' },
      { say: '418 555 0199' },
      { say: 'le téléphone', expect: [fr('complaint:intake.askWhen').slice(0, 30)] },
      { say: 'la semaine passée', expect: [(ctx) => ctx.long(lastWeek(ctx, 1))] },
      { say: 'mardi', absent: [fr('complaint:intake.futureWhen')] },
      { say: "L'agent m'a raccroché au nez" },
      { say: 'Passer cette question', check: (replies, ctx) => expect(JSON.stringify(ctx.card(replies))).toContain(ctx.long(lastWeek(ctx, 2))) },
      { say: cardAction('confirm'), expect: ['PL-2026-000001'] },
    ],
    after: async (ctx) => expect(await ctx.complaints()).toMatchObject([{ incident_date: lastWeek(ctx, 2) }]),
  },
  {
    name: '« Êtes-vous ouverts à Noël? », then « pis au jour de l’an? »: « Non », each holiday by its date',
    from: 'issue 12 (yes/no first; follow-ups in context)',
    steps: [
      { say: 'êtes-vous ouverts à Noël?', expect: [(ctx) => `Non, le ${ctx.long(nextHoliday(ctx, 'noel'))}, le Centre est fermé`] },
      { say: "pis au jour de l'an?", expect: [(ctx) => `Non, le ${ctx.long(nextHoliday(ctx, 'jour-de-l-an'))}, le Centre est fermé`] },
      { say: 'et à la St-Jean?', expect: [(ctx) => `le ${ctx.long(nextHoliday(ctx, 'fete-nationale'))}, le Centre est fermé`] },
    ],
  },
  {
    name: '« une copie de mon examen » is not a technical problem: where to turn, no triage',
    from: 'issue 12; seed 004 (what the Centre does)',
    steps: [
      {
        say: 'est-ce que je peux avoir une copie de mon examen?',
        expect: [fr('exam:redirect.introDetected')],
        absent: [fr('exam:ask.inProgress').slice(0, 30), 'EX-2026'],
      },
    ],
  },
  {
    name: '« non » is not the kind of exam problem: asked again, then the button is taken',
    from: 'issue 12 (forms that listen)',
    steps: [
      { say: "j'ai eu un problème avec mon examen hier", expect: [fr('exam:ask.kind')] },
      { say: 'non', expect: [fr('exam:ask.kind')] },
      { say: fr('exam:kinds.frozen'), expect: [fr('exam:ask.exam').slice(0, 30)] },
    ],
  },
  {
    name: '« Bonjour, est-ce que vous parlez anglais? » offers English; « oui » gives the menu in English',
    from: 'issue 12 (English)',
    steps: [
      { say: 'Bonjour, est-ce que vous parlez anglais?', expect: ['continue in English'] },
      { say: 'oui', expect: ['What can I do for you?'], buttons: ['Talk to a person'] },
    ],
  },
  {
    name: 'a story that says « hier » offers yesterday as the date of the situation; « oui » takes it',
    from: 'issue 12 (forms that listen)',
    steps: [
      { say: "Bonjour, j'ai appelé hier trois fois et la préposée m'a raccroché au nez. Je veux porter plainte.", expect: [fr('complaint:intake.empathy')] },
      { say: 'Oui' },
      { say: 'Nadia Roy' },
      { say: 'Courriel' },
      { say: 'nadia.roy@exemple.ca' },
      { say: 'le service au téléphone', expect: [(ctx) => ctx.long(ctx.calendar.addCalendarDays(ctx.today(), -1))], buttons: [fr('complaint:intake.skip')] },
      { say: 'oui' },
      { say: 'Oui' },
      { say: 'Passer cette question' },
      { say: cardAction('confirm'), expect: ['PL-2026-000001'] },
    ],
    after: async (ctx) => expect(await ctx.complaints()).toMatchObject([{ incident_date: ctx.calendar.addCalendarDays(ctx.today(), -1) }]),
  },
  {
    name: 'an angry account of a rude call, without the word « plainte », opens the complaint form with the story as its description',
    from: 'issue 12 (forms that listen): the twenty-first evaluation pair, read after it was measured',
    steps: [
      {
        say: 'la dame au téléphone de votre centre a été impolie avec ma mère qui a 80 ans',
        expect: [fr('complaint:intake.empathy')],
        absent: [NOT_UNDERSTOOD],
      },
      { say: 'Oui' },
      { say: 'Lucie Gagnon' },
      { say: 'Courriel' },
      { say: 'lucie.gagnon@exemple.ca' },
      { say: 'au téléphone' },
      { say: 'hier', expect: ['impolie avec ma mère'] },
    ],
  },
  {
    name: '« c’est quoi leur numéro? » or « ils ferment pour le dîner? » just after the Secrétariat’s complaints answer is the Secrétariat’s contact',
    from: 'issue 12 (follow-ups in context); seed 002 (Secrétariat du Conseil du trésor)',
    steps: [
      { say: 'Est-ce que je peux faire une plainte contre le Conseil du trésor?', expect: [(ctx) => ctx.c.sct.complaintsOffice.email.display] },
      { say: "c'est quoi leur numéro?", expect: [(ctx) => ctx.c.sct.general.phone.display], absent: [(ctx) => ctx.c.caDotation.phoneLocal.display] },
      // Their lunch break: the Secrétariat's office hours, not the Centre's lunch closure.
      { say: 'ils ferment pour le dîner?', expect: [(ctx) => ctx.c.sct.general.phone.display], absent: [(ctx) => ctx.c.caDotation.phoneLocal.display] },
      { say: "c'est quoi votre numéro?", expect: [(ctx) => ctx.c.caDotation.phoneLocal.display] },
    ],
  },
  {
    name: 'the Secrétariat’s mission and how to reach them, asked in one message, get both: its mission and its phone, not the Centre’s',
    from: 'issue 12 (several questions in one message); seed 002 (Secrétariat du Conseil du trésor)',
    steps: [
      {
        say: "C'est quoi la mission du Secrétariat du Conseil du trésor, et comment peut-on les joindre?",
        expect: ["l'appareil administratif du Conseil du trésor", (ctx) => ctx.c.sct.general.phone.display],
        absent: [(ctx) => ctx.c.caDotation.phoneLocal.display],
      },
    ],
  },
  {
    name: 'a complaint about another organization, or a scam, is told the Centre does not handle it, with no complaint form',
    from: 'issue 12 (never stuck): the twenty-fifth and twenty-eighth evaluation pairs, read after they were measured',
    steps: [
      {
        say: 'je veux porter plainte contre Hydro-Québec, ma facture est rendue trop chère',
        expect: ["ne s'occupe pas des services d'autres organismes", (ctx) => ctx.c.caDotation.phoneLocal.display],
        absent: [fr('complaint:intake.empathy'), NOT_UNDERSTOOD],
      },
      { say: 'je me suis fait arnaquer sur Kijiji, je porte plainte où?', expect: ["ne s'occupe pas des fraudes"], absent: [NOT_UNDERSTOOD] },
    ],
  },
  {
    name: 'how to complain, asked calmly, gets the complaints address; a fax number gets the Centre’s contact, which says there is none',
    from: 'issue 12 (understanding): the twenty-fifth and twenty-eighth evaluation pairs, read after they were measured',
    steps: [
      { say: 'Y a-t-il un formulaire pour déposer une plainte?', expect: [(ctx) => ctx.c.complaints.email.display], absent: ['Voulez-vous dire'] },
      {
        say: 'Existe-t-il un numéro de fax pour le Centre?',
        expect: ['ni télécopieur', (ctx) => ctx.c.caDotation.phoneLocal.display],
        absent: ['Voulez-vous dire'],
      },
    ],
  },
  {
    name: 'a failing SAGIR exam told as a statement starts the triage; « ce n’est pas une plainte » gets the number it asks; when to call gets the hours',
    from: 'issue 12 (understanding): the thirty-second to forty-third evaluation pairs, read after they were measured',
    steps: [
      { say: 'la page de mon examen SAGIR fige depuis 10 minutes', expect: [fr('exam:intro')], absent: ['SAGIR signifie', 'Voulez-vous dire'] },
      { say: 'annuler' },
      {
        say: "Ce n'est pas une plainte, je voudrais seulement votre numéro de téléphone.",
        expect: [(ctx) => ctx.c.caDotation.phoneLocal.display],
        absent: [fr('complaint:intake.empathy'), 'Voulez-vous dire'],
      },
      {
        say: "Ma petite-fille m'a dit de vous téléphoner. À quelles heures puis-je le faire?",
        expect: ['8 h 30', '16 h 30'],
        absent: ['Voulez-vous dire'],
      },
    ],
  },
  {
    name: 'an answer that did not help: « Non » offers the other topic the question was close to, and it opens in one click',
    from: 'issue 12 (never stuck): on pairs 44–51, a third of the wrong French answers had the right topic among these',
    steps: [
      { say: 'mon examen en ligne a planté, à qui écrire', expect: [(ctx) => ctx.c.caDotation.emailExam.display] },
      {
        say: 'non',
        expect: ["plutôt sur l'un de ces sujets"],
        buttons: ["Problème technique lors d'un examen en ligne", 'Reformuler ma question', 'Parler à une personne'],
      },
      { say: "Problème technique lors d'un examen en ligne", expect: [fr('exam:intro')] },
    ],
  },
  {
    name: 'a complaint and a question about recourse in one message: the recourse answered, then the form, without « utile ? »',
    from: 'issue 12 (several questions in one message): the forty-fourth to fifty-first evaluation pairs, read after they were measured',
    steps: [
      {
        say: "Je veux porter plainte, l'agent m'a parlé bête. Et si ça donne rien, est-ce que je peux aller au Protecteur du citoyen?",
        expect: ['Protecteur du citoyen', (ctx) => ctx.c.protecteurDuCitoyen.phone.display, fr('complaint:intake.consent')],
        absent: [fr('faq:feedback.question'), 'Voulez-vous dire'],
        check: (replies) => {
          const text = textOf(replies);
          expect(text.indexOf('Protecteur du citoyen')).toBeLessThan(text.indexOf(fr('complaint:intake.consent')));
        },
      },
      { say: 'Oui', expect: [fr('complaint:intake.askName')] },
    ],
  },
  {
    name: 'a complaint number with a question about recourse: the recourse answered, then the follow-up of that complaint',
    from: 'issue 12 (a reference typed anywhere; several questions in one message)',
    complaintsOnFile: [marie],
    steps: [
      {
        say: 'Ma plainte PL-2026-000001 est rendue où? Pis si la réponse me satisfait pas, je peux aller au Protecteur du citoyen?',
        expect: ['Protecteur du citoyen', 'quelle adresse courriel ou quel numéro de téléphone'],
        absent: [fr('faq:feedback.question')],
      },
      { say: 'marie.tremblay@exemple.qc.ca', expect: ['PL-2026-000001', 'reçue'] },
    ],
  },
  {
    name: 'an exam that just crashed and the support address asked: the triage, which gives that address for the problem at hand',
    from: 'issue 12 (an exam failing now is never just an address): the forty-fourth to fifty-first evaluation pairs',
    steps: [
      { say: "Mon examen vient de planter, c'est quoi le courriel pour l'assistance technique?", expect: [fr('exam:intro')], absent: ['Voulez-vous dire'] },
      { say: 'Processus 12345', expect: ['EX-2026-000001', (ctx) => ctx.c.caDotation.emailExam.display] },
    ],
    after: async (ctx) => expect(await ctx.incidents()).toMatchObject([{ exam_name: 'Processus 12345' }]),
  },
  {
    name: 'an address noted in case an exam fails later is the address, not a triage',
    from: 'issue 12 (forms that listen): « si jamais mon examen plante » is no exam failing now',
    steps: [
      {
        say: "Si jamais mon examen plante jeudi, j'écris à quelle adresse?",
        expect: [(ctx) => ctx.c.caDotation.emailExam.display],
        absent: [fr('exam:intro')],
      },
    ],
  },
  {
    name: 'a complaint and its delay asked in one sentence: the complaint’s delays, then the form, without « utile ? »',
    from: 'issue 12 (several questions in one message): the multi-question messages of the spent pairs 1–57',
    steps: [
      {
        say: 'Je veux porter plainte, ça prend combien de temps avant que vous me répondiez?',
        expect: [(ctx) => ctx.c.complaints.email.display, '20 jours ouvrables', fr('complaint:intake.consent')],
        absent: [fr('faq:feedback.question'), 'Voulez-vous dire'],
        check: (replies) => {
          const text = textOf(replies);
          expect(text.indexOf('20 jours ouvrables')).toBeLessThan(text.indexOf(fr('complaint:intake.consent')));
        },
      },
    ],
  },
  {
    name: 'the Secrétariat named once, then « leurs heures » and « sa mission »: both answers are the Secrétariat’s, never the Centre’s',
    from: 'issue 12 (several questions in one message): the multi-question messages of the spent pairs 1–57',
    steps: [
      {
        say: 'Je veux me plaindre du Conseil du trésor et aussi savoir leurs heures de bureau',
        expect: [(ctx) => ctx.c.sct.complaintsOffice.email.display, (ctx) => ctx.c.sct.general.phone.display],
        absent: [(ctx) => ctx.c.caDotation.phoneLocal.display, 'Voulez-vous dire'],
      },
      {
        say: "Le numéro du Secrétariat du Conseil du trésor, et c'est quoi sa mission au juste?",
        expect: [(ctx) => ctx.c.sct.general.phone.display, "l'appareil administratif du Conseil du trésor"],
        absent: [(ctx) => ctx.c.caDotation.phoneLocal.display, 'Voulez-vous dire'],
      },
    ],
  },
  {
    name: '« please call me back », after « Continue in English », starts the callback request in English',
    from: 'issue 12 (English); the callback request',
    steps: [
      { say: 'please call me back', expect: ['continue in English'] },
      { say: 'Continue in English', expect: [translator('en')('callback:intake.consent')] },
    ],
  },
];

/** A day of the week before this one (1 = Monday … 7 = Sunday), by the project's calendar. */
function lastWeek(ctx: ScriptContext, isoWeekday: number): string {
  const today = ctx.today();
  const monday = ctx.calendar.addCalendarDays(today, -((ctx.calendar.weekdayOf(today) + 6) % 7) - 7);
  return ctx.calendar.addCalendarDays(monday, isoWeekday - 1);
}

/** The next day off of a holiday of the project's calendar (its id), today included. */
function nextHoliday(ctx: ScriptContext, id: string): string {
  const today = ctx.today();
  const year = Number(today.slice(0, 4));
  return [...ctx.calendar.holidaysIn(year), ...ctx.calendar.holidaysIn(year + 1)].filter((h) => h.id === id && h.date >= today)[0].date;
}
