import type { Dialog, DialogTurnResult, FoundChoice, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from 'botbuilder-dialogs';
import { COMPLAINT_SERVICES } from '../../domain/complaints/complaint';
import { buttonChoicePrompt, buttonChoices } from '../shared/choices';
import type { ComplaintDraft } from '../shared/complaintSummary';
import { localize } from '../shared/localization';
import { choiceStyle } from './formHelpers';
import { matchService } from './serviceMatcher';

/**
 * « Quel service votre plainte concerne-t-elle? »: the six services as buttons (a numbered list on SMS),
 * and free text understood (« au téléphone », « par courriel », « l'examen en ligne », « SAGIR », typos).
 * Asked again, with examples, only when nothing matches.
 */
export function serviceFieldDialogs(id: string): Dialog[] {
  const prompt = `${id}.prompt`;
  return [
    new WaterfallDialog(id, [
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const { t } = localize(step.context);
        return step.prompt(prompt, {
          style: choiceStyle(step.context),
          prompt: t('complaint:intake.askService'),
          retryPrompt: t('complaint:intake.serviceRetry'),
          choices: buttonChoices(COMPLAINT_SERVICES.map((key) => t(`complaint:services.${key}`))),
        });
      },
      (step) => step.endDialog({ service: COMPLAINT_SERVICES[(step.result as FoundChoice).index] } satisfies Partial<ComplaintDraft>),
    ]),
    buttonChoicePrompt(prompt, validateService),
  ];
}

/**
 * The matcher first (it knows the labels, their synonyms and typos); botbuilder's own recognition is
 * kept only for the position digit a channel without buttons prints (« 2 », « (2) »), because its
 * partial matching would pick a service from a single shared word.
 */
async function validateService(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
  const text = prompt.context.activity.text ?? '';
  const service = matchService(text);
  if (service) {
    const index = COMPLAINT_SERVICES.indexOf(service);
    const { t } = localize(prompt.context);
    prompt.recognized.value = { value: t(`complaint:services.${service}`), index, score: 1 };
    prompt.recognized.succeeded = true;
    return true;
  }
  return prompt.recognized.succeeded && /^\s*\(?\d\)?\s*$/.test(text);
}
