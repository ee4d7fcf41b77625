import type { Lang, Translate } from '../i18n';
import { IntentClassifier, Intents, ScoredIntent, Understanding } from './intents';
import { normalizeUtterance } from './normalize';

const MENU_INTENTS: Record<string, string> = {
  faq: Intents.faqMenu,
  exam: Intents.examProblem,
  complaint: Intents.complaintFile,
  complaintStatus: Intents.complaintStatus,
  handoff: Intents.handoff,
};

const RULES: Array<{ intent: string; test: (text: string) => boolean }> = [
  { intent: Intents.complaintStatus, test: (s) => /\bplaintes?\b|\bcomplaint/.test(s) && /\b(suivi|suivre|statut|status|ou en est|follow)/.test(s) },
  { intent: Intents.complaintFile, test: (s) => /\b(plainte|plaindre|insatisfait|complaint|complain)/.test(s) },
  {
    intent: Intents.examProblem,
    test: (s) =>
      /\b(examen|exam|test)/.test(s) && /\b(plant|bug|bogu|fig|bloqu|probleme|problem|erreur|error|connect|chrono|minuteri|timer|soumet|submit|freez)/.test(s),
  },
  { intent: Intents.handoff, test: (s) => /\b(agent|agente|humain|human|prepose|preposee|quelqu un|une personne|a person)\b/.test(s) },
  { intent: Intents.greeting, test: (s) => /^(bonjour|bonsoir|allo|salut|hello|hi|hey)\b/.test(s) && s.split(' ').length <= 3 },
  { intent: Intents.thanks, test: (s) => /^(merci|thanks|thank you)\b/.test(s) },
  { intent: Intents.goodbye, test: (s) => /^(bye|au revoir|bonne journee|a la prochaine|goodbye)\b/.test(s) },
  { intent: Intents.help, test: (s) => /^(aide|help|\?)$/.test(s) },
  { intent: Intents.menu, test: (s) => /^(menu|accueil)$/.test(s) },
];

/**
 * A first, rule-based classifier: menu choices and a few keywords. It implements the same
 * IntentClassifier contract as the trained recognizer, which replaces it without touching the dialogs.
 */
export class KeywordClassifier implements IntentClassifier {
  private readonly menuTitles = new Map<string, string>();

  constructor(translators: Record<Lang, Translate>) {
    for (const t of Object.values(translators)) {
      for (const [key, intent] of Object.entries(MENU_INTENTS)) this.menuTitles.set(normalizeUtterance(t(`common:menu.${key}`)), intent);
    }
  }

  classify(text: string): Understanding {
    const normalized = normalizeUtterance(text.slice(0, 2000));
    const menuIntent = this.menuTitles.get(normalized);
    const intents: ScoredIntent[] = menuIntent
      ? [{ intent: menuIntent, score: 1 }]
      : RULES.filter((r) => r.test(normalized)).map((r, i) => ({ intent: r.intent, score: i === 0 ? 0.9 : 0.5 }));
    return { text, intents: intents.length ? intents : [{ intent: Intents.none, score: 0 }] };
  }
}
