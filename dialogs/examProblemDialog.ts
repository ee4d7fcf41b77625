import { createHash, randomUUID } from 'node:crypto';
import { ActionTypes, Activity, CardAction, CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { recordDialog } from './shared/turnInsights';
import { EXAM_NAME_MAX_LENGTH, PROBLEM_KINDS, ProblemKind } from '../domain/exams/examIncident';
import { cleanText, ReportResult } from '../domain/exams/examIncidentService';
import { describeInstant, incidentEmail } from '../domain/exams/incidentEmail';
import {
  detectDeviceAndBrowser,
  detectExamReference,
  detectProblemKind,
  detectProblemTime,
  detectStatedTime,
  ExamProblemClues,
  extractExamProblem,
  parseInProgressAnswer,
} from '../domain/exams/problemExtractor';
import { describeOpenStatus, describeReopening } from '../domain/format/openingHoursText';
import { Lang, Translate } from '../domain/i18n';
import { Intents } from '../domain/understanding/intents';
import { isYesNoOrFiller } from '../domain/text/choices';
import { isButton, isSkipAnswer } from './shared/choices';
import type { DialogRoute, RoutedDialogOptions } from './shared/routing';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import type { DialogServices } from './shared/services';

export const EXAM_PROBLEM_DIALOG = 'examProblem';
const FLOW = 'examProblem.flow';
const IN_PROGRESS_PROMPT = 'examProblem.inProgress';
const KIND_PROMPT = 'examProblem.kind';
const EXAM_PROMPT = 'examProblem.exam';
const TIME_PROMPT = 'examProblem.time';
const DEVICE_PROMPT = 'examProblem.device';
const STATE = 'triage';
/** After this many answers the time question gives up and leaves the time unspecified. */
const TIME_ATTEMPTS = 3;
/** The buttons of the triage's other questions: clicked or typed at the exam's name, none is one. */
const OTHER_BUTTONS = ['exam:choices.yesNow', 'exam:choices.no', 'exam:choices.notTechnical', 'exam:choices.timeJustNow', 'exam:choices.timeUnknown', 'exam:choices.deviceSkip'];

/** What the triage knows so far; kept in the waterfall's values (JSON, so dates are ISO strings). */
interface TriageState {
  submissionId: string;
  examInProgress?: boolean;
  problemKind?: ProblemKind;
  examName?: string;
  examAsked?: boolean;
  problemAt?: string;
  device?: string;
  browser?: string;
  /** Text to put before the next question (the reason for asking, or « call now »), sent once. */
  pending: string[];
  earlyCallShown?: boolean;
}

/**
 * An online exam has a technical problem: triage in as few turns as possible (each question skipped
 * when the first message already answers it), store an incident with a confirmation number, state
 * the priority in words and the fastest channel right now, and hand over a ready-to-send e-mail.
 *
 * Questions, in order: exam in progress now? → kind of problem → exam or process → (not in progress
 * only) when it happened → (not urgent only) device and browser. Every question has quick replies
 * and accepts free text. Commands (aide, annuler, parler à un agent) are handled by MainDialog.
 */
export class ExamProblemDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(EXAM_PROBLEM_DIALOG);
    this.addDialog(new TextPrompt(IN_PROGRESS_PROMPT, (p) => this.validateInProgress(p)));
    // « non », « ok » is not a problem: asked again once.
    this.addDialog(new TextPrompt(KIND_PROMPT, async (p) => Boolean(p.recognized.value?.trim()) && (p.attemptCount >= 2 || !isYesNoOrFiller(p.recognized.value ?? ''))));
    this.addDialog(new TextPrompt(EXAM_PROMPT, (p) => this.validateExam(p)));
    this.addDialog(new TextPrompt(TIME_PROMPT, (p) => this.validateTime(p)));
    this.addDialog(new TextPrompt(DEVICE_PROMPT, (p) => Promise.resolve(Boolean(p.recognized.value?.trim()))));
    this.addDialog(
      new WaterfallDialog<Partial<RoutedDialogOptions>>(FLOW, [
        this.startStep.bind(this),
        this.askInProgressStep.bind(this),
        this.askKindStep.bind(this),
        this.askExamStep.bind(this),
        this.askTimeStep.bind(this),
        this.askDeviceStep.bind(this),
        this.reportStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async startStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const { context } = step;
    const { t, lang } = localize(context);
    recordDialog(context, EXAM_PROBLEM_DIALOG);
    const utterance = step.options.utterance ?? '';
    const clues = this.extract(utterance, lang);
    const state: TriageState = { submissionId: submissionIdFor(context), pending: [t('exam:intro')] };
    merge(state, clues);
    (step.values as Record<string, unknown>)[STATE] = state;
    if (clues.notTechnical && !clues.problemKind && clues.examInProgress === undefined) {
      await this.redirect(context, t, lang, 'exam:redirect.introDetected');
      return step.endDialog();
    }
    return step.next();
  }

  private async askInProgressStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const state = this.state(step);
    recordDialog(step.context, EXAM_PROBLEM_DIALOG);
    if (state.examInProgress !== undefined) return step.next();
    const { t } = localize(step.context);
    const buttons = [t('exam:choices.yesNow'), t('exam:choices.no')];
    return step.prompt(IN_PROGRESS_PROMPT, {
      prompt: question(this.takePending(state, step), t('exam:ask.inProgress'), buttons),
      retryPrompt: question([], t('exam:ask.inProgressRetry'), buttons),
    });
  }

  private async askKindStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const state = this.state(step);
    const { context } = step;
    const { t, lang } = localize(context);
    recordDialog(context, EXAM_PROBLEM_DIALOG);
    if (typeof step.result === 'string') {
      state.examInProgress = parseInProgressAnswer(step.result) ?? true;
      merge(state, this.extract(step.result, lang));
    }
    if (state.problemKind) return step.next();
    const buttons = [...PROBLEM_KINDS.map((k) => t(`exam:kinds.${k}`)), t('exam:choices.notTechnical')];
    return step.prompt(KIND_PROMPT, { prompt: question(this.takePending(state, step), t('exam:ask.kind'), buttons) });
  }

  private async askExamStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const state = this.state(step);
    const { context } = step;
    const { t, lang } = localize(context);
    recordDialog(context, EXAM_PROBLEM_DIALOG);
    if (typeof step.result === 'string') {
      const answer = step.result;
      if (isButton(answer, 'exam:choices.notTechnical')) {
        await this.redirect(context, t, lang);
        return step.endDialog();
      }
      state.problemKind = kindFromAnswer(answer);
      const clues = this.extract(answer, lang);
      delete clues.problemKind;
      merge(state, clues);
    }
    if (state.examName || state.examAsked) return step.next();
    state.examAsked = true;
    return step.prompt(EXAM_PROMPT, {
      prompt: question(this.takePending(state, step), t('exam:ask.exam'), [t('exam:choices.examUnknown')]),
      retryPrompt: question([], t('exam:ask.examRetry'), [t('exam:choices.examUnknown')]),
    });
  }

  private async askTimeStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const state = this.state(step);
    const { t } = localize(step.context);
    recordDialog(step.context, EXAM_PROBLEM_DIALOG);
    // « c'est le processus 4455 » → « processus 4455 »; a name in words is kept as written.
    if (typeof step.result === 'string' && !isUnknown(step.result)) state.examName = cleanText(detectExamReference(step.result) ?? step.result, EXAM_NAME_MAX_LENGTH);
    // In progress: the problem is happening now, the report time is the problem time.
    if (state.examInProgress || state.problemAt) return step.next();
    const buttons = [t('exam:choices.timeJustNow'), t('exam:choices.timeUnknown')];
    return step.prompt(TIME_PROMPT, {
      prompt: question(this.takePending(state, step), t('exam:ask.time'), buttons),
      retryPrompt: question([], t('exam:ask.timeRetry'), buttons),
    });
  }

  private async askDeviceStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const state = this.state(step);
    const { context } = step;
    const { t, lang } = localize(context);
    recordDialog(context, EXAM_PROBLEM_DIALOG);
    if (typeof step.result === 'string' && !isUnknown(step.result)) {
      const at = this.parseTime(step.result, lang);
      if (at) state.problemAt = at.toISOString();
    }
    // Urgent: no optional question, time matters more.
    if (state.examInProgress || state.device || state.browser) return step.next();
    const buttons = [...(t('exam:choices.devices', { returnObjects: true }) as string[]), t('exam:choices.deviceSkip')];
    return step.prompt(DEVICE_PROMPT, { prompt: question(this.takePending(state, step), t('exam:ask.device'), buttons) });
  }

  private async reportStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const state = this.state(step);
    const { context } = step;
    const { t, lang } = localize(context);
    recordDialog(context, EXAM_PROBLEM_DIALOG);
    if (typeof step.result === 'string' && !isUnknown(step.result) && !isButton(step.result, 'exam:choices.deviceSkip')) {
      const found = detectDeviceAndBrowser(step.result);
      if (found.device || found.browser) Object.assign(state, found);
      else state.device = step.result;
    }
    const result = await this.services.examIncidents.report(
      {
        examInProgress: state.examInProgress ?? true,
        problemKind: state.problemKind ?? 'other',
        examName: state.examName,
        device: state.device,
        browser: state.browser,
        problemAt: state.problemAt ? new Date(state.problemAt) : undefined,
      },
      {
        submissionId: state.submissionId,
        channelId: context.activity.channelId,
        conversationId: context.activity.conversation?.id,
        locale: context.activity.locale,
      },
    );
    await context.sendActivity(this.resultActivity(result, t, lang));
    return step.endDialog(result.incident.reference);
  }

  // -------------------------------------------------------------------------------------------------

  /** One message: the confirmation, the priority, what to do now, with one card of buttons (call, write) and the menu. */
  private resultActivity(result: ReportResult, t: Translate, lang: Lang): Partial<Activity> {
    const { incident, centreStatus } = result;
    const c = this.services.contacts.caDotation;
    const now = this.services.clock.now();
    const calendar = this.services.calendar;
    const email = incidentEmail(incident, t, lang, calendar.timeZone);
    const emailLink = `[${email.to}](${email.mailto})`;
    const phone = (f: { display: string; tel?: string }) => (f.tel ? `[${f.display}](tel:${f.tel})` : f.display);
    const phones = { local: phone(c.phoneLocal), tollFree: phone(c.phoneTollFree) };

    const head = [
      t('exam:result.confirmation', { reference: incident.reference }),
      t(`exam:priority.${incident.priority}`),
      t('exam:result.summary', {
        kind: t(`exam:kinds.${incident.problemKind}`),
        exam: incident.examName ?? t('exam:result.unspecified'),
        when: incident.problemAt ? describeInstant(incident.problemAt, t, lang, calendar.timeZone) : t('exam:result.whenUnknown'),
      }),
    ].join('\n\n');

    const actions: string[] = [];
    const buttons: CardAction[] = [];
    const callButtons = (): CardAction[] =>
      [c.phoneLocal, c.phoneTollFree].map((f) => ({ type: ActionTypes.Call, title: t('exam:card.call', { number: f.display }), value: `tel:${f.tel}` }));
    const emailButton: CardAction = { type: ActionTypes.OpenUrl, title: t('exam:card.writeEmail'), value: email.mailto };
    if (incident.route === 'phone-now') {
      actions.push(t('exam:route.callNow', { ...phones, minutes: c.phoneAnswerTarget.minutes, reference: incident.reference }));
      if (centreStatus.open) actions.push(describeOpenStatus(centreStatus, now, calendar, t, lang));
      actions.push(t('exam:route.writeToo', { emailLink }));
      buttons.push(...callButtons(), emailButton);
    } else if (incident.route === 'email-after-hours') {
      actions.push(describeOpenStatus(centreStatus, now, calendar, t, lang));
      actions.push(t('exam:route.writeNow', { emailLink }));
      const reopening = describeReopening(centreStatus.open ? now : centreStatus.opensAt, now, calendar, t, lang);
      actions.push(t('exam:route.callWhenOpen', { ...phones, reopening }));
      buttons.push(emailButton);
    } else {
      actions.push(t('exam:route.write', { emailLink }));
      actions.push(describeOpenStatus(centreStatus, now, calendar, t, lang));
      if (centreStatus.open) actions.push(t('exam:route.alsoCall', phones));
      buttons.push(emailButton);
    }
    const card = CardFactory.heroCard('', undefined, buttons);
    // Urgent: only what the candidate needs now (number, what to do, the exam-support address and phones).
    const advice =
      incident.priority === 'urgent' ? [] : [t('exam:advice.include'), t('exam:advice.avoid'), t('exam:advice.general', { email: c.emailGeneral.display })];
    const text = [head, t('exam:route.title'), ...actions, ...advice].join('\n\n');
    return { ...withMenu(lang, text), attachments: [card] };
  }

  /** Where to turn for a question that is not a technical problem (said by the button, or `introKey` when read from the first message). */
  private async redirect(context: TurnContext, t: Translate, lang: Lang, introKey = 'exam:redirect.intro'): Promise<void> {
    const c = this.services.contacts.caDotation;
    const text = [
      t(introKey),
      t('exam:redirect.general', { email: c.emailGeneral.display }),
      t('exam:redirect.ownFile', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display }),
      t('exam:redirect.notCovered'),
    ].join('\n\n');
    await context.sendActivity(withMenu(lang, text));
  }

  /**
   * Yes or no; a description of the problem (« il a planté au milieu ») or a second answer that is
   * neither is taken as « maybe now »: the candidate gets the urgent route rather than the same question again.
   */
  private async validateInProgress(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    if (!text.trim()) return false;
    if (parseInProgressAnswer(text) !== undefined) return true;
    return prompt.attemptCount >= 2 || this.extract(text, localize(prompt.context).lang).problemKind !== undefined;
  }

  /**
   * « oui », « non », « ok » or another question's button (« Oui, en ce moment », clicked again) are not an
   * exam name: asked again once, then left unknown. « je ne sais pas », « aucune idée » skip the question
   * at once (the incident records the exam as not specified).
   */
  private async validateExam(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    if (!text.trim()) return false;
    const { t, lang } = localize(prompt.context);
    // « page figée » or a question is not an exam's name, unless it also names one (« Processus 12345 »).
    const clues = this.extract(text, lang);
    const notAName =
      isYesNoOrFiller(text) || OTHER_BUTTONS.some((key) => isButton(text, key)) || (!clues.examName && (clues.problemKind !== undefined || /\?\s*$/.test(text)));
    if (!notAName) return true;
    if (prompt.attemptCount < 2) return false;
    prompt.recognized.value = t('exam:choices.examUnknown');
    return true;
  }

  private async validateTime(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    if (!text.trim()) return false;
    if (isUnknown(text) || prompt.attemptCount >= TIME_ATTEMPTS) return true;
    const lang = localize(prompt.context).lang;
    if (this.parseTime(text, lang)) return true;
    // A time of day later than now, without a day (« à 14 h » at 10 h): ask which day.
    const { t } = localize(prompt.context);
    if (detectStatedTime(text, { now: this.services.clock.now(), timeZone: this.services.calendar.timeZone, lang })) {
      await prompt.context.sendActivity(question([], t('exam:ask.timeFuture'), [t('exam:choices.timeUnknown')]));
    }
    return false;
  }

  private parseTime(text: string, lang: Lang): Date | undefined {
    return detectProblemTime(text, { now: this.services.clock.now(), timeZone: this.services.calendar.timeZone, lang });
  }

  private extract(text: string, lang: Lang): ExamProblemClues {
    return extractExamProblem(text, { now: this.services.clock.now(), timeZone: this.services.calendar.timeZone, lang });
  }

  private state(step: WaterfallStepContext): TriageState {
    return (step.values as Record<string, unknown>)[STATE] as TriageState;
  }

  /** The lines to show before the next question: the reason for asking (first question), then « call now » once when urgent and open. */
  private takePending(state: TriageState, step: WaterfallStepContext): string[] {
    const lines = state.pending.splice(0);
    if (state.examInProgress && !state.earlyCallShown && this.services.hours.status(this.services.clock.now()).open) {
      const { t } = localize(step.context);
      const c = this.services.contacts.caDotation;
      lines.push(t('exam:callNowEarly', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display }));
      state.earlyCallShown = true;
    }
    return lines;
  }
}

