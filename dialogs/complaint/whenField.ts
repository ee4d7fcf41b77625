import type { Activity, TurnContext } from 'botbuilder';
import { Dialog, DialogTurnResult, Prompt, PromptOptions, PromptRecognizerResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { markSensitive } from '../shared/turnInsights';
import type { BusinessCalendar, LocalDate } from '../../domain/calendar/businessCalendar';
import { DatePeriod, dayInPeriod, parseIncidentDate } from '../../domain/complaints/incidentDate';
import { formatLongDate } from '../../domain/format/dates';
import type { Lang, Translate } from '../../domain/i18n';
import { isNo, isYes } from '../../domain/text/choices';
import type { ComplaintDraft } from '../shared/complaintSummary';
import { localize } from '../shared/localization';
import type { DialogServices } from '../shared/services';
import { isOneOfKey, isSkipAnswer } from '../shared/choices';
import { FieldOptions, withButtons, withSkip } from './formHelpers';
import { storyToldAtDate } from '../../domain/complaints/firstMessage';

/**
 * An answer to « Quand la situation s'est-elle produite? », with the story when the person told it there
 * (« hier, l'agente m'a raccroché au nez »): it is offered back at the description.
 */
type WhenAnswer = ({ kind: 'skip' } | { kind: 'date'; date: LocalDate } | { kind: 'period'; period: DatePeriod }) & { story?: string };

/** What the first question carries: the day the opening message named, if any. */
interface WhenValidations {
  told: LocalDate;
}

/** What the period question carries: the period proposed (a new vague answer replaces it). */
interface PeriodValidations {
  period: DatePeriod;
}

/**
 * The date of the situation, optional. An exact answer (« hier », « lundi passé », « le 3 novembre »)
 * is taken as is; a vague one (« la semaine passée », « le mois dernier », « il y a quelques jours »,
 * “last week”) is not turned into a guessed day: the period it means is proposed, and the person keeps
 * it (« Garder cette période ») or gives the exact day. A kept period is shown as such in the summary.
 * A person who goes on with the story instead is not told « Je n'ai pas reconnu cette date »: the date
 * is left unknown (or the proposed period kept), and the story is offered back as the description.
 */
export function whenFieldDialogs(id: string, services: DialogServices): Dialog[] {
  const whenPrompt = `${id}.prompt`;
  const periodPrompt = `${id}.period`;
  return [
    new WaterfallDialog(id, [
      async (step: WaterfallStepContext<FieldOptions>): Promise<DialogTurnResult> => {
        const { t, lang } = localize(step.context);
        // « J'ai appelé hier… » opened the complaint: that day is offered (a button, or « oui »), never assumed.
        const told = step.options?.story ? parseIncidentDate(step.options.story, services.clock.now(), lang, services.calendar.timeZone) : undefined;
        if (told?.ok) {
          const day = formatLongDate(services.calendar.instantAt(told.date, 12, 0), lang, services.calendar.timeZone);
          return step.prompt(whenPrompt, {
            prompt: withButtons(t('complaint:intake.askWhenSuggested', { date: day }), [day, t('complaint:intake.skip')]),
            retryPrompt: withButtons(t('complaint:intake.invalidWhen'), [day, t('complaint:intake.skip')]),
            validations: { told: told.date } satisfies WhenValidations,
          });
        }
        return step.prompt(whenPrompt, { prompt: withSkip(t, t('complaint:intake.askWhen')), retryPrompt: withSkip(t, t('complaint:intake.invalidWhen')) });
      },
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const answer = step.result as WhenAnswer;
        if (answer.kind !== 'period') return step.endDialog(toDraft(answer));
        (step.values as { story?: string }).story = answer.story;
        const { t, lang } = localize(step.context);
        const confirm = periodConfirm(answer.period, t, lang, services.calendar);
        return step.prompt(periodPrompt, { prompt: confirm, retryPrompt: confirm, validations: { period: answer.period } satisfies PeriodValidations });
      },
      (step) => {
        const answer = step.result as WhenAnswer;
        return step.endDialog(toDraft({ ...answer, story: answer.story ?? (step.values as { story?: string }).story }));
      },
    ]),
    new IncidentDatePrompt(whenPrompt, services, false),
    new IncidentDatePrompt(periodPrompt, services, true),
  ];
}

function toDraft(answer: WhenAnswer): Partial<ComplaintDraft> & FieldOptions {
  const told = answer.story ? { story: answer.story } : {};
  if (answer.kind === 'date') return { incidentDate: answer.date, incidentPeriod: null, ...told };
  if (answer.kind === 'period') return { incidentDate: null, incidentPeriod: answer.period, ...told };
  return { incidentDate: null, incidentPeriod: null, ...told };
}

