import type { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { markSensitive, recordDialog } from './shared/turnInsights';
import { COMPLAINT_REFERENCE_PREFIX, Complaint } from '../domain/complaints/complaint';
import { anyContactKey } from '../domain/complaints/contact';
import { clockStatus } from '../domain/complaints/deadlines';
import type { LookupSubjects } from '../domain/complaints/lookupThrottle';
import { formatLongDate, formatTimeOfDay } from '../domain/format/dates';
import { foldText } from '../domain/format/textFolding';
import { parseReference } from '../domain/references';
import type { RoutedDialogOptions } from './shared/routing';
import { complaintSurveyDue, SATISFACTION_DIALOG, SatisfactionDialog, SatisfactionOptions } from './satisfactionDialog';
import { clientAddressOf } from './shared/clientAddress';
import { localize } from './shared/localization';
import { withMenu } from './shared/menu';
import type { DialogServices } from './shared/services';

export const COMPLAINT_STATUS_DIALOG = 'complaintStatus';

const FLOW = 'complaintStatus.flow';

interface LookupValues {
  reference?: string;
}
const REFERENCE_PROMPT = 'complaintStatus.referencePrompt';
const CONTACT_PROMPT = 'complaintStatus.contactPrompt';

/**
 * « Où en est ma plainte? »: the reference (loose forms accepted) and the e-mail or phone given at
 * intake, then the status in words with its date. A wrong pair and an unknown reference get the same
 * answer, so nobody can learn which references exist. Failures are throttled per conversation, per
 * reference and per client address (services.complaintLookups, in the database), and every refusal
 * reads the same whichever limit was reached.
 */
export class ComplaintStatusDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(COMPLAINT_STATUS_DIALOG);
    this.addDialog(new WaterfallDialog<Partial<RoutedDialogOptions>>(FLOW, [this.referenceStep.bind(this), this.contactStep.bind(this), this.answerStep.bind(this)]));
    this.addDialog(new TextPrompt(REFERENCE_PROMPT, validateReference));
    this.addDialog(new TextPrompt(CONTACT_PROMPT, validateContact));
    this.addDialog(new SatisfactionDialog(services));
    this.initialDialogId = FLOW;
  }

  private async referenceStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, COMPLAINT_STATUS_DIALOG);
    const { t, lang } = localize(context);
    const lockedUntil = await this.services.complaintLookups.lockedUntil(lookupSubjects(context));
    if (lockedUntil) {
      await context.sendActivity(withMenu(lang, this.throttledText(context, lockedUntil)));
      return step.endDialog();
    }
    // « Où en est ma plainte PL-2026-000123? » already gives the reference.
    const given = findReference(step.options.utterance ?? '');
    if (given) return step.next(given);
    return step.prompt(REFERENCE_PROMPT, { prompt: t('complaint:lookup.askReference'), retryPrompt: t('complaint:lookup.invalidReference') });
  }

  private async contactStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    recordDialog(step.context, COMPLAINT_STATUS_DIALOG);
    const { t, lang } = localize(step.context);
    const reference = findReference(step.result as string);
    if (!reference) {
      // « Je sais pas mon numéro », or a second answer that is not one: where to find it, and whom to write to.
      await step.context.sendActivity(withMenu(lang, t('complaint:lookup.noReference', { email: this.services.contacts.complaints.email.display })));
      return step.endDialog();
    }
    (step.values as LookupValues).reference = reference;
    return step.prompt(CONTACT_PROMPT, { prompt: t('complaint:lookup.askContact'), retryPrompt: t('complaint:lookup.invalidContact') });
  }

  private async answerStep(step: WaterfallStepContext<Partial<RoutedDialogOptions>>): Promise<DialogTurnResult> {
    const { context } = step;
    recordDialog(context, COMPLAINT_STATUS_DIALOG);
    const { t, lang } = localize(context);
    const reference = (step.values as LookupValues).reference ?? '';
    const answer = step.result as string;
    const contactGiven = anyContactKey(answer) !== undefined;
    // Another reference instead of the contact (the first one was mistyped): looked up from the start.
    const other = findReference(answer);
    if (other && other !== reference && !contactGiven) return step.replaceDialog(FLOW, { utterance: other });
    if (!contactGiven) {
      await context.sendActivity(withMenu(lang, t('complaint:lookup.noContact', { email: this.services.contacts.complaints.email.display, reference })));
      return step.endDialog();
    }
    const result = await this.services.complaintLookups.guard(lookupSubjects(context), reference, async () =>
      this.services.complaints.findForCitizen(reference, answer),
    );
    if (result.outcome === 'found') {
      // A closed complaint that nobody rated yet: the one-question survey follows the status (it brings its own buttons).
      const reference = result.value.reference;
      const survey = result.value.status === 'closed' && (await complaintSurveyDue(this.services, context, reference));
      const text = this.statusText(context, result.value);
      await context.sendActivity(survey ? text : withMenu(lang, text));
      if (survey) return step.beginDialog(SATISFACTION_DIALOG, { kind: 'complaint', reference } satisfies SatisfactionOptions);
    } else if (result.outcome === 'throttled') {
      await context.sendActivity(withMenu(lang, this.throttledText(context, result.lockedUntil)));
    } else if (result.lockedUntil) {
      // Unknown reference or wrong contact: the same words either way.
      await context.sendActivity(withMenu(lang, `${t('complaint:lookup.notFound')}\n\n${this.throttledText(context, result.lockedUntil)}`));
    } else {
      await context.sendActivity(withMenu(lang, t('complaint:lookup.notFound')));
    }
    return step.endDialog();
  }

  private throttledText(context: TurnContext, until: Date): string {
    const { t, lang } = localize(context);
    const c = this.services.contacts;
    return t('complaint:lookup.throttled', {
      time: formatTimeOfDay(until, lang, this.services.calendar.timeZone),
      local: c.caDotation.phoneLocal.display,
      tollFree: c.caDotation.phoneTollFree.display,
      email: c.complaints.email.display,
    });
  }

  /** « Plainte PL-2026-000123 : prise en charge. » and the date that matters for that status. */
  private statusText(context: TurnContext, complaint: Complaint): string {
    const { t, lang } = localize(context);
    const { calendar, clock } = this.services;
    const date = (instant: Date) => formatLongDate(instant, lang, calendar.timeZone);
    const { complaints: complaintsDesk, protecteurDuCitoyen: pdc } = this.services.contacts;
    const email = complaintsDesk.email.display;
    // The ministry's own declaration first (write to the complaints address; 5 and 20 business days), then the Protecteur du citoyen as the SCT's declaration names it.
    const recourse = t('complaint:lookup.recourse', {
      email,
      firstContactDays: complaintsDesk.firstContactBusinessDays.days,
      answerDays: complaintsDesk.answerBusinessDays.days,
      phone: pdc.phone.display,
      web: pdc.web.display,
    });
    const overdue = (dueDate: string) => clockStatus({ dueDate, now: clock.now(), calendar, atRiskBusinessDays: 0 }).state === 'overdue';
    const lines = [t('complaint:lookup.statusLine', { reference: complaint.reference, status: t(`complaint:status.${complaint.status}`) })];
    switch (complaint.status) {
      case 'received':
        lines.push(
          t(overdue(complaint.firstContactDueDate) ? 'complaint:lookup.receivedOverdue' : 'complaint:lookup.received', {
            received: date(complaint.receivedAt),
            firstContactDue: date(complaint.firstContactDueAt),
            answerDue: date(complaint.answerDueAt),
            email,
          }),
        );
        break;
      case 'contacted':
        lines.push(
          t(overdue(complaint.answerDueDate) ? 'complaint:lookup.contactedOverdue' : 'complaint:lookup.contacted', {
            contacted: date(complaint.firstContactAt ?? complaint.updatedAt),
            answerDue: date(complaint.answerDueAt),
            email,
          }),
        );
        break;
      case 'answered':
        lines.push(t('complaint:lookup.answered', { answered: date(complaint.answeredAt ?? complaint.updatedAt) }), recourse);
        break;
      case 'closed':
        lines.push(t('complaint:lookup.closed', { closed: date(complaint.closedAt ?? complaint.updatedAt) }), recourse);
        break;
      case 'abandoned':
        lines.push(t('complaint:lookup.abandoned', { abandoned: date(complaint.abandonedAt ?? complaint.updatedAt), email }));
        break;
    }
    return lines.join('\n\n');
  }
}

