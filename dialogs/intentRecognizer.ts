import type { Activity, RecognizerResult } from 'botbuilder';
import { DialogContext, Recognizer } from 'botbuilder-dialogs';
import { langFromLocale } from '../domain/i18n';
import { decide, Decision } from '../domain/understanding/decision';
import type { IntentClassifier } from '../domain/understanding/intents';

/** botbuilder Recognizer over a plain IntentClassifier, so any classifier plugs into the dialogs. */
export class IntentRecognizer extends Recognizer {
  constructor(private readonly classifier: IntentClassifier) {
    super();
  }

  override async recognize(_dc: DialogContext, activity: Partial<Activity>): Promise<RecognizerResult> {
    const text = activity.text ?? '';
    const understanding = this.classifier.classify(text, langFromLocale(activity.locale));
    const intents: RecognizerResult['intents'] = {};
    for (const { intent, score } of understanding.intents) intents[intent] = { score };
    // Two questions in one message (« vos heures, et aussi votre courriel? »): each recognized on its own.
    return understanding.questions ? { text, intents, entities: {}, questions: understanding.questions } : { text, intents, entities: {} };
  }
}

/** The separate questions of a message asking several (domain/understanding/intents.ts, `questions`), if any. */
export function recognizedQuestions(result: RecognizerResult): Array<{ intent: string; score: number }> | undefined {
  const questions = (result as { questions?: Array<{ intent: string; score: number }> }).questions;
  return Array.isArray(questions) && questions.length >= 2 ? questions : undefined;
}

/** Intents best first, as [name, score] pairs. */
export function rankedIntents(result: RecognizerResult): Array<{ intent: string; score: number }> {
  return Object.entries(result.intents)
    .map(([intent, value]) => ({ intent, score: value.score ?? 0 }))
    .sort((a, b) => b.score - a.score);
}

/** What the assistant does with a message, given what the recognizer read in it (domain/understanding/decision.ts). */
export function decisionOf(text: string, result: RecognizerResult): Decision {
  return decide({ text, intents: rankedIntents(result), questions: recognizedQuestions(result) });
}
