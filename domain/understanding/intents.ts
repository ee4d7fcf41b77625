/** Intents the conversation routes on. FAQ entries add one intent each, named `faq.<entry id>`. */
export const Intents = {
  greeting: 'greeting',
  thanks: 'thanks',
  goodbye: 'goodbye',
  help: 'help',
  menu: 'menu',
  cancel: 'cancel',
  restart: 'restart',
  handoff: 'handoff',
  faqMenu: 'faq.menu',
  examProblem: 'exam.problem',
  complaintFile: 'complaint.file',
  complaintStatus: 'complaint.status',
  outOfScope: 'outOfScope',
  none: 'None',
} as const;

export const FAQ_INTENT_PREFIX = 'faq.';

/** The two conversations about a complaint: filing one, following one. */
export const COMPLAINT_CONVERSATIONS: ReadonlySet<string> = new Set<string>([Intents.complaintFile, Intents.complaintStatus]);

/** The complaints entry: the address, the delays, and how to file one in the chat. */
export const COMPLAINTS_ENTRY = `${FAQ_INTENT_PREFIX}complaints`;

/**
 * What a message may ask about a complaint without naming it: a request's delay, business days, the wait on
 * the phone, the e-mail address. Asked beside a complaint (« je veux porter plainte, vous répondez en combien
 * de temps? », « …à quelle adresse je l'envoie? »), each is about that complaint, which the complaints entry answers.
 */
export const COMPLAINT_DETAILS: ReadonlySet<string> = new Set<string>([
  `${FAQ_INTENT_PREFIX}request-delay`,
  `${FAQ_INTENT_PREFIX}business-days`,
  `${FAQ_INTENT_PREFIX}phone-wait`,
  `${FAQ_INTENT_PREFIX}email-general`,
]);

/**
 * Intents that start a conversation of their own: the complaint form, a complaint's follow-up, the exam
 * triage, a person. Asked beside questions for the FAQ (« Je veux porter plainte. Et si ça ne donne rien, je
 * peux aller au Protecteur du citoyen? »), one of them is started once those are answered (the recognizer
 * reads only the complaints' two that way: trainedClassifier.ts, QUESTION_FLOWS).
 */
export const FLOW_INTENTS: ReadonlySet<string> = new Set<string>([...COMPLAINT_CONVERSATIONS, Intents.examProblem, Intents.handoff]);

export interface ScoredIntent {
  intent: string;
  score: number;
}

export interface Understanding {
  text: string;
  /** Best first; scores in [0, 1]. */
  intents: ScoredIntent[];
  /**
   * A message asking two questions (or three) for different FAQ entries, each confidently recognized in
   * its own sentence or clause, in the order asked: the assistant answers them all in one turn.
   */
  questions?: ScoredIntent[];
}

/** Plain-TypeScript intent classification, free of Bot Framework types, so the CLI and evaluation use it too. */
export interface IntentClassifier {
  classify(text: string, lang: 'fr' | 'en'): Understanding;
}

export function topIntent(understanding: Understanding): ScoredIntent {
  return understanding.intents[0] ?? { intent: Intents.none, score: 0 };
}
