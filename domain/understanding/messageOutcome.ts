import type { BusinessCalendar } from '../calendar/businessCalendar';
import { asksToChangeFiledComplaint } from '../complaints/complaintChange';
import { readFirstMessage, soundsAngry, speaksOfTheStaff } from '../complaints/firstMessage';
import { ExamProblemClues, extractExamProblem } from '../exams/problemExtractor';
import { asksOnlyWhenOpen, asksOnlyWhetherOpen, asksOpenOrClosed, foldText, parseAskedMoment } from '../faq/askedMoment';
import { faqIntent } from '../faq/knowledgeBase';
import { mandateKey, matchOutOfMandate, OutOfMandateTopic, outOfMandateOverriding } from '../faq/outOfMandate';
import type { Lang } from '../i18n';
import { Decision, decide, DEFAULT_THRESHOLDS, leadingIntent, SMALL_TALK_AND_HELP } from './decision';
import { asksWhenToCall, meansAskedByName, NO_NOMINATIVE_EMAIL, numberOrHoursAsked, WEEKLY_HOURS, writesAboutOwnFile } from './askedMeans';
import { COMPLAINTS_ENTRY, FAQ_INTENT_PREFIX, Intents, ScoredIntent } from './intents';

/**
 * What a new message gets, beyond the recognizer's decision: the decision itself, the hours entry about
 * the day the message names, or the plain answer that a topic is outside the Centre's mandate.
 */
export type MessageOutcome =
  | Decision
  | { kind: 'hoursOfDay'; score: number }
  | { kind: 'outOfMandate'; topic: OutOfMandateTopic; score: number }
  | { kind: 'complaintChange'; score: number };

/** The recognizer's complaint topics: filing, following, the complaints address, the recourse. */
const COMPLAINT_TOPICS: ReadonlySet<string> = new Set([Intents.complaintFile, Intents.complaintStatus, ...['complaints', 'recourse'].map(faqIntent)]);

/** The entries the hours of a day answer (« Êtes-vous ouverts le 24 décembre? » → « Non, … »): the weekly hours, the closed days, the lunch break. */
export const HOURS_OF_DAY_ENTRIES: ReadonlySet<string> = new Set(['hours', 'closed-days', 'hours-lunch'].map(faqIntent));

/**
 * How to reach someone: the Centre's entries that a question about the Secrétariat's contact, or another
 * organization's, is mistaken for (the `overrides` of out-of-mandate.json's other-organizations, with the
 * complaint form and the complaints address that a complaint about another organization is mistaken for).
 */
export const CENTRE_CONTACT_ENTRIES: ReadonlySet<string> = new Set(['phone', 'contact', 'email-general', 'hours', 'closed-days', 'hours-lunch'].map(faqIntent));
const SECRETARIAT_CONTACT = faqIntent('sct-contact');
const SECRETARIAT_COMPLAINTS = faqIntent('sct-complaints');
const SECRETARIAT_MISSION = faqIntent('sct-mission');
const EXAM_EMAIL = faqIntent('email-exam');
const MINISTRY_MISSION = faqIntent('mission');
const SAGIR = faqIntent('sagir');
/** The entries about the Secrétariat du Conseil du trésor. */
export const SECRETARIAT_ENTRIES: ReadonlySet<string> = new Set(['sct-complaints', 'sct-contact', 'sct-mission'].map(faqIntent));
/** The Secrétariat du Conseil du trésor named (folded text, mandateKey), and a complaint word (then it is its complaints entry). */
const NAMES_THE_CSC = /(?:^| )(?:csc|centre de services? a la clientele)(?= |$)/;
const NAMES_THE_SECRETARIAT = /(?:^| )(?:sct|secretariat|conseil du tresor|treasury board)(?= |$)/;
const COMPLAINT_WORD = /plainte|plaindre|complain/;
/** « je travaille au SCT, c'est quoi votre numéro? »: the Centre's own contact, asked by someone who names the Secrétariat. */
const ADDRESSED_TO_THE_CENTRE = /(?:^| )(?:votre|vos|your|ca-dotation|centre d assistance|assistance cent(?:re|er))(?= |$)/;

export interface OutcomeContext {
  now: Date;
  lang: Lang;
  calendar: BusinessCalendar;
}

