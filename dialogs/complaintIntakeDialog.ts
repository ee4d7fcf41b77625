import { randomUUID } from 'node:crypto';
import { Activity, ActionTypes, MessageFactory, TurnContext } from 'botbuilder';
import {
  Choice,
  ComponentDialog,
  DialogTurnResult,
  FoundChoice,
  ListStyle,
  Prompt,
  PromptOptions,
  PromptRecognizerResult,
  PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { markSensitive, recordDialog } from '../bot/interactionLog/turnInsights';
import { COMPLAINT_SERVICES, Complaint, ComplaintInput } from '../domain/complaints/complaint';
import { ComplaintError, DESCRIPTION_MAX_LENGTH } from '../domain/complaints/complaintService';
import { normalizeEmail, normalizePhone } from '../domain/complaints/contact';
import { parseIncidentDate } from '../domain/complaints/incidentDate';
import { contacts } from '../domain/contacts';
import { formatLongDate } from '../domain/format/dates';
import type { Lang, Translate } from '../domain/i18n';
import { normalizeUtterance } from '../domain/understanding/normalize';
import { CONFIRM_CANCEL_DIALOG } from './confirmCancelDialog';
import { buttonChoicePrompt } from './shared/buttonChoicePrompt';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import { ComplaintDraft, SUMMARY_ACTIONS, SummaryAction, SummaryActionValue, summaryActions, summaryActivity } from './shared/complaintSummary';
import type { DialogServices } from './shared/services';

export const COMPLAINT_INTAKE_DIALOG = 'complaintIntake';

/** Descriptions shorter than this are asked again: a complaint needs a few details to be handled. */
export const DESCRIPTION_MIN_LENGTH = 15;
const NAME_MAX_LENGTH = 200;
/** A second « Confirmer » typed this long after the confirmation still gets the same reference. */
const REPEAT_WINDOW_MS = 10 * 60_000;

const START = 'complaintIntake.start';
const COLLECT = 'complaintIntake.collect';
const REVIEW = 'complaintIntake.review';
const MODIFY = 'complaintIntake.modify';

const CONSENT_PROMPT = 'complaintIntake.consentPrompt';
const NAME_PROMPT = 'complaintIntake.namePrompt';
const METHOD_PROMPT = 'complaintIntake.methodPrompt';
const CONTACT_PROMPT = 'complaintIntake.contactPrompt';
const SERVICE_PROMPT = 'complaintIntake.servicePrompt';
const WHEN_PROMPT = 'complaintIntake.whenPrompt';
const DESCRIPTION_PROMPT = 'complaintIntake.descriptionPrompt';
const OUTCOME_PROMPT = 'complaintIntake.outcomePrompt';
const FIELD_PROMPT = 'complaintIntake.fieldPrompt';
const SUMMARY_PROMPT = 'complaintIntake.summaryPrompt';

/** The questions, in the order they are asked; « Modifier » asks one of them again. */
const FIELDS = ['name', 'contact', 'service', 'when', 'description', 'outcome'] as const;
type Field = (typeof FIELDS)[number];
const fieldDialogId = (field: Field): string => `complaintIntake.field.${field}`;

interface CollectOptions {
  draft: ComplaintDraft;
  index: number;
}

/** What the summary loop carries: the draft and the id that makes a repeated « Confirmer » idempotent. */
interface ReviewOptions {
  draft: ComplaintDraft;
  submissionId: string;
}

/**
 * « Déposer une plainte »: a collection notice and consent, then name, contact (e-mail or phone),
 * service, date (optional, French natural dates), description and outcome wished (optional); a summary
 * card with Confirmer / Modifier / Annuler; on confirmation, the complaint with its reference and both
 * deadlines. The draft lives in the dialog state (SQLite), so a restart of the server loses nothing.
 * Every step that receives personal information marks the turn sensitive for the interaction log.
 */
export class ComplaintIntakeDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(COMPLAINT_INTAKE_DIALOG);

    this.addDialog(new WaterfallDialog(START, [this.noticeStep.bind(this), this.consentStep.bind(this)]));
    this.addDialog(new WaterfallDialog(COLLECT, [this.askFieldStep.bind(this), this.nextFieldStep.bind(this)]));
    this.addDialog(new WaterfallDialog(REVIEW, [this.summaryStep.bind(this), this.decisionStep.bind(this), this.backToSummaryStep.bind(this)]));
    this.addDialog(new WaterfallDialog(MODIFY, [this.whichFieldStep.bind(this), this.modifyFieldStep.bind(this), this.modifiedStep.bind(this)]));

    this.addDialog(new WaterfallDialog(fieldDialogId('name'), [askName, (step) => step.endDialog({ name: (step.result as string).trim() })]));
    this.addDialog(new WaterfallDialog(fieldDialogId('contact'), [askContactMethod, askContactValue, contactDone]));
    this.addDialog(
      new WaterfallDialog(fieldDialogId('service'), [
        askService,
        (step) => step.endDialog({ service: COMPLAINT_SERVICES[(step.result as FoundChoice).index] }),
      ]),
    );
    this.addDialog(new WaterfallDialog(fieldDialogId('when'), [(step) => this.askWhen(step), whenDone]));
    this.addDialog(
      new WaterfallDialog(fieldDialogId('description'), [askDescription, (step) => step.endDialog({ description: (step.result as string).trim() })]),
    );
    this.addDialog(new WaterfallDialog(fieldDialogId('outcome'), [askOutcome, outcomeDone]));

    this.addDialog(buttonChoicePrompt(CONSENT_PROMPT));
    this.addDialog(buttonChoicePrompt(METHOD_PROMPT));
    this.addDialog(buttonChoicePrompt(SERVICE_PROMPT));
    this.addDialog(buttonChoicePrompt(FIELD_PROMPT));
    this.addDialog(new TextPrompt(NAME_PROMPT, validateName));
    this.addDialog(new TextPrompt(CONTACT_PROMPT, validateContact));
    this.addDialog(new TextPrompt(WHEN_PROMPT, (prompt) => this.validateWhen(prompt)));
    this.addDialog(new TextPrompt(DESCRIPTION_PROMPT, validateDescription));
    this.addDialog(new TextPrompt(OUTCOME_PROMPT, validateOutcome));
    this.addDialog(new SummaryPrompt(SUMMARY_PROMPT, this.services));

    this.initialDialogId = START;
  }

  /**
   * A message that repeats the confirmation of the complaint this conversation just sent: a second
   * click on the card's « Confirmer » (same submission id), or « Confirmer » typed again shortly after.
   * The main dialog lets this dialog answer it with the same reference instead of « je n'ai pas compris ».
   */
  async claimsRepeatedConfirmation(context: TurnContext): Promise<boolean> {
    return (await this.repeatedAction(context)) !== undefined;
  }

  private async repeatedAction(context: TurnContext): Promise<{ action: SummaryAction; reference: string } | undefined> {
    if (context.activity.type !== 'message') return undefined;
    const data = await this.services.conversationData.get(context, {});
    const last = data.lastComplaint;
    if (!last) return undefined;
    const value = summaryValue(context.activity);
    if (value) return value.submissionId === last.submissionId ? { action: value.complaintAction, reference: last.reference } : undefined;
    const { t } = localize(context);
    const typed = normalizeUtterance(context.activity.text ?? '');
    const recent = this.services.clock.now().getTime() - new Date(last.confirmedAt).getTime() <= REPEAT_WINDOW_MS;
    return recent && typed === normalizeUtterance(t('complaint:summary.confirm')) ? { action: 'confirm', reference: last.reference } : undefined;
  }

  // ── Notice and consent ────────────────────────────────────────────────────────────────────────

  private async noticeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, COMPLAINT_INTAKE_DIALOG);
    const repeated = await this.repeatedAction(context);
    if (repeated) {
      await this.answerRepeated(context, repeated);
      return step.endDialog();
    }
    const { t } = localize(context);
    const { policyUrl, complaintRetentionDays: days } = this.services.privacy;
    const retention = days % 365 === 0 ? t('complaint:intake.retentionYears', { count: days / 365 }) : t('complaint:intake.retentionDays', { count: days });
    await context.sendActivity(`${t('complaint:intake.intro')}\n\n${t('complaint:intake.notice', { retention, privacyUrl: policyUrl })}`);
    return step.prompt(CONSENT_PROMPT, {
      style: choiceStyle(step.context),
      prompt: t('complaint:intake.consent'),
      retryPrompt: `${t('common:choice.retry')} ${t('complaint:intake.consent')}`,
      choices: choices(
        [t('complaint:intake.consentYes'), t('complaint:intake.consentNo')],
        [
          ['oui', 'o', 'j accepte', 'accepte', 'd accord', 'ok', 'yes', 'y', 'i agree'],
          ['non', 'n', 'no', 'refuse', 'je refuse'],
        ],
      ),
    });
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, COMPLAINT_INTAKE_DIALOG);
    if ((step.result as FoundChoice).index !== 0) {
      const { t, lang } = localize(context);
      await context.sendActivity(withMenu(lang, t('complaint:intake.consentRefused', { email: contacts().complaints.email.display })));
      return step.endDialog();
    }
    return step.replaceDialog(COLLECT, { draft: {}, index: 0 } satisfies CollectOptions);
  }

  // ── The questions, one after the other ────────────────────────────────────────────────────────

  private async askFieldStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    recordDialog(step.context, COMPLAINT_INTAKE_DIALOG);
    const { index } = step.options as CollectOptions;
    return step.beginDialog(fieldDialogId(FIELDS[index]));
  }

  private async nextFieldStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { draft, index } = step.options as CollectOptions;
    const next: ComplaintDraft = { ...draft, ...(step.result as Partial<ComplaintDraft>) };
    if (index + 1 < FIELDS.length) return step.replaceDialog(COLLECT, { draft: next, index: index + 1 } satisfies CollectOptions);
    // The submission id is fixed when the summary is first shown: every « Confirmer » of this summary is the same submission.
    return step.replaceDialog(REVIEW, { draft: next, submissionId: randomUUID() } satisfies ReviewOptions);
  }

  private async askWhen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = localize(step.context);
    return step.prompt(WHEN_PROMPT, { prompt: withSkip(t, t('complaint:intake.askWhen')), retryPrompt: withSkip(t, t('complaint:intake.invalidWhen')) });
  }

  private async validateWhen(prompt: PromptValidatorContext<string>): Promise<boolean> {
    markSensitive(prompt.context);
    const { t, lang } = localize(prompt.context);
    const text = prompt.recognized.value ?? '';
    // The step after the prompt receives '' for « Passer cette question », or the date as YYYY-MM-DD.
    if (isSkip(text, t)) {
      prompt.recognized.value = '';
      return true;
    }
    const parsed = parseIncidentDate(text, this.services.clock.now(), lang, this.services.calendar.timeZone);
    if (parsed.ok) {
      prompt.recognized.value = parsed.date;
      return true;
    }
    prompt.options.retryPrompt = withSkip(t, t(parsed.reason === 'future' ? 'complaint:intake.futureWhen' : 'complaint:intake.invalidWhen'));
    return false;
  }

  // ── Summary, confirmation, changes ────────────────────────────────────────────────────────────

  private async summaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    recordDialog(step.context, COMPLAINT_INTAKE_DIALOG);
    // SummaryPrompt builds the card from the options, so that a reprompt (« Non, continuer », « aide ») shows it again.
    return step.prompt(SUMMARY_PROMPT, { validations: step.options as ReviewOptions } satisfies PromptOptions);
  }

  private async decisionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, COMPLAINT_INTAKE_DIALOG);
    const options = step.options as ReviewOptions;
    const action = step.result as SummaryAction;
    if (action === 'modify') return step.beginDialog(MODIFY, options);
    // The card's « Annuler » button asks first, like the word « annuler » (handled by the main dialog).
    if (action === 'cancel') return step.beginDialog(CONFIRM_CANCEL_DIALOG);
    return this.confirm(step, options);
  }

  private async backToSummaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as ReviewOptions;
    const modified = step.result as ReviewOptions | undefined;
    return step.replaceDialog(REVIEW, { draft: modified?.draft ?? options.draft, submissionId: options.submissionId } satisfies ReviewOptions);
  }

  private async confirm(step: WaterfallStepContext, options: ReviewOptions): Promise<DialogTurnResult> {
    const { context } = step;
    const { t } = localize(context);
    const { draft, submissionId } = options;
    const input: ComplaintInput = {
      name: draft.name ?? '',
      contactMethod: draft.contactMethod ?? 'email',
      contactValue: draft.contactValue ?? '',
      service: draft.service ?? 'other',
      incidentDate: draft.incidentDate ?? undefined,
      description: draft.description ?? '',
      desiredOutcome: draft.desiredOutcome ?? undefined,
    };
    let complaint: Complaint;
    try {
      ({ complaint } = await this.services.complaints.create(input, {
        submissionId,
        channelId: context.activity.channelId,
        conversationId: context.activity.conversation?.id,
        locale: context.activity.locale,
      }));
    } catch (err) {
      if (!(err instanceof ComplaintError)) throw err;
      await context.sendActivity(t('complaint:confirmation.failed', { email: contacts().complaints.email.display }));
      return step.replaceDialog(REVIEW, options);
    }
    const data = await this.services.conversationData.get(context, {});
    data.lastComplaint = { submissionId, reference: complaint.reference, confirmedAt: this.services.clock.now().toISOString() };
    await this.sendConfirmation(context, complaint);
    return step.endDialog({ reference: complaint.reference });
  }

  private async sendConfirmation(context: TurnContext, complaint: Complaint): Promise<void> {
    const { t, lang } = localize(context);
    await context.sendActivity(withMenu(lang, confirmationText(complaint, t, lang, this.services.calendar.timeZone)));
  }

  private async answerRepeated(context: TurnContext, repeated: { action: SummaryAction; reference: string }): Promise<void> {
    const { t, lang } = localize(context);
    const complaint = await this.services.complaints.get(repeated.reference);
    if (repeated.action === 'confirm' && complaint) return this.sendConfirmation(context, complaint);
    await context.sendActivity(
      withMenu(lang, t('complaint:confirmation.alreadySent', { reference: repeated.reference, email: contacts().complaints.email.display })),
    );
  }

  private async whichFieldStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    recordDialog(step.context, COMPLAINT_INTAKE_DIALOG);
    const { t } = localize(step.context);
    const labels = [...FIELDS.map((f) => t(`complaint:modify.${f}`)), t('complaint:modify.back')];
    return step.prompt(FIELD_PROMPT, {
      style: choiceStyle(step.context),
      prompt: t('complaint:modify.which'),
      retryPrompt: `${t('common:choice.retry')} ${t('complaint:modify.which')}`,
      choices: choices(labels, [
        ['nom', 'name'],
        ['courriel', 'telephone', 'coordonnees', 'contact', 'e-mail', 'phone'],
        ['service'],
        ['date', 'quand', 'when'],
        [],
        ['resultat', 'outcome'],
        ['rien', 'retour', 'resume', 'back', 'nothing'],
      ]),
    });
  }

  private async modifyFieldStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const field = FIELDS[(step.result as FoundChoice).index];
    if (!field) return step.endDialog(step.options as ReviewOptions);
    return step.beginDialog(fieldDialogId(field));
  }

  private async modifiedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = step.options as ReviewOptions;
    return step.endDialog({ ...options, draft: { ...options.draft, ...(step.result as Partial<ComplaintDraft>) } } satisfies ReviewOptions);
  }
}

