import { MessageFactory, TurnContext } from 'botbuilder';
import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { recordDialog, recordIntent } from './shared/turnInsights';
import { soundsAngry } from '../domain/complaints/firstMessage';
import { renderAnswer, renderAskedDay } from '../domain/faq/faqAnswers';
import { entryIdOf, faqIntent } from '../domain/faq/knowledgeBase';
import type { Lang, Translate } from '../domain/i18n';
import { intentTitle } from '../domain/understanding/intentTitles';
import { DEFAULT_THRESHOLDS, offeredChoices } from '../domain/understanding/decision';
import { COMPLAINTS_ENTRY, FAQ_INTENT_PREFIX, Intents } from '../domain/understanding/intents';
import { isNo, isYes } from '../domain/text/choices';
import { rankedIntents } from './intentRecognizer';
import { isOneOfKey } from './shared/choices';
import type { DialogRoute, RoutedDialogOptions } from './shared/routing';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import type { DialogServices } from './shared/services';

export const FAQ_DIALOG = 'faq';
/** Suggested with the invitation « Quelle est votre question? » (menu choice « Questions sur la dotation »). */
const POPULAR_ENTRIES = ['hours', 'phone', 'email-general', 'request-delay', 'services'];

/**
 * Answers one FAQ entry (`faq.<id>`), asking « Cette réponse vous a-t-elle été utile ? » (Oui / Non) in
 * the answer's bubble: the question is no prompt on the dialog stack but a mark in the conversation data
 * (`faqFeedback`), which MainDialog reads on the next message (`answerFeedback`). A reply that is neither
 * oui nor non is then simply a new question. Kept off the stack because most replies are new questions:
 * a prompt there cost each of them a prompt, a waterfall step and a second FAQ dialog (about a tenth of
 * an FAQ turn's CPU, issue 13). The mark is stored with the end of the turn, after the answer leaves: a
 * crash in between loses a vote, never a form. The menu choice « Questions sur la dotation »
 * (`faq.menu`) only invites the question.
 *
 * An answer asks nothing and ends in the turn it starts: MainDialog gives it from its own step
 * (`DialogRoute.answer`), in the middle of that step, so the answer leaves without the state being stored
 * (see dialogStack.ts). Started as a dialog of its own, it cost each answer a dialog context, a waterfall
 * and the main flow's replacement (about 4 % of the turn).
 */
export async function answerFaq(context: TurnContext, services: DialogServices, options: Partial<RoutedDialogOptions>): Promise<void> {
  const { t, lang } = localize(context);
  const ranking = options.recognizerResult ? rankedIntents(options.recognizerResult) : [];
  const [ranked] = ranking;
  // A message asking several questions: the first asked is answered first, then the others.
  const [asked, ...others] = options.questions ?? [];
  const top = asked ? { intent: asked, score: options.recognizerResult?.intents[asked]?.score ?? ranked?.score ?? 0 } : ranked;
  const entry = top ? services.knowledgeBase.byId.get(entryIdOf(top.intent) ?? '') : undefined;
  if (!entry) {
    await context.sendActivity(
      suggestions(
        t('faq:prompt'),
        POPULAR_ENTRIES.map((id) => intentTitle(faqIntent(id), lang) ?? id),
      ),
    );
    return;
  }
  // What the managers' statistics count as an answered question (MainDialog records the same when it routes here).
  recordIntent(context, faqIntent(entry.id), top.score);
  recordDialog(context, FAQ_DIALOG);
  const answerContext = {
    now: services.clock.now(),
    hours: services.hours,
    calendar: services.calendar,
    t,
    lang,
    utterance: options.utterance,
    yesNo: options.followUp?.yesNo,
  };
  // « pis le samedi? » after an hours answer: only that day, without asking « utile ? » again.
  const followUp = options.followUp ? renderAskedDay(entry, answerContext) : undefined;
  if (followUp) {
    await context.sendActivity(MessageFactory.text(followUp));
    return;
  }
  // « Ça fait 2 heures que j'attends au téléphone, c'est ridicule »: the answer, with one sentence that hears
  // the person first and the complaint form offered after it (not when the form itself follows).
  const angry = !options.beforeFlow && soundsAngry(options.utterance);
  // The other questions of the same message, each answered in turn; « utile ? » is asked once.
  const answers = [`${angry ? `${t('faq:upset.acknowledge')}\n\n` : ''}${renderAnswer(entry, answerContext)}`];
  for (const other of others) {
    const otherEntry = services.knowledgeBase.byId.get(entryIdOf(other) ?? '');
    if (otherEntry && otherEntry.id !== entry.id) answers.push(renderAnswer(otherEntry, answerContext));
  }
  if (options.beforeFlow) {
    for (const answer of answers) await context.sendActivity(MessageFactory.text(answer));
    return;
  }
  for (const answer of answers.slice(0, -1)) await context.sendActivity(MessageFactory.text(answer));
  const data = await services.conversationData.get(context, {});
  const alternatives = alternativesTo([faqIntent(entry.id), ...others], ranking);
  data.faqFeedback = alternatives.length ? { entryId: entry.id, alternatives } : { entryId: entry.id };
  const offer = angry ? `\n\n${t('faq:upset.complaintOffer', { firstContact: services.contacts.complaints.firstContactBusinessDays.days })}` : '';
  // « utile ? » closes the last answer's bubble, its buttons under it: one activity fewer per turn.
  const last = `${answers[answers.length - 1]}${offer}\n\n${t('faq:feedback.question')}`;
  // The complaints entry says « choisissez « Déposer une plainte » »: the button is there.
  const fileHere = angry || faqIntent(entry.id) === COMPLAINTS_ENTRY;
  await context.sendActivity(suggestions(last, [t('faq:feedback.yes'), t('faq:feedback.no'), ...(fileHere ? [t('common:menu.complaint')] : [])]));
}