/** « entre le lundi 16 novembre 2026 et le dimanche 22 novembre 2026 ». */
export function describePeriod(period: DatePeriod, t: Translate, lang: Lang, calendar: BusinessCalendar): string {
  const day = (date: LocalDate) => formatLongDate(calendar.instantAt(date, 12, 0), lang, calendar.timeZone);
  return t('complaint:intake.period', { from: day(period.from), to: day(period.to) });
}

function periodConfirm(period: DatePeriod, t: Translate, lang: Lang, calendar: BusinessCalendar): Partial<Activity> {
  const text = t('complaint:intake.periodConfirm', { period: describePeriod(period, t, lang, calendar), example: example(period, lang, calendar) });
  return withButtons(text, [t('complaint:intake.periodKeep'), t('complaint:intake.skip')]);
}

/** An exact day of the period, as the person could type it: « mercredi 18 novembre 2026 ». */
function example(period: DatePeriod, lang: Lang, calendar: BusinessCalendar): string {
  return formatLongDate(calendar.instantAt(period.from, 12, 0), lang, calendar.timeZone);
}

/**
 * Reads a date answer. As the first question: « Passer cette question », an exact date, or a period to
 * confirm. As the confirmation of a period: also « Garder cette période » (or « oui », « je ne sais pas »).
 * A refused answer says why (future date, not a date) in the next prompt.
 */
class IncidentDatePrompt extends Prompt<WhenAnswer> {
  constructor(
    dialogId: string,
    private readonly services: DialogServices,
    private readonly confirmingPeriod: boolean,
  ) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (activity) await context.sendActivity(activity);
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<WhenAnswer>> {
    markSensitive(context);
    const { t, lang } = localize(context);
    const text = context.activity.text ?? '';
    const calendar = this.services.calendar;
    const proposed = this.confirmingPeriod ? (options.validations as PeriodValidations).period : undefined;
    // « je ne sais pas » keeps the proposed period: the person knows the week, not the day.
    if (proposed && isOneOfKey(text, t, 'complaint:intake.periodKeepWords', t('complaint:intake.periodKeep'))) {
      return { succeeded: true, value: { kind: 'period', period: proposed } };
    }
    const told = this.confirmingPeriod ? undefined : (options.validations as WhenValidations | undefined)?.told;
    if (told && isYes(text)) return { succeeded: true, value: { kind: 'date', date: told } };
    const refused = proposed !== undefined && isNo(text);
    if (!refused && isSkipAnswer(text, 'complaint:intake.skip')) return { succeeded: true, value: { kind: 'skip' } };
    if (!text.trim()) return { succeeded: false };
    const story = storyToldAtDate(text);
    // « lundi » after « la semaine passée »: the Monday of that week, not this one.
    const inPeriod = proposed ? dayInPeriod(text, proposed) : undefined;
    if (inPeriod && inPeriod !== 'several') return { succeeded: true, value: { kind: 'date', date: inPeriod, story } };
    if (proposed && inPeriod === 'several') {
      const period = describePeriod(proposed, t, lang, calendar);
      options.retryPrompt = withButtons(t('complaint:intake.periodSeveral', { period, example: example(proposed, lang, calendar) }), [t('complaint:intake.periodKeep'), t('complaint:intake.skip')]);
      return { succeeded: false };
    }
    const parsed = parseIncidentDate(text, this.services.clock.now(), lang, calendar.timeZone);
    if (parsed.ok) return { succeeded: true, value: { kind: 'date', date: parsed.date, story } };
    if (parsed.reason === 'ambiguous') {
      if (!proposed) return { succeeded: true, value: { kind: 'period', period: parsed.period, story } };
      // Another vague answer: propose that period instead.
      (options.validations as PeriodValidations).period = parsed.period;
      options.retryPrompt = periodConfirm(parsed.period, t, lang, calendar);
      return { succeeded: false };
    }
    // The story, told here rather than a date: the date stays unknown (or the period proposed), the story goes on.
    if (story && parsed.reason !== 'future') return { succeeded: true, value: proposed ? { kind: 'period', period: proposed, story } : { kind: 'skip', story } };
    const buttons = proposed ? [t('complaint:intake.periodKeep'), t('complaint:intake.skip')] : [t('complaint:intake.skip')];
    if (parsed.reason === 'future') options.retryPrompt = withButtons(t('complaint:intake.futureWhen'), buttons);
    else if (proposed) {
      const period = describePeriod(proposed, t, lang, calendar);
      options.retryPrompt = withButtons(t('complaint:intake.periodRetry', { period, example: example(proposed, lang, calendar) }), buttons);
    } else options.retryPrompt = withSkip(t, t('complaint:intake.invalidWhen'));
    return { succeeded: false };
  }
}
