import type { ComplaintInput } from '../../domain/complaints/complaint';

/** The complaint form answered up to its service question: opening, consent, name, channel, address. */
export const COMPLAINT_FORM_FR = ['Déposer une plainte', 'Oui', 'Marie Tremblay', 'Courriel', 'marie@exemple.ca'] as const;
export const COMPLAINT_FORM_EN = ['File a complaint', 'Yes, I agree', 'Mary Smith', 'E-mail', 'mary@example.ca'] as const;

/** Sends each answer in turn, each after the bot has replied to the one before. */
export async function answerInTurn(send: (text: string) => Promise<unknown>, answers: readonly string[]): Promise<void> {
  for (const answer of answers) await send(answer);
}

/** The main menu's buttons in French. */
export const MENU_FR = [
  'Questions sur la dotation',
  "Problème technique lors d'un examen en ligne",
  'Déposer une plainte',
  'Suivre une plainte',
  'Parler à une personne',
];

/** A complaint as the domain receives it, for tests that store one before the conversation. */
export const MARIE: ComplaintInput = {
  name: 'Marie Tremblay',
  contactMethod: 'email',
  contactValue: 'marie.tremblay@exemple.qc.ca',
  service: 'ca-dotation-phone',
  description: "J'ai attendu 40 minutes au téléphone sans réponse.",
};
