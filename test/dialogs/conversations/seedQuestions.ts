import { Conversation, ScriptContext } from './script';

/** The questions the seeds themselves answer (/work/shared/seeds), each asked as a person would. */
const NOT_UNDERSTOOD = "Je n'ai pas bien compris";
const fact = (pick: (ctx: ScriptContext) => string) => pick;

export const seedConversations: Conversation[] = [
  {
    name: 'opening hours: weekdays 8 h 30 to 16 h 30 with the lunch break, Wednesday from 10 h, open right now',
    from: 'seed 004 (disponibilité du service)',
    steps: [{ say: "Quelles sont vos heures d'ouverture?", expect: ['8 h 30 à 12 h', '13 h à 16 h 30', 'mercredi', '10 h', "ouvert en ce moment, jusqu'à 12 h"] }],
  },
  {
    name: 'lunch: closed from 12 h to 13 h',
    from: 'seed 004',
    steps: [{ say: 'Est-ce que vous fermez sur l’heure du dîner?', expect: ['12 h', '13 h'], absent: [NOT_UNDERSTOOD] }],
  },
  {
    name: 'Wednesday: opens at 10 h',
    from: 'seed 004 (à l’exception du mercredi)',
    steps: [{ say: 'Vous ouvrez à quelle heure le mercredi?', expect: [/mercredi.*10 h/i], absent: [NOT_UNDERSTOOD] }],
  },
  {
    name: 'weekends: closed Saturday and Sunday',
    from: 'seed 004 (du lundi au vendredi)',
    steps: [{ say: 'Êtes-vous ouverts la fin de semaine?', expect: [/fermé/], absent: [NOT_UNDERSTOOD] }],
  },
  {
    name: '« Est-ce ouvert samedi? » → « Non », the weekend',
    from: 'seed 004',
    steps: [{ say: 'Est-ce ouvert samedi?', expect: [(ctx) => `Non, le ${ctx.long(ctx.next(6))}, le Centre est fermé`] }],
  },
  {
    name: 'phones: the Québec-area and the toll-free numbers',
    from: 'seed 004 (pour obtenir ce service)',
    steps: [{ say: 'Quel est votre numéro de téléphone?', expect: [fact((ctx) => ctx.c.caDotation.phoneLocal.display), fact((ctx) => ctx.c.caDotation.phoneTollFree.display)] }],
  },
  {
    name: 'e-mail: the Centre’s general address, for general information only',
    from: 'seed 004 (renseignements généraux seulement)',
    steps: [{ say: 'Quelle est votre adresse courriel?', expect: [fact((ctx) => ctx.c.caDotation.emailGeneral.display), /nominative/] }],
  },
  {
    name: 'e-mail for an online-exam problem',
    from: 'data/contacts.json (emailExam)',
    steps: [
      {
        say: "À quelle adresse courriel j'écris pour un problème technique pendant un examen en ligne?",
        expect: [fact((ctx) => ctx.c.caDotation.emailExam.display)],
        absent: [NOT_UNDERSTOOD],
      },
    ],
  },
  {
    name: 'how to reach the Centre: phones, e-mail',
    from: 'seed 004 (pour information supplémentaire)',
    steps: [
      {
        say: 'Comment puis-je vous joindre?',
        expect: [fact((ctx) => ctx.c.caDotation.phoneLocal.display), fact((ctx) => ctx.c.caDotation.phoneTollFree.display), fact((ctx) => ctx.c.caDotation.emailGeneral.display)],
      },
    ],
  },
  {
    name: 'delay for a written request: an answer, or the time it will take, within 10 business days',
    from: 'seed 004 (délai de traitement), seed 001',
    steps: [{ say: 'Combien de temps pour avoir une réponse à mon courriel?', expect: [/10 jours ouvrables|dix jours ouvrables/] }],
  },
  {
    name: 'phone wait: an answer in 5 minutes or less is aimed at',
    from: 'seed 004 (délai d’obtention du service)',
    steps: [{ say: "Combien de temps d'attente au téléphone?", expect: [fact((ctx) => `${ctx.c.caDotation.phoneAnswerTarget.minutes} minutes`)] }],
  },
  {
    name: 'complaints: write to the ministry’s address; first contact in 5 and an answer in 20 business days',
    from: 'seed 000 (plaintes sur la qualité de nos services)',
    steps: [
      {
        say: 'Quel est le délai de traitement d’une plainte?',
        expect: [
          fact((ctx) => ctx.c.complaints.email.display),
          fact((ctx) => `${ctx.c.complaints.firstContactBusinessDays.days} jours ouvrables`),
          fact((ctx) => `${ctx.c.complaints.answerBusinessDays.days} jours ouvrables`),
        ],
      },
    ],
  },
  {
    name: 'recourse: the ministry’s address first, then the Protecteur du citoyen as the SCT’s declaration names it',
    from: 'seed 000, seed 002',
    steps: [
      {
        say: 'Je ne suis pas satisfait de la réponse à ma plainte, quel est mon recours?',
        expect: [fact((ctx) => ctx.c.complaints.email.display), 'Protecteur du citoyen', fact((ctx) => ctx.c.protecteurDuCitoyen.phone.display)],
      },
    ],
  },
  {
    name: 'SCT contacts: the Secrétariat’s phone numbers',
    from: 'seed 001, seed 002 (pour nous joindre)',
    steps: [
      {
        say: 'Comment joindre le Secrétariat du Conseil du trésor?',
        expect: [fact((ctx) => ctx.c.sct.general.phone.display), fact((ctx) => ctx.c.sct.general.phoneTollFree.display)],
        absent: [NOT_UNDERSTOOD],
      },
    ],
  },
  {
    name: 'SCT complaints: its complaints officer’s e-mail',
    from: 'seed 001, seed 002 (responsable des plaintes)',
    steps: [{ say: 'Comment porter plainte au Secrétariat du Conseil du trésor?', expect: [fact((ctx) => ctx.c.sct.complaintsOffice.email.display)] }],
  },
  {
    name: 'identity check: the Centre validates who is asking before talking about a file',
    from: 'seed 004 (obligations générales et légales)',
    steps: [{ say: 'Pourquoi me demandez-vous de confirmer mon identité?', expect: [/identité/], absent: [NOT_UNDERSTOOD] }],
  },
  {
    name: 'no nominative request by e-mail: a question about one’s file is handled by phone',
    from: 'seed 004 (aucune demande de nature nominative ne sera traitée par courriel)',
    steps: [
      {
        say: 'Puis-je envoyer une question sur mon dossier par courriel?',
        expect: [/nominative/, fact((ctx) => ctx.c.caDotation.phoneLocal.display)],
      },
    ],
  },
  {
    name: 'what the Centre does not do: an employee’s own file and career',
    from: 'seed 004 (ce que le service ne comprend pas)',
    steps: [{ say: "J'ai une question sur mon dossier d'employé et ma carrière", expect: [/dossier/], absent: [NOT_UNDERSTOOD, 'Voulez-vous dire'] }],
  },
  {
    name: 'what the Centre does not do: a specific job posting of a ministry',
    from: 'seed 004 (ce que le service ne comprend pas)',
    steps: [{ say: "J'ai une question sur une offre d'emploi d'un ministère", absent: [NOT_UNDERSTOOD], expect: [/offre|emploi/i] }],
  },
  {
    name: 'what the Centre does: help with the online staffing systems and the qualification processes',
    from: 'seed 004 (description du service)',
    steps: [{ say: "Qu'est-ce que le Centre d'assistance en dotation?", expect: [/systèmes de dotation en ligne/, /processus de qualification/] }],
  },
  {
    name: 'business days: Monday to Friday, holidays excepted',
    from: 'seed 000 (délais calculés en jours ouvrables)',
    steps: [{ say: "C'est quoi un jour ouvrable?", expect: [/lundi au vendredi/, /fériés/] }],
  },
  {
    name: 'specialized users of the ministries: a first answer within 48 hours, through their ministerial pilot',
    from: 'seed 004 (pour les utilisateurs spécialisés des MO)',
    steps: [
      {
        say: "Je travaille en ressources humaines dans un ministère, comment obtenir de l'aide du CA-dotation?",
        expect: ['48 heures', /pilote/],
      },
    ],
  },
  {
    name: 'SAGIR and online exams',
    from: 'data/knowledge-base (sagir)',
    steps: [{ say: "c'est quoi SAGIR?", expect: [/SAGIR/], absent: [NOT_UNDERSTOOD] }],
  },
  {
    name: 'help with the online staffing systems',
    from: 'seed 004 (assister dans l’utilisation des systèmes de dotation en ligne)',
    steps: [{ say: "J'ai de la difficulté à utiliser le système de dotation en ligne", expect: [fact((ctx) => ctx.c.caDotation.phoneLocal.display)], absent: [NOT_UNDERSTOOD] }],
  },
  {
    name: 'English page: “Are you open on December 24?” → “No”, a holiday',
    from: 'seed 004; data/calendar',
    locale: 'en-CA',
    steps: [{ say: 'Are you open on December 24?', expect: [/^No, on /, 'closed'] }],
  },
];
