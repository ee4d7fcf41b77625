import { Dialog, DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { markSensitive } from '../shared/turnInsights';
import { DESCRIPTION_MAX_LENGTH } from '../../domain/complaints/complaintService';
import { escapeMarkdown } from '../../domain/format/markdown';
import type { Translate } from '../../domain/i18n';
import type { ComplaintDraft } from '../shared/complaintSummary';
import { localize } from '../shared/localization';
import { isOneOfKey } from '../shared/choices';
import { FieldOptions, formatCount, withButtons } from './formHelpers';

/** Descriptions shorter than this are asked again: a complaint needs a few details to be handled. */
export const DESCRIPTION_MIN_LENGTH = 15;

/**
 * « Décrivez la situation ». When the message that opened the complaint already told the story, it is
 * offered back first (« Voici ce que vous m'avez écrit : … Voulez-vous l'utiliser comme description? »
 * Oui / Modifier); a new description typed right away is taken as the answer.
 */
export function descriptionFieldDialogs(id: string): Dialog[] {
  const offerPrompt = `${id}.offer`;
  const descriptionPrompt = `${id}.prompt`;

  const askDescription = (step: WaterfallStepContext<FieldOptions>): Promise<DialogTurnResult> => {
    const { t } = localize(step.context);
    return step.prompt(descriptionPrompt, {
      prompt: t('complaint:intake.askDescription', { max: formatCount(DESCRIPTION_MAX_LENGTH, step.context) }),
      retryPrompt: t('complaint:intake.descriptionTooShort', { min: DESCRIPTION_MIN_LENGTH }),
    });
  };

  return [
    new WaterfallDialog<FieldOptions>(id, [
      async (step) => {
        const story = step.options.story;
        if (!story) return step.next();
        const { t } = localize(step.context);
        // The offer repeats what the person wrote: the outgoing message is personal information.
        markSensitive(step.context, { outbound: true });
        const offer = withButtons(t('complaint:intake.storyOffer', { story: escapeMarkdown(story) }), [
          t('complaint:intake.storyUse'),
          t('complaint:intake.storyEdit'),
        ]);
        return step.prompt(offerPrompt, {
          prompt: offer,
          retryPrompt: withButtons(t('complaint:intake.storyRetry'), [t('complaint:intake.storyUse'), t('complaint:intake.storyEdit')]),
        });
      },
      async (step) => {
        const answer = step.result as string | undefined;
        if (answer === undefined) return askDescription(step);
        const { t } = localize(step.context);
        const story = step.options.story!;
        if (isUse(answer, t)) return step.endDialog({ description: story.trim() } satisfies Partial<ComplaintDraft>);
        if (isEdit(answer, t)) return askDescription(step);
        return step.endDialog({ description: answer.trim() } satisfies Partial<ComplaintDraft>);
      },
      (step) => step.endDialog({ description: (step.result as string).trim() } satisfies Partial<ComplaintDraft>),
    ]),
    new TextPrompt(offerPrompt, validateOfferAnswer),
    new TextPrompt(descriptionPrompt, validateDescription),
  ];
}

const isUse = (text: string, t: Translate) => isOneOfKey(text, t, 'complaint:intake.storyUseWords', t('complaint:intake.storyUse'));
const isEdit = (text: string, t: Translate) => isOneOfKey(text, t, 'complaint:intake.storyEditWords', t('complaint:intake.storyEdit'));

/** Oui, Modifier, or a new description long enough to be one. */
async function validateOfferAnswer(prompt: PromptValidatorContext<string>): Promise<boolean> {
  markSensitive(prompt.context);
  const { t } = localize(prompt.context);
  const text = prompt.recognized.value ?? '';
  if (isUse(text, t) || isEdit(text, t)) return true;
  const length = text.trim().length;
  return length >= DESCRIPTION_MIN_LENGTH && length <= DESCRIPTION_MAX_LENGTH;
}

async function validateDescription(prompt: PromptValidatorContext<string>): Promise<boolean> {
  markSensitive(prompt.context);
  const { t } = localize(prompt.context);
  const text = (prompt.recognized.value ?? '').trim();
  if (text.length > DESCRIPTION_MAX_LENGTH) {
    prompt.options.retryPrompt = t('complaint:intake.descriptionTooLong', {
      length: formatCount(text.length, prompt.context),
      max: formatCount(DESCRIPTION_MAX_LENGTH, prompt.context),
    });
    return false;
  }
  if (text.length < DESCRIPTION_MIN_LENGTH) {
    prompt.options.retryPrompt = t('complaint:intake.descriptionTooShort', { min: DESCRIPTION_MIN_LENGTH });
    return false;
  }
  return true;
}
