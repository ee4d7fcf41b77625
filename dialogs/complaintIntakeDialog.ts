import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, FoundChoice, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { markSensitive, recordDialog } from './shared/turnInsights';
import { Complaint, ComplaintInput } from '../domain/complaints/complaint';
import { ComplaintError, DESCRIPTION_MAX_LENGTH } from '../domain/complaints/complaintService';
import type { Contacts } from '../domain/contacts';
import { formatLongDate } from '../domain/format/dates';
import type { Lang, Translate } from '../domain/i18n';
import { contactFieldDialogs, nameFieldDialogs } from './complaint/contactFields';
import { descriptionFieldDialogs } from './complaint/descriptionField';
import { readFirstMessage } from '../domain/complaints/firstMessage';
import { choiceStyle, FieldOptions } from './complaint/formHelpers';
import { outcomeFieldDialogs } from './complaint/outcomeField';
import { serviceFieldDialogs } from './complaint/serviceField';
import { acknowledgementNotice } from './complaint/acknowledgement';
import { ReviewOptions, SummaryPrompt, summaryValue } from './complaint/summaryPrompt';
import { describePeriod, whenFieldDialogs } from './complaint/whenField';
import { CONFIRM_CANCEL_DIALOG } from './confirmCancelDialog';
import type { RoutedDialogOptions } from './shared/routing';
import { isOneOf } from '../domain/text/choices';
import { buttonChoicePrompt, buttonChoices } from './shared/choices';
import { ComplaintDraft, SummaryAction } from './shared/complaintSummary';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import type { DialogServices } from './shared/services';
import { consentChoices, plainConsent } from './shared/consent';

export { DESCRIPTION_MIN_LENGTH } from './complaint/descriptionField';

export const COMPLAINT_INTAKE_DIALOG = 'complaintIntake';

/** A second « Confirmer » typed this long after the confirmation still gets the same reference. */
const REPEAT_WINDOW_MS = 10 * 60_000;

const START = 'complaintIntake.start';
const COLLECT = 'complaintIntake.collect';
const REVIEW = 'complaintIntake.review';
const MODIFY = 'complaintIntake.modify';

const CONSENT_PROMPT = 'complaintIntake.consentPrompt';
const FIELD_PROMPT = 'complaintIntake.fieldPrompt';
const SUMMARY_PROMPT = 'complaintIntake.summaryPrompt';

/** The questions, in the order they are asked; « Modifier » asks one of them again. */
const FIELDS = ['name', 'contact', 'service', 'when', 'description', 'outcome'] as const;
type Field = (typeof FIELDS)[number];
const fieldDialogId = (field: Field): string => `complaintIntake.field.${field}`;

interface CollectOptions extends FieldOptions {
  draft: ComplaintDraft;
  index: number;
}

/**
 * « Déposer une plainte »: a collection notice and consent, then name, contact (e-mail or phone),
 * service, date (optional, French natural dates), description and outcome wished (optional); a summary
 * card with Confirmer / Modifier / Annuler; on confirmation, the complaint with its reference and both
 * deadlines. The draft lives in the dialog state (SQLite), so a restart of the server loses nothing.
 * Every step that receives personal information marks the turn sensitive for the interaction log.
 *
 * The form listens to the message that opened it: an upset message or one that tells the story gets
 * one empathetic sentence first, and a story is offered back as the description. Each question is its
 * own small dialog in dialogs/complaint/ (name and contact, service, date, description, outcome, summary).
 */
