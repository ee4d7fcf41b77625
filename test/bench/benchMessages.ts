/** A conversation's mix: small talk, a handoff, an FAQ question, the start of a complaint form and of an exam triage, the menu. */
export const CONVERSATION_MESSAGES = ['bonjour', 'parler à un agent', 'heures d’ouverture mercredi', 'merci', 'aide', 'je veux déposer une plainte', 'menu', 'mon examen plante'];

/** FAQ turns only, each answered by one entry of the knowledge base (the turn issue 13 measures; checked by test/domain/understanding/benchMessages.test.ts). */
export const FAQ_MESSAGES = [
  'heures d’ouverture mercredi',
  'quel est votre numéro de téléphone',
  'adresse courriel pour un problème d’examen en ligne',
  'c’est quoi SAGIR',
  'combien de temps pour avoir une réponse à ma demande',
  'êtes-vous ouverts le 24 décembre?',
  'comment porter plainte sur la qualité du service',
  'que veut dire jours ouvrables',
];