/**
 * The route for dialogs/routes.ts: intent `exam.problem` (menu choice or free text). Not a form: it
 * collects no personal information, so « annuler » leaves at once, without a confirmation question.
 */
export function examProblemRoute(services: DialogServices): DialogRoute {
  return { dialog: new ExamProblemDialog(services), handles: (intent) => intent === Intents.examProblem };
}

/** A question with quick replies (suggested actions); free text is accepted too. */
function question(before: string[], text: string, buttons: string[]): Partial<Activity> {
  return MessageFactory.suggestedActions(
    buttons.map((title) => ({ type: ActionTypes.ImBack, title, value: title })),
    [...before, text].join('\n\n'),
  );
}

function merge(state: TriageState, clues: ExamProblemClues): void {
  state.examInProgress ??= clues.examInProgress;
  state.problemKind ??= clues.problemKind;
  state.examName ??= clues.examName;
  if (!state.problemAt && clues.problemAt) state.problemAt = clues.problemAt.toISOString();
  if (!state.device && !state.browser) {
    if (clues.device) state.device = clues.device;
    if (clues.browser) state.browser = clues.browser;
  }
}

/** A kind button (either language), else what the text says, else « other ». */
function kindFromAnswer(answer: string): ProblemKind {
  return PROBLEM_KINDS.find((k) => isButton(answer, `exam:kinds.${k}`)) ?? detectProblemKind(answer) ?? 'other';
}

/** « Je ne le sais pas », « passer », « I don't know », or one of the « I don't know » buttons, in either language. */
function isUnknown(text: string): boolean {
  return isSkipAnswer(text, 'exam:choices.examUnknown', 'exam:choices.timeUnknown', 'exam:choices.deviceSkip');
}

/**
 * The same message delivered twice by the channel (same activity id) gives the same submission, so
 * the same incident. The id of the message that opened the triage is used, whatever turn stores it.
 */
function submissionIdFor(context: TurnContext): string {
  const { channelId, conversation, id } = context.activity;
  if (!id || !conversation?.id) return randomUUID();
  return createHash('sha256')
    .update(`${channelId ?? ''}\n${conversation.id}\n${id}`)
    .digest('hex')
    .slice(0, 48);
}
