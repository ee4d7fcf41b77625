import { foldText } from '../format/textFolding';

/** What one does to a complaint already filed: add to it, correct it, withdraw it. */
const CHANGE = /\b(ajouter|ajout|completer|modifier|corriger|retirer|annuler|add|correct|withdraw|cancel)\b/;
/** …said of a complaint already filed: « déjà », « ma plainte », its reference. */
const FILED = /\b(deja|already|ma plainte|mes plaintes|my complaint|pl \d)/;

/**
 * « J'ai déjà fait une plainte et je veux ajouter des informations », « je veux retirer ma plainte », “I want
 * to withdraw my complaint”: a change to a complaint already filed, which the chat cannot make (the
 * complaints address can). « Je veux déposer une plainte et ajouter que… » files a new one.
 */
export function asksToChangeFiledComplaint(text: string): boolean {
  const folded = foldText(text);
  return /\b(plainte|plaintes|complaint)\b/.test(folded) && CHANGE.test(folded) && FILED.test(folded);
}