/** « Merci. Votre plainte est enregistrée sous le numéro PL-2026-000123 » + both deadlines + the recourse. */
export function confirmationText(complaint: Complaint, t: Translate, lang: Lang, timeZone: string): string {
  const pdc = contacts().protecteurDuCitoyen;
  return [
    t('complaint:confirmation.reference', { reference: complaint.reference }),
    t('complaint:confirmation.deadlines', {
      firstContact: formatLongDate(complaint.firstContactDueAt, lang, timeZone),
      answer: formatLongDate(complaint.answerDueAt, lang, timeZone),
    }),
    t('complaint:confirmation.recourse', { phone: pdc.phone.display, web: pdc.web.display }),
  ].join('\n\n');
}

// ── Field steps (no state of their own beyond the prompt) ────────────────────────────────────────

async function askName(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t } = localize(step.context);
  return step.prompt(NAME_PROMPT, { prompt: t('complaint:intake.askName'), retryPrompt: t('complaint:intake.invalidName') });
}

async function validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
  markSensitive(prompt.context);
  const name = (prompt.recognized.value ?? '').trim();
  return name.length <= NAME_MAX_LENGTH && (name.match(/\p{L}/gu)?.length ?? 0) >= 2;
}

async function askContactMethod(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t } = localize(step.context);
  return step.prompt(METHOD_PROMPT, {
    style: choiceStyle(step.context),
    prompt: t('complaint:intake.askContactMethod'),
    retryPrompt: `${t('common:choice.retry')} ${t('complaint:intake.askContactMethod')}`,
    choices: choices(
      [t('complaint:contactMethods.email'), t('complaint:contactMethods.phone')],
      [
        ['courriel', 'email', 'e-mail', 'mail', 'adresse courriel', 'par courriel'],
        ['telephone', 'tel', 'phone', 'cellulaire', 'cell', 'par telephone', 'appel'],
      ],
    ),
  });
}