export class ComplaintIntakeDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(COMPLAINT_INTAKE_DIALOG);

    this.addDialog(new WaterfallDialog<Partial<RoutedDialogOptions>>(START, [this.noticeStep.bind(this), this.consentStep.bind(this)]));
    this.addDialog(new WaterfallDialog<CollectOptions>(COLLECT, [this.askFieldStep.bind(this), this.nextFieldStep.bind(this)]));
    this.addDialog(new WaterfallDialog<ReviewOptions>(REVIEW, [this.summaryStep.bind(this), this.decisionStep.bind(this), this.backToSummaryStep.bind(this)]));
    this.addDialog(new WaterfallDialog<ReviewOptions>(MODIFY, [this.whichFieldStep.bind(this), this.modifyFieldStep.bind(this), this.modifiedStep.bind(this)]));

    const fields = [
      ...nameFieldDialogs(fieldDialogId('name')),
      ...contactFieldDialogs(fieldDialogId('contact')),
      ...serviceFieldDialogs(fieldDialogId('service')),
      ...whenFieldDialogs(fieldDialogId('when'), services),
      ...descriptionFieldDialogs(fieldDialogId('description')),
      ...outcomeFieldDialogs(fieldDialogId('outcome')),
    ];
    for (const dialog of fields) this.addDialog(dialog);

    this.addDialog(buttonChoicePrompt(CONSENT_PROMPT, plainConsent));
    this.addDialog(buttonChoicePrompt(FIELD_PROMPT));
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
    const recent = this.services.clock.now().getTime() - new Date(last.confirmedAt).getTime() <= REPEAT_WINDOW_MS;
    return recent && isOneOf(context.activity.text ?? '', [t('complaint:summary.confirm')]) ? { action: 'confirm', reference: last.reference } : undefined;
  }

  // ── Notice and consent ────────────────────────────────────────────────────────────────────────

  private async noticeStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, COMPLAINT_INTAKE_DIALOG);
    const repeated = await this.repeatedAction(context);
    if (repeated) {
      await this.answerRepeated(context, repeated);
      return step.endDialog();
    }
    const { t } = localize(context);
    const first = readFirstMessage(step.options.utterance);
    // The story becomes the draft description: the message is personal information.
    if (first.story) markSensitive(context);
    const { policyUrl, complaintRetentionDays: days } = this.services.privacy;
    const retention = days % 365 === 0 ? t('complaint:intake.retentionYears', { count: days / 365 }) : t('complaint:intake.retentionDays', { count: days });
    const intro = first.upset || first.story ? `${t('complaint:intake.empathy')} ${t('complaint:intake.intro')}` : t('complaint:intake.intro');
    await context.sendActivity(`${intro}\n\n${t('complaint:intake.notice', { retention, privacyUrl: policyUrl })}`);
    return step.prompt(CONSENT_PROMPT, {
      style: choiceStyle(step.context),
      prompt: t('complaint:intake.consent'),
      // A person who goes on telling the story learns why the form waits for a choice, not « Je n'ai pas compris ».
      retryPrompt: `${t('complaint:intake.consentRetry', { yes: t('complaint:intake.consentYes'), no: t('complaint:intake.consentNo') })} ${t('complaint:intake.consent')}`,
      choices: consentChoices(t('complaint:intake.consentYes'), t('complaint:intake.consentNo')),
    });
  }

  private async consentStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, COMPLAINT_INTAKE_DIALOG);
    if ((step.result as FoundChoice).index !== 0) {
      const { t, lang } = localize(context);
      await context.sendActivity(withMenu(lang, t('complaint:intake.consentRefused', { email: this.services.contacts.complaints.email.display })));
      return step.endDialog();
    }
    const { story } = readFirstMessage(step.options.utterance);
    return step.replaceDialog(COLLECT, { draft: {}, index: 0, story } satisfies CollectOptions);
  }

  // ── The questions, one after the other ────────────────────────────────────────────────────────

  private async askFieldStep(step: WaterfallStepContext<CollectOptions>): Promise<DialogTurnResult> {
    recordDialog(step.context, COMPLAINT_INTAKE_DIALOG);
    const { index, story } = step.options;
    return step.beginDialog(fieldDialogId(FIELDS[index]), { story } satisfies FieldOptions);
  }

  private async nextFieldStep(step: WaterfallStepContext<CollectOptions>): Promise<DialogTurnResult> {
    const { draft, index } = step.options;
    // A field may bring the story along (told at the date question): the description offers it back.
    const { story = step.options.story, ...fields } = (step.result ?? {}) as Partial<ComplaintDraft> & FieldOptions;
    const next: ComplaintDraft = { ...draft, ...fields };
    if (index + 1 < FIELDS.length) return step.replaceDialog(COLLECT, { draft: next, index: index + 1, story } satisfies CollectOptions);
    // The submission id is fixed when the summary is first shown: every « Confirmer » of this summary is the same submission.
    return step.replaceDialog(REVIEW, { draft: next, submissionId: randomUUID() } satisfies ReviewOptions);
  }

  // ── Summary, confirmation, changes ────────────────────────────────────────────────────────────

  private async summaryStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    recordDialog(step.context, COMPLAINT_INTAKE_DIALOG);
    // SummaryPrompt builds the card from the options, so that a reprompt (« Non, continuer », « aide ») shows it again.
    return step.prompt(SUMMARY_PROMPT, { validations: step.options });
  }

  private async decisionStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, COMPLAINT_INTAKE_DIALOG);
    const options = step.options;
    const action = step.result as SummaryAction;
    if (action === 'modify') return step.beginDialog(MODIFY, options);
    // The card's « Annuler » button asks first, like the word « annuler » (handled by the main dialog).
    if (action === 'cancel') return step.beginDialog(CONFIRM_CANCEL_DIALOG);
    return this.confirm(step, options);
  }

  private async backToSummaryStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    const modified = step.result as ReviewOptions | undefined;
    return step.replaceDialog(REVIEW, { draft: modified?.draft ?? options.draft, submissionId: options.submissionId } satisfies ReviewOptions);
  }

  private async confirm(step: WaterfallStepContext, options: ReviewOptions): Promise<DialogTurnResult> {
    const { context } = step;
    const { t, lang } = localize(context);
    const { draft, submissionId } = options;
    const input: ComplaintInput = {
      name: draft.name ?? '',
      contactMethod: draft.contactMethod ?? 'email',
      contactValue: draft.contactValue ?? '',
      service: draft.service ?? 'other',
      incidentDate: draft.incidentDate ?? undefined,
      description: this.descriptionWithPeriod(draft, t, lang),
      desiredOutcome: draft.desiredOutcome ?? undefined,
    };
    let complaint: Complaint;
    try {
      const mail = this.services.citizenMail;
      ({ complaint } = await this.services.complaints.create(
        input,
        { submissionId, channelId: context.activity.channelId, conversationId: context.activity.conversation?.id, locale: context.activity.locale },
        // The acknowledgement is queued with the complaint, in one transaction: a crash right after cannot lose it.
        { alsoInTransaction: mail && ((trx, stored) => mail.queueAcknowledgement(trx, stored)) },
      ));
    } catch (err) {
      if (!(err instanceof ComplaintError)) throw err;
      await context.sendActivity(t('complaint:confirmation.failed', { email: this.services.contacts.complaints.email.display }));
      return step.replaceDialog(REVIEW, options);
    }
    const data = await this.services.conversationData.get(context, {});
    data.lastComplaint = { submissionId, reference: complaint.reference, confirmedAt: this.services.clock.now().toISOString() };
    await this.sendConfirmation(context, complaint);
    return step.endDialog({ reference: complaint.reference });
  }

  /**
   * A kept period (« entre le 16 et le 22 novembre ») has no column of its own: the complaint stores no
   * date, and the period is added at the end of the description for the staff, unless that would exceed the limit.
   */
  private descriptionWithPeriod(draft: ComplaintDraft, t: Translate, lang: Lang): string {
    const description = draft.description ?? '';
    if (draft.incidentDate || !draft.incidentPeriod) return description;
    const note = t('complaint:intake.periodNote', { period: describePeriod(draft.incidentPeriod, t, lang, this.services.calendar) });
    const combined = `${description.trim()}\n\n${note}`;
    return combined.length <= DESCRIPTION_MAX_LENGTH ? combined : description;
  }

  private async sendConfirmation(context: TurnContext, complaint: Complaint): Promise<void> {
    const { t, lang } = localize(context);
    const acknowledgement = acknowledgementNotice(complaint, this.services);
    await context.sendActivity(withMenu(lang, `${confirmationText(complaint, t, lang, this.services.calendar.timeZone, this.services.contacts)}\n\n${t(acknowledgement)}`));
  }

  private async answerRepeated(context: TurnContext, repeated: { action: SummaryAction; reference: string }): Promise<void> {
    const { t, lang } = localize(context);
    const complaint = await this.services.complaints.get(repeated.reference);
    if (repeated.action === 'confirm' && complaint) return this.sendConfirmation(context, complaint);
    await context.sendActivity(
      withMenu(lang, t('complaint:confirmation.alreadySent', { reference: repeated.reference, email: this.services.contacts.complaints.email.display })),
    );
  }

  private async whichFieldStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    recordDialog(step.context, COMPLAINT_INTAKE_DIALOG);
    const { t } = localize(step.context);
    const labels = [...FIELDS.map((f) => t(`complaint:modify.${f}`)), t('complaint:modify.back')];
    return step.prompt(FIELD_PROMPT, {
      style: choiceStyle(step.context),
      prompt: t('complaint:modify.which'),
      retryPrompt: `${t('common:choice.retry')} ${t('complaint:modify.which')}`,
      choices: buttonChoices(labels, [
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

  private async modifyFieldStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const field = FIELDS[(step.result as FoundChoice).index];
    if (!field) return step.endDialog(step.options);
    return step.beginDialog(fieldDialogId(field));
  }

  private async modifiedStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    // A story told at the date, now that the description is written, is not kept apart in the draft.
    const { story: _told, ...fields } = (step.result ?? {}) as Partial<ComplaintDraft> & FieldOptions;
    return step.endDialog({ ...options, draft: { ...options.draft, ...fields } } satisfies ReviewOptions);
  }
}

/**
 * « Merci. Votre plainte est enregistrée sous le numéro PL-2026-000123 » + both deadlines + the recourse:
 * the ministry's own declaration first (write to the complaints address, quoting the number; 5 and 20
 * business days), then the Protecteur du citoyen as the SCT's declaration names it (as the status lookup does).
 */
export function confirmationText(complaint: Complaint, t: Translate, lang: Lang, timeZone: string, contacts: Contacts): string {
  const { complaints: complaintsDesk, protecteurDuCitoyen: pdc } = contacts;
  return [
    t('complaint:confirmation.reference', { reference: complaint.reference }),
    t('complaint:confirmation.deadlines', {
      firstContact: formatLongDate(complaint.firstContactDueAt, lang, timeZone),
      answer: formatLongDate(complaint.answerDueAt, lang, timeZone),
    }),
    t('complaint:confirmation.recourse', {
      email: complaintsDesk.email.display,
      reference: complaint.reference,
      firstContactDays: complaintsDesk.firstContactBusinessDays.days,
      answerDays: complaintsDesk.answerBusinessDays.days,
      phone: pdc.phone.display,
      web: pdc.web.display,
    }),
  ].join('\n\n');
}