/**
 * The rules that read the message itself where the recognizer hesitates or misses, in this order (the
 * main dialog acts on the outcome, and `npm run eval` scores it as served):
 * - « j'ai déjà fait une plainte et je veux ajouter des informations », « retirer ma plainte », read as a complaint
 *   topic: how to change a complaint already filed (the complaints address), not a new complaint form;
 * - « Je ne veux pas faire de plainte, je voulais seulement votre numéro », read as a complaint: decided again without it;
 * - « Moodle plante pendant mon examen de cours à l'Université Laval », read as an exam problem (offered as one, or
 *   declined while leaning to one), or
 *   « le numéro du centre d'appel d'Hydro-Québec », read as the Centre's phone: what the Centre does not handle (a
 *   topic of out-of-mandate.json that `overrides` these guesses, whatever the recognizer's confidence);
 * - « adresse courriel du SCT pour des renseignements généraux », read as the Centre's e-mail or contact (or
 *   answered with one of them beside another entry): the Secrétariat's contact (the message names it; with a
 *   complaint word it is the Secrétariat's complaints entry, which also answers anger about it when offered); its
 *   mission, not the ministry's, for « le numéro du Conseil du trésor et sa mission »; the CSC named and answered with
 *   the ministry's mission: the CSC's entry;
 * - « Mon examen en ligne plante en ce moment »: an exam failing right now starts the triage, never « Voulez-vous dire… ? »;
 *   so does one that failed (« on m'a expulsée de l'examen, ma session a expiré ») when the exam problem is the first choice,
 *   and a statement that one fails answered with what SAGIR is (« le lien pour mon examen dans SAGIR fonctionne pas »);
 * - « Ça fait 3 fois que j'appelle et personne me rappelle, c'est inacceptable »: an upset account of the service,
 *   where the recognizer's best guess is a complaint, opens the complaint form (it listens to the story) rather than a choice;
 *   so does a calm one that asks nothing, an upset one offered a person then a complaint (« je veux parler à un
 *   superviseur, votre agente a été irrespectueuse »), and an angry one that it declines while still offering a complaint
 *   or that speaks of who served the person (« la dame au téléphone a été impolie », « l'agent voulait rien savoir »),
 *   also offered a choice when it asks nothing (« le préposé m'a parlé comme si j'étais un enfant, c'est pas correct »);
 *   so does an angry verdict offered a complaint first (« votre service est pourri »), and a declined account that says
 *   the person wants to complain, a complaint right behind (« Je veux me plaindre : on m'a fait attendre une heure »);
 * - « j'ai attendu 45 minutes en ligne pour me faire dire de rappeler demain, c'est rire du monde », answered or offered
 *   as an entry of the knowledge base: an angry account that asks nothing, or one that says the person wants to
 *   complain (« …franchement. je porte plainte », whatever its words), opens the complaint form (about another body, « la SAAQ m'a fait attendre une heure, c'est
 *   inacceptable », it is told whose it is);
 * - « ça fait 2 heures que j'attends, c'est ridicule, vous répondez quand? », between an answer and a complaint: the
 *   answer, which hears the person and offers the complaint form;
 * - « Est-ce ouvert samedi? » or “what are your hours on saturday” that the recognizer hesitates on (hours or
 *   holidays?), or « ouvert samedi? » that it declines while the message
 *   says nothing but that and the day (“Open on Canada Day?”): the hours of that day. « La SAQ est-elle ouverte
 *   le 1er janvier? » names someone else, and is declined; « êtes-vous ouverts le soir? », naming no day, offered the
 *   weekly hours first, or « tu fermes a quelle heure », declined while leaning to the hours: those hours; so does
 *   a question when to call, offered the hours first or read as a person asked for (« Pouvez-vous me dire quand je
 *   peux téléphoner pour parler à quelqu'un? »);
 * - « plainte sur le service, où écrire », « y a-t-il un formulaire pour une plainte? », offered the complaints address:
 *   that address, which says how to file one here;
 * - « un numéro pour parler de mon processus de qualif », offered the phone beside an entry on what the Centre does: the
 *   means the message names (the phone, the hours, the contact details); answered with what the Centre does or its
 *   processes, the phone number or the hours it names (« ça ferme à quelle heure le centre d'aide pour les jobs »);
 * - « je peux tu vous écrire pour une question sur mon compte à moi? », torn between the e-mail and what the Centre does
 *   not take by e-mail: the latter;
 * - a complaint about another body (« je veux porter plainte contre Hydro-Québec »): told it is not the Centre's;
 * - a known topic outside the Centre's mandate (paie, permis de conduire…): said plainly, also when the message
 *   ranks small talk or help first (« bonjour, c'est pour ma carte soleil ») or the recognizer hesitates
 *   (« c'est quoi le salaire d'un technicien au gouvernement? »): a choice of the Centre's topics would not answer it;
 *   but when the knowledge base has its own entry on that topic and the recognizer offers it, that entry answers.
 */