async function askContactValue(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t } = localize(step.context);
  const method = (step.result as FoundChoice).index === 0 ? 'email' : 'phone';
  return step.prompt(CONTACT_PROMPT, {
    prompt: t(method === 'email' ? 'complaint:intake.askEmail' : 'complaint:intake.askPhone'),
    retryPrompt: t(method === 'email' ? 'complaint:intake.invalidEmail' : 'complaint:intake.invalidPhone'),
  });
}

/** An e-mail address or a Québec phone number; either is accepted whatever was chosen, and the method follows. */
async function validateContact(prompt: PromptValidatorContext<string>): Promise<boolean> {
  markSensitive(prompt.context);
  const value = prompt.recognized.value ?? '';
  return Boolean(normalizeEmail(value) ?? normalizePhone(value));
}

async function contactDone(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const value = (step.result as string).trim();
  return step.endDialog({ contactMethod: normalizeEmail(value) ? 'email' : 'phone', contactValue: value } satisfies Partial<ComplaintDraft>);
}

async function askService(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t } = localize(step.context);
  return step.prompt(SERVICE_PROMPT, {
    style: choiceStyle(step.context),
    prompt: t('complaint:intake.askService'),
    retryPrompt: `${t('common:choice.retry')} ${t('complaint:intake.askService')}`,
    choices: choices(COMPLAINT_SERVICES.map((key) => t(`complaint:services.${key}`))),
  });
}

