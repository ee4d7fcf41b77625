import type { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { recordDialog } from './shared/turnInsights';
import { describeCentreNow, describeWeeklyHours } from '../domain/format/openingHoursText';
import { mentionedReference } from '../domain/referenceMentions';
import type { DialogRoute, RoutedDialogOptions } from './shared/routing';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import type { DialogServices } from './shared/services';

export const EXAM_FOLLOW_UP_DIALOG = 'examFollowUp';
const FLOW = 'examFollowUp.flow';

/**
 * An online-exam confirmation number (EX-YYYY-NNNNNN) typed anywhere. Incidents are not tied to the
 * person's e-mail or phone, so the chat cannot verify who asks and never says whether a number exists:
 * it says how to follow up with the Centre, quoting the number (the exam-support address of seed 000,
 * or the Centre's phone numbers during its hours).
 */
export class ExamFollowUpDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(EXAM_FOLLOW_UP_DIALOG);
    this.addDialog(new WaterfallDialog<Partial<RoutedDialogOptions>>(FLOW, [this.answerStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async answerStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, EXAM_FOLLOW_UP_DIALOG);
    const { t, lang } = localize(context);
    const reference = mentionedReference(step.options.utterance)?.reference ?? '';
    const c = this.services.contacts.caDotation;
    const { hours, calendar, clock } = this.services;
    const text = [
      t('resolve:reference.exam', { reference }),
      t('resolve:reference.examFollowUp', { reference, email: c.emailExam.display, local: c.phoneLocal.display, tollFree: c.phoneTollFree.display }),
      t('resolve:reference.examHours', { hours: describeWeeklyHours(hours, t, lang) }),
      describeCentreNow(hours, clock.now(), calendar, t, lang),
    ].join('\n\n');
    await context.sendActivity(withMenu(lang, text));
    return step.endDialog();
  }
}

export function examFollowUpRoute(services: DialogServices): DialogRoute {
  return {
    dialog: new ExamFollowUpDialog(services),
    handles: () => false,
    claims: (_context: TurnContext, text: string) => mentionedReference(text)?.kind === 'exam',
  };
}