export function messageOutcome(text: string, decision: Decision, ranking: readonly ScoredIntent[], context: OutcomeContext): MessageOutcome {
  const guess = leadingIntent(decision);
  if (guess && COMPLAINT_TOPICS.has(guess) && asksToChangeFiledComplaint(text)) return { kind: 'complaintChange', score: decision.score };
  // Declined, the message still leans somewhere: « Moodle vient de planter pendant mon examen de cours » declined as
  // out of scope leans to the exam problem, and is told that a school's exams are not the Centre's.
  const leaning = decision.kind === 'decline' ? ranking.find((r) => r.intent !== Intents.outOfScope && r.intent !== Intents.none)?.intent : undefined;
  const guessed = (intent: string) =>
    guess === intent || intent === leaning || (decision.kind !== 'answer' && scoreOf(ranking, intent) >= DEFAULT_THRESHOLDS.option);
  // « Je ne veux pas faire de plainte, je voulais seulement votre numéro », read or offered as a complaint: decided again without it.
  if (guessed(Intents.complaintFile) && /plainte|complain/i.test(text) && NOT_A_COMPLAINT.test(mandateKey(text))) {
    return decidedWithout(text, ranking, Intents.complaintFile);
  }
  const overriding = outOfMandateOverriding(text, guessed);
  if (overriding) {
    // « je veux porter plainte contre mon médecin de famille »: the health card's topic says more than « another organization ».
    const topic = overriding.readAlone ? overriding : (matchOutOfMandate(text) ?? overriding);
    return { kind: 'outOfMandate', topic, score: decision.score };
  }
  const secretariats = theSecretariatsContact(text, decision) ?? theSecretariatsMission(text, decision);
  if (secretariats) return secretariats;
  // « C'est quoi le CSC du ministère de la Cybersécurité et du Numérique? », answered with the ministry's mission: the CSC's own entry.
  if (decision.kind === 'answer' && decision.intent === MINISTRY_MISSION && !decision.also?.length && NAMES_THE_CSC.test(mandateKey(text))) {
    return { kind: 'answer', intent: faqIntent('it-support-csc'), score: decision.score };
  }
  if (complainsOfTheSecretariat(text, decision)) return { kind: 'answer', intent: SECRETARIAT_COMPLAINTS, score: decision.score };
  const both = decision.kind === 'clarify' ? theSecretariatsMissionAndContact(decision.options) : undefined;
  if (both) return both;
  if ((decision.kind !== 'answer' && reportsAFailingExam(text, decision, ranking, context)) || asksTheExamAddressWhileItFails(text, decision, context)) {
    return { kind: 'answer', intent: Intents.examProblem, score: scoreOf(ranking, Intents.examProblem) };
  }
  // « Le lien pour mon examen dans SAGIR fonctionne pas », answered with what SAGIR is: a statement that an exam fails is the triage's.
  if (decision.kind === 'answer' && decision.intent === SAGIR && !decision.also?.length && asksNothing(text) && examProblemIn(text, context)) {
    return { kind: 'answer', intent: Intents.examProblem, score: decision.score };
  }
  if (decision.kind === 'clarify' && (tellsTheStoryOfAComplaint(text, decision.options) || filesRatherThanFollows(text, decision.options))) {
    return { kind: 'answer', intent: Intents.complaintFile, score: decision.score };
  }
  if ((decision.kind === 'decline' || (decision.kind === 'clarify' && asksNothing(text))) && tellsAnAngryStoryOfTheService(text, ranking)) {
    return { kind: 'answer', intent: Intents.complaintFile, score: scoreOf(ranking, Intents.complaintFile) };
  }
  if (decision.kind !== 'decline' && isAnAngryStatement(text, decision)) {
    // « la SAAQ m'a fait attendre une heure au téléphone, c'est inacceptable »: the SAAQ's, told so; « vous m'avez
    // laissée en attente une heure sur mon cellulaire » is the Centre's, whatever else it names.
    const elsewhere = TELLS_THE_CENTRE.test(mandateKey(text)) ? undefined : matchOutOfMandate(text);
    if (elsewhere) return { kind: 'outOfMandate', topic: elsewhere, score: decision.score };
    return { kind: 'answer', intent: Intents.complaintFile, score: decision.score };
  }
  // « ça fait 2 heures que j'attends au téléphone, c'est ridicule, vous répondez quand? », between the phone wait and a
  // complaint: the answer, which hears the person first and offers the complaint form after it (FaqDialog), asks no choice.
  const [first, second] = decision.kind === 'clarify' ? decision.options : [];
  // « votre service est pourri », a complaint offered first: an angry statement is one, however short its story.
  if (first?.intent === Intents.complaintFile && soundsAngry(text) && asksNothing(text)) {
    return { kind: 'answer', intent: Intents.complaintFile, score: decision.score };
  }
  const answerOffered = [first, second].find((o) => o?.intent.startsWith(FAQ_INTENT_PREFIX));
  if (answerOffered && [first, second].some((o) => o?.intent === Intents.complaintFile) && soundsAngry(text)) {
    return { kind: 'answer', intent: answerOffered.intent, score: decision.score };
  }
  // « Pourriez-vous m'indiquer à quelles heures je peux téléphoner? », an entry first and a complaint second: a calm question is the entry's.
  if (first?.intent.startsWith(FAQ_INTENT_PREFIX) && second?.intent === Intents.complaintFile && !asksNothing(text) && !readFirstMessage(text).upset) {
    return { kind: 'answer', intent: first.intent, score: decision.score };
  }
  // An hours entry first among the choices, or among them for a question whether the Centre is open.
  const opening = asksOpenOrClosed(text);
  const hoursOffered = decision.kind === 'clarify' && decision.options.some((o, i) => HOURS_OF_DAY_ENTRIES.has(o.intent) && (i === 0 || opening));
  if (
    decision.kind !== 'answer' &&
    (hoursOffered || (opening && asksOnlyWhetherOpen(text, context.now, context.calendar))) &&
    parseAskedMoment(text, context.now, context.lang, context.calendar)
  ) {
    return { kind: 'hoursOfDay', score: decision.score };
  }
  if (decision.kind === 'clarify' && asksTheWeeklyHours(text, decision.options, opening)) {
    return { kind: 'answer', intent: WEEKLY_HOURS, score: decision.score };
  }
  // « Pouvez-vous me dire quand je peux téléphoner pour parler à quelqu'un? », read as a person asked for: when to call is the hours'.
  if (guess === Intents.handoff && asksWhenToCall(text)) return { kind: 'answer', intent: WEEKLY_HOURS, score: decision.score };
  // « tu fermes a quelle heure », declined (the bot addressed as « tu » reads like chit-chat) while leaning to the hours.
  if (leaning !== undefined && HOURS_OF_DAY_ENTRIES.has(leaning) && asksOnlyWhenOpen(text))
    return { kind: 'answer', intent: WEEKLY_HOURS, score: decision.score };
  if (decision.kind === 'clarify' && asksHowToComplain(text, decision.options)) return { kind: 'answer', intent: COMPLAINTS_ENTRY, score: decision.score };
  const named =
    decision.kind === 'clarify'
      ? meansAskedByName(text, decision.options)
      : decision.kind === 'answer' && !decision.also?.length
        ? numberOrHoursAsked(text, decision.intent)
        : undefined;
  if (named) return { kind: 'answer', intent: named, score: decision.score };
  if (decision.kind === 'clarify' && writesAboutOwnFile(text, decision.options)) return { kind: 'answer', intent: NO_NOMINATIVE_EMAIL, score: decision.score };
  const topic = decision.kind !== 'answer' || SMALL_TALK_AND_HELP.has(decision.intent) ? matchOutOfMandate(text) : undefined;
  if (!topic) return decision;
  // « c quoi le CSC du ministère de la Cybersécurité? » between the mission and the CSC: the CSC's own entry says as much, and more.
  const entry = topic.entry === undefined ? undefined : faqIntent(topic.entry);
  if (entry && decision.kind === 'clarify' && decision.options.some((o) => o.intent === entry)) return { kind: 'answer', intent: entry, score: decision.score };
  return { kind: 'outOfMandate', topic, score: decision.score };
}