async function whenDone(step: WaterfallStepContext): Promise<DialogTurnResult> {
  return step.endDialog({ incidentDate: (step.result as string) || null } satisfies Partial<ComplaintDraft>);
}

async function askDescription(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t } = localize(step.context);
  return step.prompt(DESCRIPTION_PROMPT, {
    prompt: t('complaint:intake.askDescription', { max: formatCount(DESCRIPTION_MAX_LENGTH, step.context) }),
    retryPrompt: t('complaint:intake.descriptionTooShort', { min: DESCRIPTION_MIN_LENGTH }),
  });
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

async function askOutcome(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t } = localize(step.context);
  return step.prompt(OUTCOME_PROMPT, { prompt: withSkip(t, t('complaint:intake.askOutcome')) });
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

async function outcomeDone(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t } = localize(step.context);
  const text = (step.result as string).trim();
  return step.endDialog({ desiredOutcome: isSkip(text, t) ? null : text } satisfies Partial<ComplaintDraft>);
}

// ── Helpers ──────────────────────────────────────────────────────────────────────────────────────

/** Buttons where the chat shows suggested actions; elsewhere botbuilder picks (a numbered list on SMS, a card on Teams). */
function choiceStyle(context: TurnContext): ListStyle {
  return SUGGESTED_ACTION_CHANNELS.has(context.activity.channelId) ? ListStyle.suggestedAction : ListStyle.auto;
}
const SUGGESTED_ACTION_CHANNELS = new Set(['webchat', 'directline', 'directlinespeech', 'emulator', 'test']);

