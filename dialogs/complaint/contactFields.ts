import { Dialog, DialogTurnResult, FoundChoice, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { markSensitive } from '../shared/turnInsights';
import { normalizeEmail, normalizePhone } from '../../domain/complaints/contact';
import { buttonChoicePrompt, buttonChoices } from '../shared/choices';
import type { ComplaintDraft } from '../shared/complaintSummary';
import { localize } from '../shared/localization';
import { choiceStyle } from './formHelpers';

const NAME_MAX_LENGTH = 200;

/** « Quel est votre nom? »: at least two letters, 200 characters at most. */
export function nameFieldDialogs(id: string): Dialog[] {
  const prompt = `${id}.prompt`;
  return [
    new WaterfallDialog(id, [
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const { t } = localize(step.context);
        return step.prompt(prompt, { prompt: t('complaint:intake.askName'), retryPrompt: t('complaint:intake.invalidName') });
      },
      (step) => step.endDialog({ name: (step.result as string).trim() } satisfies Partial<ComplaintDraft>),
    ]),
    new TextPrompt(prompt, validateName),
  ];
}

async function validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
  markSensitive(prompt.context);
  const name = (prompt.recognized.value ?? '').trim();
  return name.length <= NAME_MAX_LENGTH && (name.match(/\p{L}/gu)?.length ?? 0) >= 2;
}

/**
 * Courriel or Téléphone, then the address or number; either is accepted whatever was chosen, and the method
 * follows. An address or number typed instead of choosing (« jean@exemple.com ») is the choice and the answer.
 */
export function contactFieldDialogs(id: string): Dialog[] {
  const methodPrompt = `${id}.method`;
  const valuePrompt = `${id}.value`;
  return [
    new WaterfallDialog(id, [
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const { t } = localize(step.context);
        return step.prompt(methodPrompt, {
          style: choiceStyle(step.context),
          prompt: t('complaint:intake.askContactMethod'),
          retryPrompt: `${t('common:choice.retry')} ${t('complaint:intake.askContactMethod')}`,
          choices: buttonChoices(
            [t('complaint:contactMethods.email'), t('complaint:contactMethods.phone')],
            [
              ['courriel', 'email', 'e-mail', 'mail', 'adresse courriel', 'par courriel'],
              ['telephone', 'tel', 'phone', 'cellulaire', 'cell', 'par telephone', 'appel'],
            ],
          ),
        });
      },
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const typed = typedContact(step.context);
        if (typed) return step.next(typed);
        const { t } = localize(step.context);
        const method = (step.result as FoundChoice).index === 0 ? 'email' : 'phone';
        return step.prompt(valuePrompt, {
          prompt: t(method === 'email' ? 'complaint:intake.askEmail' : 'complaint:intake.askPhone'),
          retryPrompt: t(method === 'email' ? 'complaint:intake.invalidEmail' : 'complaint:intake.invalidPhone'),
        });
      },
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const value = (step.result as string).trim();
        return step.endDialog({ contactMethod: normalizeEmail(value) ? 'email' : 'phone', contactValue: value } satisfies Partial<ComplaintDraft>);
      },
    ]),
    buttonChoicePrompt(methodPrompt, acceptTypedContact),
    new TextPrompt(valuePrompt, validateContact),
  ];
}

async function validateContact(prompt: PromptValidatorContext<string>): Promise<boolean> {
  markSensitive(prompt.context);
  const value = prompt.recognized.value ?? '';
  return Boolean(normalizeEmail(value) ?? normalizePhone(value));
}

/** The e-mail address or phone number the message is, if it is one. */
function typedContact(context: TurnContext): string | undefined {
  const text = context.activity.text?.trim() ?? '';
  return normalizeEmail(text) || normalizePhone(text) ? text : undefined;
}

/** The method chosen, or the one of an address or number typed instead (kept out of the log like any contact). */
async function acceptTypedContact(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
  const typed = typedContact(prompt.context);
  if (!typed) return prompt.recognized.succeeded;
  markSensitive(prompt.context);
  const index = normalizeEmail(typed) ? 0 : 1;
  const choice = prompt.options.choices?.[index];
  prompt.recognized.value = { value: typeof choice === 'string' ? choice : (choice?.value ?? String(index)), index, score: 1 };
  return true;
}