/**
 * « adresse courriel du SCT pour des renseignements généraux » read as the Centre's e-mail (answered, or
 * offered beside the Secrétariat's contact): the message names the Secrétariat, whose contact entry answers.
 * « le conseil du trésor ça fait quoi pis c quoi leur numéro » answered with its mission and the Centre's
 * phone: its mission and its own contact.
 */
function theSecretariatsContact(text: string, decision: Decision): MessageOutcome | undefined {
  const guess = leadingIntent(decision);
  const options = decision.kind === 'clarify' ? decision.options.map((o) => o.intent) : [];
  const also = decision.kind === 'answer' ? (decision.also ?? []) : [];
  const readAsTheCentres =
    (guess !== undefined && CENTRE_CONTACT_ENTRIES.has(guess)) ||
    also.some((o) => CENTRE_CONTACT_ENTRIES.has(o)) ||
    (options.includes(SECRETARIAT_CONTACT) && options.some((o) => CENTRE_CONTACT_ENTRIES.has(o)));
  if (!readAsTheCentres) return undefined;
  const key = mandateKey(text);
  if (!asksOfTheSecretariat(key)) return undefined;
  // « déposer une plainte contre le Conseil du trésor et connaître leurs heures »: its complaints office beside its contact.
  const aboutTheSecretariat = decision.kind === 'answer' && [decision.intent, ...also].some((entry) => SECRETARIAT_ENTRIES.has(entry));
  if (COMPLAINT_WORD.test(key) && !aboutTheSecretariat) return undefined;
  if (decision.kind !== 'answer') return { kind: 'answer', intent: SECRETARIAT_CONTACT, score: decision.score };
  // Each of the Centre's contact entries answered becomes the Secrétariat's contact, once, in its place.
  return answeredInstead(decision, (entry) => (CENTRE_CONTACT_ENTRIES.has(entry) ? SECRETARIAT_CONTACT : entry));
}

