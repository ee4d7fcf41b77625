import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, FoundChoice, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Callback, CallbackError } from '../domain/callbacks/callback';
import { queueCallbackAcknowledgement } from '../domain/callbacks/callbackMail';
import { slotSentence } from '../domain/callbacks/slotText';
import { formatPhone } from '../domain/complaints/contact';
import { asksForCallback } from './callback/callbackOffer';
import { CALLBACK_FIELDS, CallbackDraft, CallbackField, CallbackRequestOptions } from './callback/callbackDraft';
import { callbackFieldDialogs } from './callback/callbackFields';
import { callbackSummaryText, CallbackSummaryAction, originOf, SUMMARY_ACTIONS, summaryChoices } from './callback/callbackSummary';
import { choiceStyle } from './complaint/formHelpers';
import { CONFIRM_CANCEL_DIALOG } from './confirmCancelDialog';
import { buttonChoicePrompt, buttonChoices } from './shared/choices';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import type { DialogRoute } from './shared/routing';
import type { DialogServices } from './shared/services';
import { markSensitive, recordDialog } from './shared/turnInsights';
import { consentChoices, plainConsent } from './shared/consent';

export type { CallbackRequestOptions } from './callback/callbackDraft';

/** The callback form; the live-help dialog starts it (with a CallbackRequestOptions reason) when nobody can take the chat. */
export const CALLBACK_REQUEST_DIALOG = 'callbackRequest';

const START = 'callbackRequest.start';
const COLLECT = 'callbackRequest.collect';
const REVIEW = 'callbackRequest.review';
const MODIFY = 'callbackRequest.modify';
const CONSENT_PROMPT = 'callbackRequest.consentPrompt';
const SUMMARY_PROMPT = 'callbackRequest.summaryPrompt';
const FIELD_PROMPT = 'callbackRequest.fieldPrompt';
const fieldDialogId = (field: CallbackField) => `callbackRequest.field.${field}`;

interface CollectOptions {
  draft: CallbackDraft;
  index: number;
}
interface ReviewOptions {
  draft: CallbackDraft;
  /** Fixed when the summary is first shown: every « Confirmer » of it is the same request. */
  submissionId: string;
  /** Asks this field again without asking which (a slot no longer available at confirmation). */
  field?: CallbackField;
}

/**
 * « Demander un rappel »: the collection notice and consent, then an optional name, the phone number,
 * a slot within the opening hours (buttons or free text), the subject in a sentence, an optional e-mail
 * for the acknowledgement; a summary to confirm or correct; the reference and what happens next. The
 * draft lives in the dialog state (stored in the database), so a restart loses nothing; the request is
 * stored once per summary (submission id).
 */
