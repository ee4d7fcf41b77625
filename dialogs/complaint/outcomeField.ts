import { Dialog, DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { markSensitive } from '../shared/turnInsights';
import { DESCRIPTION_MAX_LENGTH } from '../../domain/complaints/complaintService';
import type { ComplaintDraft } from '../shared/complaintSummary';
import { localize } from '../shared/localization';
import { isSkipAnswer } from '../shared/choices';
import { formatCount, withSkip } from './formHelpers';

/** « Quel résultat souhaitez-vous obtenir? », optional (« Passer cette question »). */
export function outcomeFieldDialogs(id: string): Dialog[] {
  const prompt = `${id}.prompt`;
  return [
    new WaterfallDialog(id, [
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const { t } = localize(step.context);
        return step.prompt(prompt, { prompt: withSkip(t, t('complaint:intake.askOutcome')) });
      },
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const text = (step.result as string).trim();
        return step.endDialog({ desiredOutcome: isSkipAnswer(text, 'complaint:intake.skip') ? null : text } satisfies Partial<ComplaintDraft>);
      },
    ]),
    new TextPrompt(prompt, validateOutcome),
  ];
}

async function validateOutcome(prompt: PromptValidatorContext<string>): Promise<boolean> {
  markSensitive(prompt.context);
  const { t } = localize(prompt.context);
  const text = (prompt.recognized.value ?? '').trim();
  if (!text) return false;
  if (text.length > DESCRIPTION_MAX_LENGTH) {
    prompt.options.retryPrompt = withSkip(
      t,
      t('complaint:intake.outcomeTooLong', { length: formatCount(text.length, prompt.context), max: formatCount(DESCRIPTION_MAX_LENGTH, prompt.context) }),
    );
    return false;
  }
  return true;
}