/**
 * « Le numéro du Conseil du trésor et leur mission svp », answered with the Secrétariat's contact and the ministry's
 * mission: the message names the Secrétariat, whose mission it asks.
 */
function theSecretariatsMission(text: string, decision: Decision): MessageOutcome | undefined {
  if (decision.kind !== 'answer' || ![decision.intent, ...(decision.also ?? [])].includes(MINISTRY_MISSION)) return undefined;
  if (!asksOfTheSecretariat(mandateKey(text))) return undefined;
  return answeredInstead(decision, (entry) => (entry === MINISTRY_MISSION ? SECRETARIAT_MISSION : entry));
}

/** The message (folded, mandateKey) names the Secrétariat and does not ask the Centre's own (« votre numéro »). */
function asksOfTheSecretariat(key: string): boolean {
  return NAMES_THE_SECRETARIAT.test(key) && !ADDRESSED_TO_THE_CENTRE.test(key);
}

/** An answer with each of its entries replaced as `instead` says, each answered once, in the order asked. */
function answeredInstead(decision: Decision & { kind: 'answer' }, instead: (entry: string) => string): MessageOutcome {
  const [intent, ...rest] = [...new Set([decision.intent, ...(decision.also ?? [])].map(instead))];
  return rest.length ? { kind: 'answer', intent, score: decision.score, also: rest } : { kind: 'answer', intent, score: decision.score };
}

/**
 * « le personnel du secrétariat du conseil du trésor a été bête avec moi au téléphone », offered the
 * Secrétariat's contact and its complaints office: a complaint word or anger about the Secrétariat is its
 * complaints office's.
 */
function complainsOfTheSecretariat(text: string, decision: Decision): boolean {
  if (decision.kind !== 'clarify' || !decision.options.some((o) => o.intent === SECRETARIAT_COMPLAINTS)) return false;
  const key = mandateKey(text);
  return NAMES_THE_SECRETARIAT.test(key) && (COMPLAINT_WORD.test(key) || soundsAngry(text));
}

