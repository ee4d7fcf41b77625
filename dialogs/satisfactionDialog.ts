import { ActionTypes, MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { markSensitive, recordDialog, recordIntent } from './shared/turnInsights';
import { entryIdOf } from '../domain/faq/knowledgeBase';
import type { Translate } from '../domain/i18n';
import { SATISFACTION_RATINGS, SatisfactionRating } from '../domain/satisfaction/satisfactionRepository';
import { choiceKey } from '../domain/text/choices';
import { COMPLAINT_INTAKE_DIALOG } from './complaintIntakeDialog';
import { EXAM_PROBLEM_DIALOG } from './examProblemDialog';
import type { Reroute } from './shared/routing';
import { isOneOfKey } from './shared/choices';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import type { DialogServices } from './shared/services';

export const SATISFACTION_DIALOG = 'satisfaction';
const FLOW = 'satisfaction.flow';
const RATING_PROMPT = 'satisfaction.rating';
const COMMENT_PROMPT = 'satisfaction.comment';
const COMPLAINT_STATUS = 'complaintStatus';

/** What is rated: the chat (its topic comes from conversation state) or a closed complaint followed in the chat. */
export type SatisfactionOptions = { kind: 'conversation' } | { kind: 'complaint'; reference: string };

interface Values {
  ratingId?: number;
}

/**
 * The one-question survey: a rating from 1 to 5 (buttons), then an optional comment, masked before it is
 * stored. Never blocking: anything but a rating ends the survey and the message is understood as usual
 * (the main dialog routes it again); a comment that asks a question (« ? ») is routed too. Asked at most
 * once per conversation.
 */
export class SatisfactionDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(SATISFACTION_DIALOG);
    this.addDialog(new TextPrompt(RATING_PROMPT));
    this.addDialog(new TextPrompt(COMMENT_PROMPT));
    this.addDialog(new WaterfallDialog<SatisfactionOptions>(FLOW, [this.askStep.bind(this), this.ratingStep.bind(this), this.commentStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async askStep(step: WaterfallStepContext<SatisfactionOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { t } = localize(context);
    recordDialog(context, SATISFACTION_DIALOG);
    const data = await this.services.conversationData.get(context, {});
    data.satisfaction = { ...data.satisfaction, asked: true };
    const options = step.options;
    const question = options.kind === 'complaint' ? t('satisfaction:chat.complaintQuestion', { reference: options.reference }) : t('satisfaction:chat.question');
    const titles = SATISFACTION_RATINGS.map((r) => t(`satisfaction:chat.ratings.${r}`));
    return step.prompt(RATING_PROMPT, { prompt: MessageFactory.suggestedActions(titles, question) });
  }

  private async ratingStep(step: WaterfallStepContext<SatisfactionOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { t, lang } = localize(context);
    const rating = parseChatRating(String(step.result ?? ''), t);
    if (rating === undefined) return step.endDialog({ reroute: true } satisfies Reroute);
    recordDialog(context, SATISFACTION_DIALOG);
    recordIntent(context, 'satisfaction.rating', 1);
    const options = step.options;
    const where = { channelId: context.activity.channelId, conversationId: context.activity.conversation?.id, locale: context.activity.locale ?? lang };
    const values = step.values as Values;
    if (options.kind === 'complaint') {
      const outcome = await this.services.satisfaction.rateComplaint({ ...where, reference: options.reference, rating });
      values.ratingId = typeof outcome === 'object' ? outcome.id : undefined;
    } else {
      const data = await this.services.conversationData.get(context, {});
      values.ratingId = await this.services.satisfaction.rateConversation({ ...where, topic: data.satisfaction?.topic ?? 'conversation', rating });
    }
    if (values.ratingId === undefined) {
      await context.sendActivity(withMenu(lang, t('satisfaction:chat.thanks')));
      return step.endDialog();
    }
    const prompt = MessageFactory.suggestedActions([{ type: ActionTypes.ImBack, title: t('satisfaction:chat.noComment'), value: t('satisfaction:chat.noComment') }], t('satisfaction:chat.askComment'));
    return step.prompt(COMMENT_PROMPT, { prompt });
  }

  private async commentStep(step: WaterfallStepContext<SatisfactionOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { t, lang } = localize(context);
    const text = String(step.result ?? '').trim();
    if (!text || isOneOfKey(text, t, 'satisfaction:chat.noCommentWords')) {
      await context.sendActivity(withMenu(lang, t('satisfaction:chat.thanks')));
      return step.endDialog();
    }
    // « C'est quoi vos heures? » after a rating is a new question, not a comment.
    if (/\?\s*$/.test(text) && text.length <= 200) return step.endDialog({ reroute: true } satisfies Reroute);
    recordDialog(context, SATISFACTION_DIALOG);
    // The log keeps a marker, not the comment: the comment is stored masked with the rating.
    markSensitive(context);
    const id = (step.values as Values).ratingId!;
    await this.services.satisfaction.commentConversation(id, context.activity.conversation?.id ?? '', text);
    await context.sendActivity(withMenu(lang, t('satisfaction:chat.commentThanks')));
    return step.endDialog();
  }
}

/** « 4 », « 4/5 », « 4 sur 5 », the button's text (« 4 – Satisfaisant ») or its words alone; anything else: undefined. */
export function parseChatRating(text: string, t: Translate): SatisfactionRating | undefined {
  const digit = /^\s*([1-5])\s*(?:(?:\/|sur|out of)\s*5|[–—-].*)?\s*[.!]?\s*$/i.exec(text);
  if (digit) return Number(digit[1]) as SatisfactionRating;
  const key = choiceKey(text);
  if (!key) return undefined;
  return SATISFACTION_RATINGS.find((r) => {
    const title = t(`satisfaction:chat.ratings.${r}`);
    return key === choiceKey(title) || key === choiceKey(title.replace(/^\d\s*[–—-]\s*/, ''));
  });
}

/** The chat's topic for the rating: the last FAQ entry answered, or the flow started (exam problem, complaint…). */
export async function rememberSatisfactionTopic(services: DialogServices, context: TurnContext, intent: string, dialogId: string): Promise<void> {
  const topic =
    dialogId === EXAM_PROBLEM_DIALOG
      ? 'exam-problem'
      : dialogId === COMPLAINT_INTAKE_DIALOG
        ? 'complaint-intake'
        : dialogId === COMPLAINT_STATUS
          ? 'complaint-status'
          : entryIdOf(intent);
  if (!topic) return;
  const data = await services.conversationData.get(context, {});
  data.satisfaction = { ...data.satisfaction, topic };
}

/** At the end of a chat (thanks, goodbye): only once something was asked and answered, and once per conversation. */
export async function conversationSurveyDue(services: DialogServices, context: TurnContext): Promise<boolean> {
  const data = await services.conversationData.get(context, {});
  return Boolean(data.satisfaction?.topic) && !data.satisfaction?.asked;
}

/** After the status of a closed complaint, in the chat: once, unless it was already rated (here or from the e-mail's link). */
export async function complaintSurveyDue(services: DialogServices, context: TurnContext, reference: string): Promise<boolean> {
  const data = await services.conversationData.get(context, {});
  if (data.satisfaction?.asked) return false;
  return (await services.satisfaction.complaintSurvey(reference)) === 'open';
}