/**
 * Choices shown by their label, recognized by the label, a synonym (matched without accents) or the
 * digit of their position, which channels without buttons print in front of them (« (2) Téléphone »).
 */
function choices(labels: string[], synonyms: string[][] = []): Choice[] {
  return labels.map((label, i) => ({
    value: label,
    action: { type: ActionTypes.ImBack, title: label, value: label },
    synonyms: [normalizeUtterance(label), String(i + 1), ...(synonyms[i] ?? [])],
  }));
}

function withSkip(t: Translate, text: string): Partial<Activity> {
  const skip = t('complaint:intake.skip');
  return MessageFactory.suggestedActions([{ type: ActionTypes.ImBack, title: skip, value: skip }], text);
}

function isSkip(text: string, t: Translate): boolean {
  const normalized = normalizeUtterance(text);
  const words = [t('complaint:intake.skip'), ...(t('complaint:intake.skipWords', { returnObjects: true }) as string[])];
  return words.some((w) => normalizeUtterance(w) === normalized);
}

/** « 4 000 » in French, “4,000” in English. */
function formatCount(n: number, context: TurnContext): string {
  const { lang } = localize(context);
  return lang === 'en' ? n.toLocaleString('en-CA') : n.toLocaleString('fr-CA').replace(/[\u202f\u00a0]/g, ' ');
}

function summaryValue(activity: Partial<Activity>): SummaryActionValue | undefined {
  const value = activity.value as Partial<SummaryActionValue> | undefined;
  if (!value || typeof value !== 'object' || typeof value.submissionId !== 'string') return undefined;
  return SUMMARY_ACTIONS.includes(value.complaintAction as SummaryAction) ? (value as SummaryActionValue) : undefined;
}

/**
 * The summary as a prompt: shown as an Adaptive Card (or plain text), answered by a card button
 * (recognized only with this summary's submission id, so an old card cannot confirm a new draft) or by
 * typing Confirmer / Modifier / Annuler. Showing it repeats personal information: the turn is marked.
 */
class SummaryPrompt extends Prompt<SummaryAction> {
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
    const typed = normalizeUtterance(context.activity.text ?? '');
    for (const action of SUMMARY_ACTIONS) {
      const words = [t(`complaint:summary.${action}`), ...(t(`complaint:summary.${action}Words`, { returnObjects: true }) as string[])];
      if (words.some((w) => normalizeUtterance(w) === typed)) return { succeeded: true, value: action };
    }
    return { succeeded: false };
  }
}
