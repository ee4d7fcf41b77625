import { MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { recordDialog, recordIntent } from './shared/turnInsights';
import { renderAnswer, renderAskedDay } from '../domain/faq/faqAnswers';
import { entryIdOf, faqIntent } from '../domain/faq/knowledgeBase';
import type { Lang, Translate } from '../domain/i18n';
import { intentTitle } from '../domain/understanding/intentTitles';
import { FAQ_INTENT_PREFIX, Intents } from '../domain/understanding/intents';
import { isNo, isYes } from '../domain/text/choices';
import { rankedIntents } from './intentRecognizer';
import { isOneOfKey } from './shared/choices';
import type { DialogRoute, RoutedDialogOptions } from './shared/routing';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import type { DialogServices } from './shared/services';

export const FAQ_DIALOG = 'faq';
const FLOW = 'faq.flow';
const FEEDBACK_PROMPT = 'faq.feedback';
/** Suggested with the invitation « Quelle est votre question? » (menu choice « Questions sur la dotation »). */
const POPULAR_ENTRIES = ['hours', 'phone', 'email-general', 'request-delay', 'services'];

/** Ends the FAQ dialog and asks MainDialog to route the current message as a new question. */
export interface Reroute {
  reroute: true;
}

export function isReroute(result: unknown): result is Reroute {
  return typeof result === 'object' && result !== null && (result as Reroute).reroute === true;
}

/**
 * Answers one FAQ entry (`faq.<id>`), then asks « Cette réponse vous a-t-elle été utile ? » (Oui / Non)
 * and stores the verdict in faq_feedback. A reply that is neither oui nor non is a new question: the
 * dialog ends and MainDialog routes it, so nobody is stuck on the feedback question. The menu choice
 * « Questions sur la dotation » (`faq.menu`) only invites the question: the next message is routed as usual.
 */
export class FaqDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(FAQ_DIALOG);
    this.addDialog(new TextPrompt(FEEDBACK_PROMPT));
    this.addDialog(new WaterfallDialog(FLOW, [this.answerStep.bind(this), this.feedbackStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { t, lang } = localize(context);
    const options = (step.options ?? {}) as Partial<RoutedDialogOptions>;
    const [ranked] = options.recognizerResult ? rankedIntents(options.recognizerResult) : [];
    // A message asking several questions: the first asked is answered first, then the others.
    const [asked, ...others] = options.questions ?? [];
    const top = asked ? { intent: asked, score: options.recognizerResult?.intents[asked]?.score ?? ranked?.score ?? 0 } : ranked;
    const entry = top ? this.services.knowledgeBase.byId.get(entryIdOf(top.intent) ?? '') : undefined;
    if (!entry) {
      await context.sendActivity(
        suggestions(
          t('faq:prompt'),
          POPULAR_ENTRIES.map((id) => intentTitle(faqIntent(id), lang) ?? id),
        ),
      );
      return step.endDialog();
    }
    // What the managers' statistics count as an answered question (MainDialog records the same when it routes here).
    recordIntent(context, faqIntent(entry.id), top.score);
    recordDialog(context, FAQ_DIALOG);
    const answerContext = {
      now: this.services.clock.now(),
      hours: this.services.hours,
      calendar: this.services.calendar,
      t,
      lang,
      utterance: options.utterance,
      yesNo: options.followUp?.yesNo,
    };
    // « pis le samedi? » after an hours answer: only that day, without asking « utile ? » again.
    const followUp = options.followUp ? renderAskedDay(entry, answerContext) : undefined;
    if (followUp) {
      await context.sendActivity(MessageFactory.text(followUp));
      return step.endDialog();
    }
    // The other questions of the same message, each answered in turn; « utile ? » is asked once.
    const answers = [renderAnswer(entry, answerContext)];
    for (const other of others) {
      const otherEntry = this.services.knowledgeBase.byId.get(entryIdOf(other) ?? '');
      if (otherEntry && otherEntry.id !== entry.id) answers.push(renderAnswer(otherEntry, answerContext));
    }
    for (const answer of answers.slice(0, -1)) await context.sendActivity(MessageFactory.text(answer));
    (step.values as { entryId?: string }).entryId = entry.id;
    // « utile ? » closes the last answer's bubble, its buttons under it: one activity fewer per turn. Sent
    // as the prompt, so that the state awaiting the answer is stored before it leaves, as for any question.
    const last = `${answers[answers.length - 1]}\n\n${t('faq:feedback.question')}`;
    return step.prompt(FEEDBACK_PROMPT, { prompt: suggestions(last, [t('faq:feedback.yes'), t('faq:feedback.no')]) });
  }

  private async feedbackStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { t, lang } = localize(context);
    const verdict = parseFeedback(String(step.result ?? ''), t);
    if (verdict === undefined) return step.endDialog({ reroute: true } satisfies Reroute);
    const entryId = (step.values as { entryId?: string }).entryId ?? '';
    recordDialog(context, FAQ_DIALOG);
    // Not « faq.<id> »: the statistics count those as answered questions.
    recordIntent(context, verdict ? 'feedback.yes' : 'feedback.no', 1);
    await this.services.faqFeedback.record({
      entryId,
      helpful: verdict,
      createdAt: this.services.clock.now(),
      channelId: context.activity.channelId,
      conversationId: context.activity.conversation?.id,
      locale: context.activity.locale ?? lang,
    });
    if (verdict) await context.sendActivity(withMenu(lang, t('faq:feedback.thanks')));
    else await context.sendActivity(suggestions(t('faq:feedback.sorry'), [t('faq:feedback.rephrase'), t('common:menu.handoff')]));
    return step.endDialog();
  }
}

/** Oui → true, Non → false, anything else (a new question) → undefined. */
export function parseFeedback(text: string, t: Translate): boolean | undefined {
  if (isYes(text) || isOneOfKey(text, t, 'faq:feedback.yesWords')) return true;
  if (isNo(text) || isOneOfKey(text, t, 'faq:feedback.noWords')) return false;
  return undefined;
}

function suggestions(text: string, titles: string[]): ReturnType<typeof MessageFactory.suggestedActions> {
  return MessageFactory.suggestedActions(titles, text);
}

/** « Voulez-vous dire… ? » with the top choices as buttons; each button's text maps exactly to its intent. */
export function clarifyActivity(context: TurnContext, intents: string[]): ReturnType<typeof MessageFactory.suggestedActions> {
  const { t, lang } = localize(context);
  const titles = intents.map((intent) => intentTitle(intent, lang as Lang)).filter((title): title is string => Boolean(title));
  return suggestions(`${t('faq:clarify')}\n\n${t('faq:clarifyHint')}`, titles);
}

export function faqRoute(services: DialogServices): DialogRoute {
  return { dialog: new FaqDialog(services), handles: (intent) => intent.startsWith(FAQ_INTENT_PREFIX) || intent === Intents.faqMenu };
}
