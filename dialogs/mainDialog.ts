import type { Activity, RecognizerResult, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogContext,
  DialogSet,
  DialogState,
  DialogStateManagerConfiguration,
  DialogTurnResult,
  DialogTurnStatus,
  Recognizer,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { recordDialog, recordIntent } from './shared/turnInsights';
import { isDayFollowUp, yesNoQuestion } from '../domain/faq/askedMoment';
import { foldText } from '../domain/format/textFolding';
import { isYesNoOrFiller, leadingYesNo } from '../domain/text/choices';
import { faqIntent } from '../domain/faq/knowledgeBase';
import { outOfMandateAnswer } from '../domain/faq/outOfMandate';
import { withoutSensitiveData } from '../domain/privacy/sensitiveData';
import { mentionedReference } from '../domain/referenceMentions';
import { Decision, flowAfterQuestions, leadingIntent } from '../domain/understanding/decision';
import { CENTRE_CONTACT_ENTRIES, HOURS_OF_DAY_ENTRIES, messageOutcome, SECRETARIAT_ENTRIES } from '../domain/understanding/messageOutcome';
import { intentTitle } from '../domain/understanding/intentTitles';
import { Intents } from '../domain/understanding/intents';
import { COMPLAINT_INTAKE_DIALOG } from './complaintIntakeDialog';
import { COMPLAINT_STATUS_DIALOG } from './complaintStatusDialog';
import { CONFIRM_CANCEL_DIALOG, confirmCancelDialogs } from './confirmCancelDialog';
import { conversationSurveyDue, rememberSatisfactionTopic, SATISFACTION_DIALOG, SatisfactionDialog, SatisfactionOptions } from './satisfactionDialog';
import { answerFeedback, clarifyActivity } from './faqDialog';
import { isLiveHelpUnavailable, LIVE_HELP_DIALOG, LiveHelpDialog } from './liveHelpDialog';
import { decisionOf, rankedIntents } from './intentRecognizer';
import { Command, detectCommand } from './shared/commands';
import { handoffText } from './shared/handoff';
import { withCallbackOffer } from './callback/callbackOffer';
import { applyLanguageChoice, isLanguageReroute, LANGUAGE_OFFER_DIALOG, languageOfferDialogs, shouldOfferEnglish } from './shared/languageChoice';
import { LAST_TOPIC_MINUTES, recentTopic, rememberTopic } from './shared/lastTopic';
import { langOf, localize, tOf } from './shared/localization';
import { withMenu } from './shared/menu';
import { warnAboutSensitiveData } from './shared/sensitiveDataWarning';
import type { ConversationData, DialogServices } from './shared/services';
import { DialogRoute, isReroute, RoutedDialogOptions } from './shared/routing';

export const MAIN_DIALOG = 'main';
const FLOW = 'main.flow';
/** After an answer about the Secrétariat (SECRETARIAT_ENTRIES), how to reach someone (CENTRE_CONTACT_ENTRIES) asked with « leur », « ils », “their” is the Secrétariat's contact. */
const ABOUT_THEM = /\b(leur|leurs|ils|eux|elles|their|them|they)\b/;
/** During or just after these, « parler à un agent » gives the complaints address. */
const COMPLAINT_DIALOGS = new Set([COMPLAINT_INTAKE_DIALOG, COMPLAINT_STATUS_DIALOG]);
/**
 * Where botbuilder-dialogs' DialogStateManager keeps its memory scopes for the turn (turnState, under a
 * constant private to it). The first dialog context of every turn would build them all again, through
 * a service collection and a zod parse of empty settings: those of the first turn are kept and given to
 * every later one. The scopes hold nothing of a turn (they read the dialog context they are given).
 */
const STATE_MANAGER_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';
let stateManagerConfiguration: DialogStateManagerConfiguration | undefined;

/** What the main flow may receive: a message to route instead of the activity's text. */
interface FlowOptions {
  text?: string;
}

/**
 * Routes each new message to the right conversation, and handles the commands that work from any step
 * of any dialog: aide, menu, annuler, recommencer, parler à un agent (and their English equivalents).
 */
export class MainDialog extends ComponentDialog {
  private readonly formIds: Set<string>;

  constructor(
    private readonly recognizer: Recognizer,
    private readonly services: DialogServices,
    private readonly routes: DialogRoute[] = [],
  ) {
    super(MAIN_DIALOG);
    this.addDialog(new WaterfallDialog<FlowOptions>(FLOW, [this.routeStep.bind(this), this.finishStep.bind(this)]));
    for (const dialog of confirmCancelDialogs()) this.addDialog(dialog);
    for (const dialog of languageOfferDialogs(services)) this.addDialog(dialog);
    for (const route of routes) this.addDialog(route.dialog);
    this.addDialog(new SatisfactionDialog(services));
    this.addDialog(new LiveHelpDialog(services));
    this.formIds = new Set(routes.filter((r) => r.isForm).map((r) => r.dialog.id));
    this.initialDialogId = FLOW;
  }

  /** Continues the conversation in progress, or starts routing the new message. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    // The language chosen earlier in the conversation (« Continue in English ») holds for the whole turn.
    await applyLanguageChoice(context, this.services);
    if (stateManagerConfiguration) context.turnState.set(STATE_MANAGER_CONFIGURATION_KEY, stateManagerConfiguration);
    const set = new DialogSet(dialogState);
    set.add(this);
    const dc = await set.createContext(context);
    stateManagerConfiguration ??= context.turnState.get<DialogStateManagerConfiguration>(STATE_MANAGER_CONFIGURATION_KEY);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    if (interrupted) return interrupted;
    await warnAboutSensitiveData(innerDc.context, this.services.contacts);
    return super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (context.activity.type !== 'message') return undefined;
    // With a person (or waiting for one), every message is theirs: « annuler » leaves the queue, nothing else interrupts.
    if (innerDc.stack.some((entry) => entry.id === LIVE_HELP_DIALOG)) return undefined;
    const { t, lang } = localize(context);
    // A PL-… or EX-… reference typed in the middle of a question (not of a form, where it may be part of an answer): its follow-up starts.
    if (mentionedReference(context.activity.text) && !innerDc.stack.some((entry) => this.formIds.has(entry.id))) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(FLOW);
    }
    const command = detectCommand(context.activity.text, lang);
    if (!command) return undefined;
    // While « Voulez-vous vraiment abandonner? » is asked, « annuler » is an answer to it, not a new command.
    const confirming = innerDc.stack.some((entry) => entry.id === CONFIRM_CANCEL_DIALOG);
    if (confirming && command !== 'help' && command !== 'handoff') return undefined;
    recordIntent(context, command, 1);
    // Live help on and no form in progress: the question in progress gives way to the queue (routeStep starts it).
    if (command === 'handoff' && this.services.liveHelp?.enabled && !innerDc.stack.some((entry) => this.formIds.has(entry.id))) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(FLOW);
    }
    if (command === 'help' || command === 'handoff') {
      const inComplaint = innerDc.stack.some((entry) => COMPLAINT_DIALOGS.has(entry.id));
      await context.sendActivity(command === 'help' ? `${t('common:help.text')}\n\n${t('common:help.commands')}` : await this.handoff(context, inComplaint));
      await innerDc.repromptDialog();
      return Dialog.EndOfTurn;
    }
    if (innerDc.stack.some((entry) => this.formIds.has(entry.id))) {
      recordDialog(context, CONFIRM_CANCEL_DIALOG);
      return innerDc.beginDialog(CONFIRM_CANCEL_DIALOG);
    }
    await context.sendActivity(withMenu(lang, command === 'cancel' ? t('common:cancel.done') : t('common:menu.prompt')));
    return innerDc.cancelAllDialogs();
  }

  private async routeStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    // After « Continue in English », the message that prompted the offer is routed again (FlowOptions.text).
    const text = (step.options.text ?? context.activity.text)?.trim() ?? '';
    recordDialog(context, MAIN_DIALOG);
    // Good for this turn only: whatever is answered now, the offer it stood for is past.
    const data = await this.services.conversationData.get(context, {});
    const yesMeans = data.yesMeans;
    data.yesMeans = undefined;
    // « Oui » or « Non » to the « utile ? » of the last answer; any other reply is a new question.
    const feedback = data.faqFeedback;
    data.faqFeedback = undefined;
    if (feedback && (await answerFeedback(context, this.services, feedback, text))) return step.endDialog();

    // An English message on the French page: continuing in English is offered once, then the message is answered.
    if (await shouldOfferEnglish(context, this.services, text)) {
      recordDialog(context, LANGUAGE_OFFER_DIALOG);
      return step.beginDialog(LANGUAGE_OFFER_DIALOG, { text });
    }
    const lang = langOf(context);

    const command = detectCommand(text, lang);
    if (command) {
      recordIntent(context, command, 1);
      // « Parler à une personne »: live help when it is on (dialogs/liveHelpDialog.ts), else today's contact text (finishStep).
      if (command === 'handoff') return step.beginDialog(LIVE_HELP_DIALOG);
      await this.answerCommandOutsideDialogs(context, command);
      return step.endDialog();
    }

    for (const claiming of this.routes.filter((r) => r.claims)) {
      if (await claiming.claims!(context, text)) {
        recordDialog(context, claiming.dialog.id);
        await rememberTopic(this.services, context, COMPLAINT_DIALOGS.has(claiming.dialog.id) ? { topic: 'complaint' } : undefined);
        await rememberSatisfactionTopic(this.services, context, '', claiming.dialog.id);
        // A reference typed with a question (« PL-2291, ça avance? Pis je peux aller au Protecteur du citoyen? »): the question first.
        if (mentionedReference(text)) await this.answerQuestionsBesideReference(step, text);
        const options: RoutedDialogOptions = { utterance: text, recognizerResult: { text, intents: {}, entities: {} } };
        return this.startRoute(step, claiming, options);
      }
    }

    // « pis le samedi? », « et demain? », “and Sunday?” just after an hours answer: the hours of that day.
    const last = await recentTopic(this.services, context);
    if (last?.topic === 'hours' && isDayFollowUp(text, this.services.clock.now(), lang, this.services.calendar)) {
      return this.answerHours(step, text, 1, { yesNo: yesNoQuestion(text) ?? last.yesNo });
    }

    const warned = await warnAboutSensitiveData(context, this.services.contacts);

    // The recognizer reads the message without its SIN or card number: those digits say nothing about the question.
    const recognizerResult = await this.recognizer.recognize(step, { ...context.activity, text: warned ? withoutSensitiveData(text) : text });
    const ranking = rankedIntents(recognizerResult);
    // Calibrated decision (domain/understanding/decision.ts): answer, offer the top 3, or decline.
    let decision: Decision = text
      ? decisionOf(text, recognizerResult)
      : { kind: 'decline', intent: Intents.none, score: 0 };
    // « C'est quoi leur numéro? » just after an answer about the Secrétariat: its contact, not the Centre's.
    const guess = leadingIntent(decision);
    if (last?.topic === 'secretariat' && guess && CENTRE_CONTACT_ENTRIES.has(guess) && ABOUT_THEM.test(foldText(text))) {
      decision = { kind: 'answer', intent: faqIntent('sct-contact'), score: decision.score };
    }
    // What the message itself says where the recognizer hesitates: a change to a filed complaint, an exam failing now, an upset story, a day, a topic outside the mandate.
    const outcome = messageOutcome(text, decision, ranking, { now: this.services.clock.now(), lang, calendar: this.services.calendar });
    if (outcome.kind === 'hoursOfDay') return this.answerHours(step, text, outcome.score);
    if (outcome.kind === 'complaintChange') {
      await rememberTopic(this.services, context, { topic: 'complaint' });
      const email = this.services.contacts.complaints.email.display;
      return this.answerWithMenu(step, Intents.complaintStatus, outcome.score, tOf(context)('resolve:handoff.complaintChange', { email }));
    }
    if (outcome.kind === 'outOfMandate')
      // Recorded as out of scope whatever the recognizer leaned to (« bonne journée, et mon chômage? », read as a goodbye).
      return this.answerWithMenu(step, Intents.outOfScope, outcome.score, outOfMandateAnswer(outcome.topic, tOf(context)));
    decision = outcome;
    if (decision.kind === 'decline') {
      recordIntent(context, decision.intent, decision.score);
      // « ok », « non », « d'accord » after an answer: acknowledged, not « Je n'ai pas bien compris ».
      if (!warned && isYesNoOrFiller(text)) return this.acknowledge(step, text, yesMeans);
      // The warning already said where to turn: the menu, not « Je n'ai pas bien compris ».
      if (warned) await context.sendActivity(withMenu(lang, tOf(context)('common:menu.prompt')));
      return warned ? step.endDialog() : this.notUnderstood(step);
    }
    if (decision.kind === 'clarify') {
      // Not answered yet: recorded as None, so the statistics never count a guess as an answered question.
      recordIntent(context, Intents.none, decision.score);
      await context.sendActivity(
        clarifyActivity(
          context,
          decision.options.map((o) => o.intent),
        ),
      );
      const only = decision.options.length === 1 ? intentTitle(decision.options[0].intent, lang) : undefined;
      if (only) data.yesMeans = { text: only, at: this.services.clock.now().toISOString() };
      return step.endDialog();
    }
    // « Ma plainte PL-2291 est rendue où? Et le Protecteur du citoyen? »: the question answered, then the follow-up.
    const beforeFlow = flowAfterQuestions(decision);
    if (beforeFlow) await this.answerBeforeFlow(context, text, recognizerResult, beforeFlow.questions);
    const intent = beforeFlow?.flow ?? decision.intent;
    recordIntent(context, intent, decision.score);

    const route = this.routes.find((r) => r.handles(intent));
    await this.setMisunderstandings(context, 0);
    if (route) {
      recordDialog(context, route.dialog.id);
      await rememberTopic(
        this.services,
        context,
        HOURS_OF_DAY_ENTRIES.has(intent)
          ? { topic: 'hours', yesNo: yesNoQuestion(text) }
          : COMPLAINT_DIALOGS.has(route.dialog.id)
            ? { topic: 'complaint' }
            : SECRETARIAT_ENTRIES.has(intent)
              ? { topic: 'secretariat' }
              : undefined,
      );
      await rememberSatisfactionTopic(this.services, context, intent, route.dialog.id);
      // Two questions in one message: the FAQ dialog answers the others too, in the same turn.
      const questions = decision.kind === 'answer' && decision.also?.length ? [intent, ...decision.also].filter((asked) => route.handles(asked)) : [];
      // The decision may differ from the recognizer's first (a follow-up read in context): the dialog answers the decision.
      const decided =
        ranking[0]?.intent === intent ? recognizerResult : { ...recognizerResult, intents: { ...recognizerResult.intents, [intent]: { score: 1 } } };
      const options: RoutedDialogOptions = { utterance: text, recognizerResult: decided, ...(questions.length >= 2 ? { questions } : {}) };
      return this.startRoute(step, route, options);
    }
    // « Merci », « bye » after a question was answered: the one-question survey, once per conversation.
    if ((intent === Intents.thanks || intent === Intents.goodbye) && (await conversationSurveyDue(this.services, context))) {
      await context.sendActivity(tOf(context)(intent === Intents.thanks ? 'common:smallTalk.thanksBeforeSurvey' : 'common:smallTalk.goodbye'));
      return step.beginDialog(SATISFACTION_DIALOG, { kind: 'conversation' } satisfies SatisfactionOptions);
    }
    if (intent === Intents.handoff) return step.beginDialog(LIVE_HELP_DIALOG);
    await this.answerBuiltIn(context, intent);
    return step.endDialog();
  }

  /** The FAQ questions asked beside a conversation the message starts: their answers, before it asks its first question. */
  private async answerBeforeFlow(context: TurnContext, text: string, recognizerResult: RecognizerResult, questions: string[]): Promise<void> {
    const route = questions.length ? this.routes.find((r) => r.handles(questions[0])) : undefined;
    await route?.answer?.(context, { utterance: text, recognizerResult, questions, beforeFlow: true });
  }

  private async answerQuestionsBesideReference(step: WaterfallStepContext, text: string): Promise<void> {
    const recognizerResult = await this.recognizer.recognize(step, { ...step.context.activity, text });
    const beforeFlow = flowAfterQuestions(decisionOf(text, recognizerResult));
    if (beforeFlow) await this.answerBeforeFlow(step.context, text, recognizerResult, beforeFlow.questions);
  }

  /** A text answer of its own, with the menu under it, that ends the turn (and any run of misunderstandings). */
  private async answerWithMenu(step: WaterfallStepContext, intent: string, score: number, text: string): Promise<DialogTurnResult> {
    recordIntent(step.context, intent, score);
    await this.setMisunderstandings(step.context, 0);
    await step.context.sendActivity(withMenu(langOf(step.context), text));
    return step.endDialog();
  }

  /** The hours entry, answered about the day the message names (a follow-up answers only that day). */
  private async answerHours(step: WaterfallStepContext, text: string, score: number, followUp?: RoutedDialogOptions['followUp']): Promise<DialogTurnResult> {
    const { context } = step;
    const intent = faqIntent('hours');
    const route = this.routes.find((r) => r.handles(intent));
    if (!route) return step.endDialog();
    recordIntent(context, intent, score);
    recordDialog(context, route.dialog.id);
    await this.setMisunderstandings(context, 0);
    await rememberTopic(this.services, context, { topic: 'hours', yesNo: followUp?.yesNo ?? yesNoQuestion(text) });
    await rememberSatisfactionTopic(this.services, context, intent, route.dialog.id);
    const options: RoutedDialogOptions = { utterance: text, recognizerResult: { text, intents: { [intent]: { score: 1 } }, entities: {} }, followUp };
    return this.startRoute(step, route, options);
  }

  /** An answer is given from this step, which ends the main dialog without a last step; any other route runs above the flow. */
  private async startRoute(step: WaterfallStepContext<FlowOptions>, route: DialogRoute, options: RoutedDialogOptions): Promise<DialogTurnResult> {
    if (!route.answer) return step.beginDialog(route.dialog.id, options);
    await route.answer(step.context, options);
    return step.endDialog();
  }

  private async finishStep(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    // The language was just chosen: the message that prompted the offer is routed, in that language.
    if (isLanguageReroute(step.result)) return step.replaceDialog(FLOW, { text: step.result.text } satisfies FlowOptions);
    // The person answered the survey (or left live help) with a new question: route it now.
    if (isReroute(step.result)) return step.replaceDialog(FLOW);
    // Live help was not offered (off, closed, nobody signed in, wait too long): a sentence saying why, the
    // phone numbers and hours, and the callback request offered.
    if (isLiveHelpUnavailable(step.result)) {
      const t = tOf(step.context);
      const why = step.result.reason === 'disabled' ? '' : `${t(`liveHelp:unavailable.${step.result.reason}`)}\n\n`;
      await this.offerCallback(step.context, `${why}${await this.handoff(step.context)}`);
    }
    return step.endDialog(step.result);
  }

  private async answerCommandOutsideDialogs(context: TurnContext, command: Command): Promise<void> {
    const { t, lang } = localize(context);
    if (command === 'help') await context.sendActivity(withMenu(lang, `${t('common:help.text')}\n\n${t('common:help.commands')}`));
    else if (command === 'handoff') await this.offerCallback(context, await this.handoff(context));
    else if (command === 'cancel') await context.sendActivity(withMenu(lang, t('common:cancel.nothingToCancel')));
    else await context.sendActivity(withMenu(lang, t('common:menu.prompt')));
  }

  /** Small talk and commands recognized as intents; every other intent has its own dialog (dialogs/routes.ts). */
  private async answerBuiltIn(context: TurnContext, intent: string): Promise<void> {
    const { t, lang } = localize(context);
    const handoff = intent === Intents.handoff ? await this.handoff(context) : '';
    const answers: Record<string, () => Partial<Activity> | string> = {
      [Intents.greeting]: () => withMenu(lang, t('common:smallTalk.greeting')),
      [Intents.thanks]: () => withMenu(lang, t('common:smallTalk.thanks')),
      [Intents.goodbye]: () => t('common:smallTalk.goodbye'),
      [Intents.help]: () => withMenu(lang, `${t('common:help.text')}\n\n${t('common:help.commands')}`),
      [Intents.handoff]: () => withCallbackOffer(lang, handoff),
    };
    await context.sendActivity((answers[intent] ?? (() => withMenu(lang, t('common:menu.prompt'))))());
  }

  /** Says what the assistant can do; after two misunderstandings in a row, offers a person. */
  private async notUnderstood(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { t, lang } = localize(context);
    const data = await this.services.conversationData.get(context, {});
    const count = (data.misunderstandings ?? 0) + 1;
    if (count >= 2) {
      await this.offerCallback(context, `${t('common:fallback.offerPerson')}\n\n${await this.handoff(context)}`);
      await this.setMisunderstandings(context, 0);
    } else {
      await context.sendActivity(withMenu(lang, t('common:fallback.notUnderstood')));
      await this.setMisunderstandings(context, count);
    }
    return step.endDialog();
  }

  /** The contact text with « Demander un rappel », remembered so that a plain « oui » next asks for the callback. */
  private async offerCallback(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(withCallbackOffer(langOf(context), text));
    const data = await this.services.conversationData.get(context, {});
    data.yesMeans = { text: tOf(context)('callback:offer.button'), at: this.services.clock.now().toISOString() };
  }

  /**
   * « oui » just after a single offer takes it (the callback request, or the one choice of « Voulez-vous
   * dire… ? »); any other bare yes, no or « ok » gets « Autre chose? » and the menu.
   */
  private async acknowledge(step: WaterfallStepContext, text: string, yesMeans: ConversationData['yesMeans']): Promise<DialogTurnResult> {
    const { context } = step;
    const recent = yesMeans && this.services.clock.now().getTime() - new Date(yesMeans.at).getTime() <= LAST_TOPIC_MINUTES * 60_000;
    // The offer's button, routed as if clicked.
    if (yesMeans && recent && leadingYesNo(text) === true) return step.replaceDialog(FLOW, { text: yesMeans.text } satisfies FlowOptions);
    await this.setMisunderstandings(context, 0);
    await context.sendActivity(withMenu(langOf(context), tOf(context)('common:smallTalk.acknowledged')));
    return step.endDialog();
  }

  private async setMisunderstandings(context: TurnContext, value: number): Promise<void> {
    const data = await this.services.conversationData.get(context, {});
    data.misunderstandings = value;
  }

  /** During a complaint dialog, or just after one (conversation state), the complaints address instead of the general one. */
  private async handoff(context: TurnContext, inComplaint = false): Promise<string> {
    const about = inComplaint || (await recentTopic(this.services, context))?.topic === 'complaint' ? 'complaint' : 'general';
    return handoffText(this.services, tOf(context), langOf(context), about);
  }
}