/** answerFaq as a dialog of its own, for a dialog set that starts it (MainDialog answers through its route). */
export class FaqDialog extends WaterfallDialog<Partial<RoutedDialogOptions>> {
  constructor(private readonly services: DialogServices) {
    super(FAQ_DIALOG);
    this.addStep(this.answerStep.bind(this));
  }

  private async answerStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    await answerFaq(step.context, this.services, step.options ?? {});
    return step.endDialog();
  }
}

/**
 * The reply to « utile ? » (`pending`: the entry answered last turn): Oui or Non is stored in
 * faq_feedback and thanked or followed by an offer to rephrase or reach a person (true); anything else
 * is left for routing as a new question (false).
 */
export async function answerFeedback(
  context: TurnContext,
  services: DialogServices,
  pending: { entryId: string; alternatives?: string[] },
  text: string,
): Promise<boolean> {
  const { t, lang } = localize(context);
  const verdict = parseFeedback(text, t);
  if (verdict === undefined) return false;
  recordDialog(context, FAQ_DIALOG);
  // Not « faq.<id> »: the statistics count those as answered questions.
  recordIntent(context, verdict ? 'feedback.yes' : 'feedback.no', 1);
  await services.faqFeedback.record({
    entryId: pending.entryId,
    helpful: verdict,
    createdAt: services.clock.now(),
    channelId: context.activity.channelId,
    conversationId: context.activity.conversation?.id,
    locale: context.activity.locale ?? lang,
  });
  if (verdict) {
    await context.sendActivity(withMenu(lang, t('faq:feedback.thanks')));
    return true;
  }
  // The other entries the message was close to, one click away, as « Voulez-vous dire… ? » would have offered them.
  const titles = (pending.alternatives ?? []).map((intent) => intentTitle(intent, lang)).filter((title): title is string => Boolean(title));
  const sorry = titles.length ? t('faq:feedback.sorryAlternatives') : t('faq:feedback.sorry');
  await context.sendActivity(suggestions(sorry, [...titles, t('faq:feedback.rephrase'), t('common:menu.handoff')]));
  return true;
}

/** At most two choices besides what was answered; « Parler à une personne » is always offered after « Non ». */
const MAX_ALTERNATIVES = 2;
/**
 * How close another topic must be to be offered after « Non »: lower than a « Voulez-vous dire… ? » choice,
 * since the person has just said the answer missed (« mon examen a planté, à qui écrire » answered with the
 * exam address, the triage at 0.04), yet above the ranking's noise.
 */
const ALTERNATIVE_FLOOR = 0.02;

/** The entries and topics a message was also close to, besides those answered (`answered`), for « Non ». */
function alternativesTo(answered: readonly string[], ranked: ReadonlyArray<{ intent: string; score: number }>): string[] {
  return offeredChoices(ranked, { ...DEFAULT_THRESHOLDS, option: ALTERNATIVE_FLOOR })
    .filter((choice) => choice.intent !== Intents.handoff && !answered.includes(choice.intent))
    .slice(0, MAX_ALTERNATIVES)
    .map((choice) => choice.intent);
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
  return {
    dialog: new FaqDialog(services),
    handles: (intent) => intent.startsWith(FAQ_INTENT_PREFIX) || intent === Intents.faqMenu,
    answer: (context, options) => answerFaq(context, services, options),
  };
}
