import { Dialog, DialogTurnResult, FoundChoice, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { recordDialog } from './shared/turnInsights';
import { choiceList } from '../domain/text/choices';
import { buttonChoicePrompt, yesNoChoices } from './shared/choices';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';

export const CONFIRM_CANCEL_DIALOG = 'confirmCancel';
const CHOICE = 'confirmCancel.choice';

/**
 * Asks before discarding a form the person has started. It runs in the main dialog's own stack, on top
 * of the form: "Oui" cancels the whole stack and shows the menu; "Non", or anything else, pops back to
 * the form, which asks its current question again (ComponentDialog.resumeDialog reprompts).
 */
export function confirmCancelDialogs(): Dialog[] {
  // An answer that is neither yes nor no keeps the form (nothing is discarded without a clear yes).
  return [buttonChoicePrompt(CHOICE, async () => true), new WaterfallDialog(CONFIRM_CANCEL_DIALOG, [ask, decide])];
}

async function ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t } = localize(step.context);
  recordDialog(step.context, CONFIRM_CANCEL_DIALOG);
  const yes = t('common:cancel.yes');
  const no = t('common:cancel.no');
  return step.prompt(CHOICE, {
    prompt: t('common:cancel.confirm'),
    // « annuler » confirms the cancel, « continuer » keeps the form.
    choices: yesNoChoices(yes, no, { yes: [...choiceList('cancel')], no: [...choiceList('continue')] }),
  });
}

async function decide(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t, lang } = localize(step.context);
  recordDialog(step.context, CONFIRM_CANCEL_DIALOG);
  if ((step.result as FoundChoice | undefined)?.value === 'yes') {
    await step.context.sendActivity(withMenu(lang, t('common:cancel.done')));
    return step.cancelAllDialogs();
  }
  await step.context.sendActivity(t('common:cancel.resumed'));
  return step.endDialog();
}