/**
 * A choice that offers a complaint first, or a complaint and a person (« Je veux parler à un superviseur, votre
 * agente a été irrespectueuse avec moi. »), for a message that tells what happened: upset, or asking nothing
 * (« jai appelé 4 fois cette semaine pis chaque fois on m'a donné une réponse différente »). The form listens to
 * the story, and « parler à un agent » still works from any of its steps.
 */
function tellsTheStoryOfAComplaint(text: string, options: readonly ScoredIntent[]): boolean {
  const [first, second] = options.map((o) => o.intent);
  const complaintFirst = first === Intents.complaintFile;
  if (!complaintFirst && !(first === Intents.handoff && second === Intents.complaintFile)) return false;
  const told = readFirstMessage(text);
  if (told.story === undefined) return false;
  // « mes recours si le service a été mauvais », the recourse or the complaints address right behind: a question without its mark.
  const askingHow = second !== undefined && COMPLAINT_TOPICS.has(second);
  return told.upset || (complaintFirst && !askingHow && asksNothing(text));
}

/**
 * « C'est la deuxième fois que le centre me dit le contraire… c'est une plainte », offered following a complaint and
 * filing one: a story with no reference (PL-…) and no word of a complaint already filed is a new one.
 */
function filesRatherThanFollows(text: string, options: readonly ScoredIntent[]): boolean {
  const firstTwo = new Set(options.slice(0, 2).map((o) => o.intent));
  if (!firstTwo.has(Intents.complaintFile) || !firstTwo.has(Intents.complaintStatus)) return false;
  if (/\bpl\s*-?\s*\d/i.test(text) || FOLLOWS_A_COMPLAINT.test(mandateKey(text))) return false;
  return readFirstMessage(text).story !== undefined;
}

/**
 * « numéro du conseil du trésor et leur mission c quoi », torn between the Secrétariat's mission and its contact,
 * the two together reaching the answer threshold: both, the first choice first. On the spent evaluation sets the
 * three such messages asked both.
 */
function theSecretariatsMissionAndContact(options: readonly ScoredIntent[]): MessageOutcome | undefined {
  const [first, second] = options;
  if (!first || !second || first.score + second.score < DEFAULT_THRESHOLDS.answer) return undefined;
  const pair = new Set([first.intent, second.intent]);
  if (!pair.has(SECRETARIAT_MISSION) || !pair.has(SECRETARIAT_CONTACT)) return undefined;
  return { kind: 'answer', intent: first.intent, score: first.score + second.score, also: [second.intent] };
}

/**
 * « la dame au téléphone a été impolie avec ma mère qui a 80 ans », declined: an angry account (firstMessage.anger)
 * that tells what happened, where the recognizer still offers a complaint or the account speaks of who served the
 * person (« chu en tabarnak, l'agent voulait rien savoir de m'aider »), about no body the Centre does not answer
 * for (« l'agente de la SAAQ a été impolie » is the SAAQ's, and told so).
 */
function tellsAnAngryStoryOfTheService(text: string, ranking: readonly ScoredIntent[]): boolean {
  return (
    (scoreOf(ranking, Intents.complaintFile) >= DEFAULT_THRESHOLDS.option || speaksOfTheStaff(text)) &&
    (soundsAngry(text) || (wantsToComplain(text) && hesitatesOverAComplaint(ranking))) &&
    readFirstMessage(text).story !== undefined &&
    matchOutOfMandate(text) === undefined
  );
}

/**
 * « Je veux me plaindre de l'attente interminable. J'ai attendu 45 minutes… » (folded text, mandateKey): the
 * person says they want to complain, which an account that asks nothing means whatever entry it resembles.
 */
const WANTS_TO_COMPLAIN =
  /(?:^| )(?:(?:je (?:veux|voudrais|souhaite|desire|tiens a)|j aimerais|i (?:want|wish) to|i d like to|i would like to) (?:me plaindre|porter plainte|faire une plainte|deposer une plainte|formuler une plainte|complain|file a complaint|make a complaint)|je (?:porte|depose|fais) (?:une )?plainte|je me plains|i m (?:filing|making) a complaint|i am (?:filing|making) a complaint)(?= |$)/;

/** « je ne veux pas faire de plainte », “this is not a complaint” (folded text, mandateKey). */
const NOT_A_COMPLAINT =
  /(?:^| )(?:(?:veux|voudrais|souhaite) pas (?:faire|porter|deposer|formuler) (?:de |une )?plainte|pas (?:une|de) plainte|not a complaint|don t want to (?:complain|file a complaint)|not complaining)(?= |$)/;