/** The conversation, and the client's address when the bot layer knows it (bot/clientAddressMiddleware.ts). */
function lookupSubjects(context: TurnContext): LookupSubjects {
  const { channelId, conversation } = context.activity;
  return { conversation: `${channelId}/${conversation.id}`, address: clientAddressOf(context) };
}

/** A complaint reference anywhere in the text (« pl 2026 123 », « PL-2026-000123 »), or « 2026-000123 » alone. */
export function findReference(text: string): string | undefined {
  const prefixed = new RegExp(`(?<![\\p{L}\\p{N}])${COMPLAINT_REFERENCE_PREFIX}[\\s-]*\\d{4}[\\s-]*\\d{1,6}(?!\\p{N})`, 'iu').exec(text);
  if (prefixed) return parseReference(COMPLAINT_REFERENCE_PREFIX, prefixed[0]);
  const bare = /^\s*(\d{4})[\s-]+(\d{1,6})\s*$/.exec(text);
  return bare ? parseReference(COMPLAINT_REFERENCE_PREFIX, `${COMPLAINT_REFERENCE_PREFIX}-${bare[1]}-${bare[2]}`) : undefined;
}

/** « je sais pas », « je l'ai perdu », « je l'ai pas », « c'est quoi mon numéro? », “I forgot it”: the person does not have what is asked. */
const DOES_NOT_HAVE_IT =
  /\b(sai[st]? (pas|plus)|jsp|connai[st]? pas|perdu|oublie|aucun|pas de|plus de|(ai|avais) (pas|plus)|(re)?trouve (pas|plus)|c est quoi mon|quel est mon|don t know|dont know|don t have|dont have|do not have|(can t|cant|cannot) find|what is my|what s my|whats my|lost|forgot|no idea|aucune idee)\b/;
/** An answer given up on: said so, or a third try that is still not what is asked. */
function givenUp(prompt: PromptValidatorContext<string>): boolean {
  return DOES_NOT_HAVE_IT.test(foldText(prompt.recognized.value ?? '')) || prompt.attemptCount >= 3;
}

async function validateReference(prompt: PromptValidatorContext<string>): Promise<boolean> {
  return findReference(prompt.recognized.value ?? '') !== undefined || givenUp(prompt);
}

async function validateContact(prompt: PromptValidatorContext<string>): Promise<boolean> {
  markSensitive(prompt.context);
  const text = prompt.recognized.value ?? '';
  return anyContactKey(text) !== undefined || findReference(text) !== undefined || givenUp(prompt);
}
