import { Activity, MessageFactory, TurnContext } from 'botbuilder';
import { Prompt, PromptOptions, PromptRecognizerResult } from 'botbuilder-dialogs';
import { markSensitive } from '../shared/turnInsights';
import { isOneOfKey } from '../shared/choices';
import { ComplaintDraft, SUMMARY_ACTIONS, SummaryAction, SummaryActionValue, summaryActions, summaryActivity } from '../shared/complaintSummary';
import { localize } from '../shared/localization';
import type { DialogServices } from '../shared/services';

/** What the summary loop carries: the draft and the id that makes a repeated « Confirmer » idempotent. */
export interface ReviewOptions {
  draft: ComplaintDraft;
  submissionId: string;
}

/** The value of a summary card button, if this activity is one. */
export function summaryValue(activity: Partial<Activity>): SummaryActionValue | undefined {
  const value = activity.value as Partial<SummaryActionValue> | undefined;
  if (!value || typeof value !== 'object' || typeof value.submissionId !== 'string') return undefined;
  return SUMMARY_ACTIONS.includes(value.complaintAction as SummaryAction) ? (value as SummaryActionValue) : undefined;
}

/**
 * The summary as a prompt: shown as an Adaptive Card (or plain text), answered by a card button
 * (recognized only with this summary's submission id, so an old card cannot confirm a new draft) or by
 * typing Confirmer / Modifier / Annuler. Showing it repeats personal information: the turn is marked.
 */
export class SummaryPrompt extends Prompt<SummaryAction> {
  constructor(
    dialogId: string,
    private readonly services: DialogServices,
  ) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const { t, lang } = localize(context);
    if (isRetry) {
      await context.sendActivity(MessageFactory.suggestedActions(summaryActions(t), t('complaint:summary.retry')));
      return;
    }
    markSensitive(context, { outbound: true });
    const { draft, submissionId } = options.validations as ReviewOptions;
    await context.sendActivity(summaryActivity(draft, submissionId, { channelId: context.activity.channelId, t, lang, calendar: this.services.calendar }));
  }

  protected async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<SummaryAction>> {
    const { submissionId } = options.validations as ReviewOptions;
    const value = summaryValue(context.activity);
    if (value) return value.submissionId === submissionId ? { succeeded: true, value: value.complaintAction } : { succeeded: false };
    const { t } = localize(context);
    const typed = context.activity.text ?? '';
    for (const action of SUMMARY_ACTIONS) {
      if (isOneOfKey(typed, t, `complaint:summary.${action}Words`, t(`complaint:summary.${action}`))) return { succeeded: true, value: action };
    }
    return { succeeded: false };
  }
}