/** The decision on the ranking without one intent, the others' probabilities scaled back to a sum of 1. */
function decidedWithout(text: string, ranking: readonly ScoredIntent[], left: string): Decision {
  const rest = ranking.filter((r) => r.intent !== left);
  const total = rest.reduce((sum, r) => sum + r.score, 0);
  return decide({ text, intents: total > 0 ? rest.map((r) => ({ intent: r.intent, score: r.score / total })) : [] });
}

/** « vous m'avez laissée en attente », « vous êtes pas sérieux » (folded text, mandateKey): an account told to the Centre itself. */
const TELLS_THE_CENTRE = /(?:^| )vous (?:m|me|nous|avez|etes)(?= |$)/;
/** A complaint already filed (folded text, mandateKey): its follow-up, not a new one. */
const FOLLOWS_A_COMPLAINT =
  /(?:^| )(?:suivi|statut|status|ou en est|ma plainte|mon dossier de plainte|deja|j ai (?:fait|depose|porte|envoye)|envoye|recu|follow|filed|sent|submitted|my complaint|where it stands)(?= |$)/;
/** Comments on the service, which the complaints address also takes (folded text, mandateKey). */
const FEEDBACK_WORD = /(?:^| )(?:commentaires?|feedback|compliments?|suggestions?)(?= |$)/;
/** Where to write (folded text, mandateKey): an address, an e-mail, « où écrire ». */
const ASKS_WHERE_TO_WRITE =
  /(?:^| )(?:ou (?:ecrire|envoyer|ecrit|j ecris|je peux ecrire|l envoyer|la faire|la deposer|la porter)|adresse|courriel|where|address|e-?mail)(?= |$)/;

/** A question word (folded text, mandateKey), or Québec's « -tu » (« vous fermez-tu »): with a question mark, what tells a question from a statement. */
const QUESTION_WORD =
  /(?:^| )(?:[a-z]+ez tu|(?:j aimerais|je voudrais|je veux|je souhaite) (?:savoir|connaitre)|je me demande|i d like to know|i wonder|(?:y a|ya|est|c est|ca|sont|ont|peut|faut) tu|combien|quand|comment|pourquoi|quel|quelle|quels|quelles|quoi|est[ -]ce|pouvez[ -]vous|peux[ -]tu|puis[ -]je|savez[ -]vous|how|why|when|what|where|which|who|is it|are you|do you|can i|can you|could you|should i)(?= |$)/;

/**
 * « j'ai attendu 45 minutes en ligne pour me faire dire de rappeler demain, franchement c'est rire du monde »,
 * answered (or offered) as the phone wait: an angry account that asks nothing wants the complaint form, not the
 * entry its words resemble (or, about a body outside the mandate, to be told whose it is). An angry question
 * (« c'est ridicule, vous répondez dans combien de temps? ») gets its answer, which hears the person and offers
 * the form (FaqDialog). On the spent evaluation sets, the seven such messages were all complaints (one more, with
 * a question, was the phone wait's). The complaint topics and the Secrétariat's entries already answer an angry
 * account of theirs. « Je veux me plaindre de l'attente interminable. J'ai attendu 45 minutes… » says what it wants.
 */
function isAnAngryStatement(text: string, decision: Decision): boolean {
  const guess = leadingIntent(decision);
  if (!guess?.startsWith(FAQ_INTENT_PREFIX) || COMPLAINT_TOPICS.has(guess) || SECRETARIAT_ENTRIES.has(guess)) return false;
  // The question mark first: most questions end the reading before the anger words are scanned.
  if (text.includes('?') || readFirstMessage(text).story === undefined) return false;
  // « l'agent savait même pas c'était quoi un processus de qualification, franchement. je porte plainte »: said, whatever its words.
  return wantsToComplain(text) || (soundsAngry(text) && asksNothing(text));
}

/**
 * « Je veux me plaindre : on m'a fait attendre une heure en ligne », declined with a complaint right behind (within
 * the margin): the person's words decide. « Mon CLSC a annulé mon rendez-vous, je veux me plaindre » is declined
 * far ahead of a complaint, as someone else's.
 */