export class CallbackRequestDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(CALLBACK_REQUEST_DIALOG);
    this.addDialog(new WaterfallDialog<CallbackRequestOptions>(START, [this.noticeStep.bind(this), this.consentStep.bind(this)]));
    this.addDialog(new WaterfallDialog<CollectOptions>(COLLECT, [this.askFieldStep.bind(this), this.nextFieldStep.bind(this)]));
    this.addDialog(new WaterfallDialog<ReviewOptions>(REVIEW, [this.summaryStep.bind(this), this.decisionStep.bind(this), this.backToSummaryStep.bind(this)]));
    this.addDialog(new WaterfallDialog<ReviewOptions>(MODIFY, [this.whichFieldStep.bind(this), this.modifyFieldStep.bind(this), this.modifiedStep.bind(this)]));
    for (const dialog of callbackFieldDialogs(fieldDialogId, services)) this.addDialog(dialog);
    this.addDialog(buttonChoicePrompt(CONSENT_PROMPT, plainConsent));
    this.addDialog(buttonChoicePrompt(SUMMARY_PROMPT));
    this.addDialog(buttonChoicePrompt(FIELD_PROMPT));
    this.initialDialogId = START;
  }

  private async noticeStep(step: WaterfallStepContext<CallbackRequestOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, CALLBACK_REQUEST_DIALOG);
    const { t } = localize(context);
    const { policyUrl, callbackRetentionDays } = this.services.privacy;
    const retention = t('callback:intake.retention', { count: callbackRetentionDays ?? 90 });
    // Started by the live help when nobody can take the chat: why a callback is offered, first.
    const reason = step.options.reason && step.options.reason !== 'asked' ? `${t(`callback:intake.reasons.${step.options.reason}`)} ` : '';
    await context.sendActivity(`${reason}${t('callback:intake.intro')}\n\n${t('callback:intake.notice', { retention, privacyUrl: policyUrl })}`);
    return step.prompt(CONSENT_PROMPT, {
      style: choiceStyle(context),
      prompt: t('callback:intake.consent'),
      retryPrompt: `${t('common:choice.retry')} ${t('callback:intake.consent')}`,
      choices: consentChoices(t('callback:intake.consentYes'), t('callback:intake.consentNo')),
    });
  }

  private async consentStep(step: WaterfallStepContext<CallbackRequestOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, CALLBACK_REQUEST_DIALOG);
    if ((step.result as FoundChoice).index !== 0) {
      const { t, lang } = localize(context);
      const c = this.services.contacts.caDotation;
      await context.sendActivity(withMenu(lang, t('callback:intake.consentRefused', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display })));
      return step.endDialog();
    }
    return step.replaceDialog(COLLECT, { draft: {}, index: 0 } satisfies CollectOptions);
  }

  private async askFieldStep(step: WaterfallStepContext<CollectOptions>): Promise<DialogTurnResult> {
    recordDialog(step.context, CALLBACK_REQUEST_DIALOG);
    return step.beginDialog(fieldDialogId(CALLBACK_FIELDS[step.options.index]));
  }

  private async nextFieldStep(step: WaterfallStepContext<CollectOptions>): Promise<DialogTurnResult> {
    const { draft, index } = step.options;
    const answer = step.result as Partial<CallbackDraft>;
    // No slot can be offered (the Centre closed for weeks): the form ends, the phone numbers were given.
    if (CALLBACK_FIELDS[index] === 'slot' && !answer.slot) return step.endDialog();
    const next: CallbackDraft = { ...draft, ...answer };
    if (index + 1 < CALLBACK_FIELDS.length) return step.replaceDialog(COLLECT, { draft: next, index: index + 1 } satisfies CollectOptions);
    return step.replaceDialog(REVIEW, { draft: next, submissionId: randomUUID() } satisfies ReviewOptions);
  }

  private async summaryStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, CALLBACK_REQUEST_DIALOG);
    const { t, lang } = localize(context);
    markSensitive(context, { outbound: true });
    return step.prompt(SUMMARY_PROMPT, {
      style: choiceStyle(context),
      prompt: callbackSummaryText(step.options.draft, t, lang, this.services),
      retryPrompt: t('callback:summary.retry'),
      choices: summaryChoices(t),
    });
  }

  private async decisionStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    recordDialog(step.context, CALLBACK_REQUEST_DIALOG);
    const action: CallbackSummaryAction = SUMMARY_ACTIONS[(step.result as FoundChoice).index];
    if (action === 'modify') return step.beginDialog(MODIFY, step.options);
    if (action === 'cancel') return step.beginDialog(CONFIRM_CANCEL_DIALOG);
    return this.confirm(step);
  }

  private async backToSummaryStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const modified = step.result as ReviewOptions | undefined;
    return step.replaceDialog(REVIEW, { draft: modified?.draft ?? step.options.draft, submissionId: step.options.submissionId } satisfies ReviewOptions);
  }

  private async confirm(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { t, lang } = localize(context);
    const { draft, submissionId } = step.options;
    const c = this.services.contacts.caDotation;
    const mail = this.services.citizenMail;
    const retentionDays = this.services.privacy.callbackRetentionDays ?? 90;
    let callback: Callback;
    try {
      ({ callback } = await this.services.callbacks.create(
        { name: draft.name ?? undefined, phone: draft.phone ?? '', email: draft.email ?? undefined, subject: draft.subject ?? '', slot: draft.slot! },
        { submissionId, ...originOf(context) },
        // The acknowledgement is queued with the request, in one transaction: a crash right after cannot lose it.
        { alsoInTransaction: mail && (async (trx, stored) => void (await queueCallbackAcknowledgement(trx, stored, mail, retentionDays, this.services.clock.now()))) },
      ));
    } catch (err) {
      if (!(err instanceof CallbackError)) throw err;
      if (err.code === 'slotUnavailable') {
        await context.sendActivity(t('callback:confirmation.slotGone'));
        return step.beginDialog(MODIFY, { ...step.options, field: 'slot' } satisfies ReviewOptions);
      }
      await context.sendActivity(t('callback:confirmation.failed', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display }));
      return step.replaceDialog(REVIEW, step.options);
    }
    mail?.kick();
    const lines = [
      t('callback:confirmation.reference', { reference: callback.reference }),
      t('callback:confirmation.slot', { phone: formatPhone(callback.phone), slot: slotSentence(callback.slot, t, lang, this.services.calendar.timeZone) }),
      t('callback:confirmation.next', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display }),
      callback.email ? t(mail ? 'callback:confirmation.mailQueued' : 'callback:confirmation.mailOff') : undefined,
    ].filter(Boolean);
    await context.sendActivity(withMenu(lang, lines.join('\n\n')));
    return step.endDialog({ reference: callback.reference });
  }

  private async whichFieldStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    recordDialog(step.context, CALLBACK_REQUEST_DIALOG);
    if (step.options.field) return step.next({ index: CALLBACK_FIELDS.indexOf(step.options.field) } as FoundChoice);
    const { t } = localize(step.context);
    const labels = [...CALLBACK_FIELDS.map((f) => t(`callback:modify.${f}`)), t('callback:modify.back')];
    return step.prompt(FIELD_PROMPT, {
      style: choiceStyle(step.context),
      prompt: t('callback:modify.which'),
      retryPrompt: `${t('common:choice.retry')} ${t('callback:modify.which')}`,
      choices: buttonChoices(labels, [
        ['nom', 'prenom', 'name'],
        ['telephone', 'numero', 'phone'],
        ['plage', 'moment', 'heure', 'date', 'slot', 'time'],
        ['sujet', 'subject'],
        ['courriel', 'adresse courriel', 'email', 'e-mail'],
        ['retour', 'resume', 'back'],
      ]),
    });
  }

  private async modifyFieldStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const field = CALLBACK_FIELDS[(step.result as FoundChoice).index];
    if (!field) return step.endDialog(step.options);
    return step.beginDialog(fieldDialogId(field));
  }

  private async modifiedStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const answer = (step.result ?? {}) as Partial<CallbackDraft>;
    const draft = { ...step.options.draft, ...answer };
    if ('slot' in answer && !answer.slot) delete draft.slot;
    return step.endDialog({ ...step.options, draft, field: undefined } satisfies ReviewOptions);
  }
}

/** Started by « Demander un rappel » (the handoff answer's button) or a message asking to be called back. */
export function callbackRoute(services: DialogServices): DialogRoute {
  return {
    dialog: new CallbackRequestDialog(services),
    handles: () => false,
    isForm: true,
    claims: (context: TurnContext, text: string) => context.activity.type === 'message' && asksForCallback(text),
  };
}