function hesitatesOverAComplaint(ranking: readonly ScoredIntent[]): boolean {
  return (ranking[0]?.score ?? 0) - scoreOf(ranking, Intents.complaintFile) < DEFAULT_THRESHOLDS.margin;
}

/** WANTS_TO_COMPLAIN, read only in a message with « plain… » or “complain” (most messages: not folded for it). */
function wantsToComplain(text: string): boolean {
  return /plain|complain/i.test(text) && WANTS_TO_COMPLAIN.test(mandateKey(text));
}

/** No question mark and no question word: a statement. */
function asksNothing(text: string): boolean {
  return !text.includes('?') && !QUESTION_WORD.test(mandateKey(text));
}

/**
 * « plainte qualité service ca-dotation où écrire », “a compliment about an agent… where do I send it?”, offered
 * the complaints address among the choices: the message asks where to write, which that entry answers (it also
 * says how to file one here, with the form's button); so does a calm question offered the form, then the address.
 */
function asksHowToComplain(text: string, options: readonly ScoredIntent[]): boolean {
  if (!options.some((o) => o.intent === COMPLAINTS_ENTRY) || options.some((o) => o.intent === Intents.complaintStatus)) return false;
  const key = mandateKey(text);
  if (ASKS_WHERE_TO_WRITE.test(key) && (COMPLAINT_WORD.test(key) || FEEDBACK_WORD.test(key))) return true;
  // « Y a-t-il un formulaire pour formuler une plainte? », a calm question offered the form then the address.
  const [first, second] = options.map((o) => o.intent);
  return first === Intents.complaintFile && second === COMPLAINTS_ENTRY && !asksNothing(text) && !readFirstMessage(text).upset;
}

/**
 * « Est-ce que vous êtes ouverts le soir après le souper? », offered the weekly hours first, naming no day (the
 * hours of a day come before): they answer it, unless a way to reach the Centre is offered beside them
 * (“How do I reach you and at what times?”). So do they a question when to call (« Ma petite-fille m'a dit de
 * vous téléphoner. À quelles heures puis-je le faire? »), whatever is offered beside them.
 */
function asksTheWeeklyHours(text: string, options: readonly ScoredIntent[], opening: boolean): boolean {
  const [first, second] = options.map((o) => o.intent);
  if (first !== WEEKLY_HOURS) return false;
  return (opening && (second === undefined || HOURS_OF_DAY_ENTRIES.has(second) || !CENTRE_CONTACT_ENTRIES.has(second))) || asksWhenToCall(text);
}

function scoreOf(ranking: readonly ScoredIntent[], intent: string): number {
  return ranking.find((r) => r.intent === intent)?.score ?? 0;
}

/**
 * A message that names an exam and says it fails right now (the exam extractor finds the problem and
 * « en ce moment »), when the recognizer at least offers the exam problem among its choices; or that says it
 * failed (« on m'a expulsée de l'examen en ligne, ma session a expiré ») when the exam problem is its first choice.
 */
function reportsAFailingExam(text: string, decision: Decision, ranking: readonly ScoredIntent[], context: OutcomeContext): boolean {
  if (scoreOf(ranking, Intents.examProblem) < DEFAULT_THRESHOLDS.option) return false;
  const clues = examProblemIn(text, context);
  return clues !== undefined && (clues.examInProgress === true || leadingIntent(decision) === Intents.examProblem);
}

/**
 * « Mon examen vient de planter, c'est quoi le courriel? », answered with the exam support's address alone: the
 * triage gives that address too, written for the problem at hand, and the phone when the Centre is open.
 */
function asksTheExamAddressWhileItFails(text: string, decision: Decision, context: OutcomeContext): boolean {
  return decision.kind === 'answer' && decision.intent === EXAM_EMAIL && !decision.also?.length && examProblemIn(text, context)?.examInProgress === true;
}

/** What the exam extractor reads of a problem in a message that names an exam, when it finds one. */
function examProblemIn(text: string, context: OutcomeContext): ExamProblemClues | undefined {
  if (!/\b(exam\w*|examin\w*|sagir|tests?)\b/.test(foldText(text))) return undefined;
  const clues = extractExamProblem(text, { now: context.now, timeZone: context.calendar.timeZone, lang: context.lang });
  return clues.problemKind === undefined ? undefined : clues;
}
