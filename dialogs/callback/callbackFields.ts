import { Dialog, DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { NAME_MAX_LENGTH, SUBJECT_MAX_LENGTH } from '../../domain/callbacks/callback';
import { MAX_DAYS_AHEAD, SlotChoice } from '../../domain/callbacks/callbackSlots';
import { shortSlotDate, slotButton } from '../../domain/callbacks/slotText';
import { normalizeEmail, normalizePhone } from '../../domain/complaints/contact';
import { formatLongDate } from '../../domain/format/dates';
import type { Translate } from '../../domain/i18n';
import { normalizeUtterance } from '../../domain/understanding/normalize';
import { withButtons } from '../complaint/formHelpers';
import { isOneOfKey, isSkipAnswer } from '../shared/choices';
import { localize } from '../shared/localization';
import type { DialogServices } from '../shared/services';
import { markSensitive } from '../shared/turnInsights';
import type { CallbackDraft, CallbackField } from './callbackDraft';

export const SUBJECT_MIN_LENGTH = 5;
/** How many slots are offered as buttons: the next few business half-days. */
export const OFFERED_SLOTS = 6;

const isSkip = (text: string, t: Translate) => isSkipAnswer(text, 'callback:intake.skip') || isOneOfKey(text, t, 'callback:intake.skipWords');

/** The small dialogs of the form's questions, by field. */
export function callbackFieldDialogs(idOf: (field: CallbackField) => string, services: DialogServices): Dialog[] {
  return [
    ...optionalText(idOf('name'), 'name', validName, (v) => v.trim()),
    ...requiredText(idOf('phone'), 'phone', (v) => Boolean(normalizePhone(v)), (v) => ({ phone: v.trim() })),
    ...slotField(idOf('slot'), services),
    ...requiredText(
      idOf('subject'),
      'subject',
      (v) => v.trim().length >= SUBJECT_MIN_LENGTH && v.trim().length <= SUBJECT_MAX_LENGTH,
      (v) => ({ subject: v.trim() }),
    ),
    ...optionalText(idOf('email'), 'email', (v) => Boolean(normalizeEmail(v)), (v) => normalizeEmail(v)!),
  ];
}

function validName(value: string): boolean {
  const name = value.trim();
  return name.length <= NAME_MAX_LENGTH && (name.match(/\p{L}/gu)?.length ?? 0) >= 2;
}

const ASK: Record<CallbackField, string> = {
  name: 'callback:intake.askName',
  phone: 'callback:intake.askPhone',
  slot: 'callback:intake.askSlot',
  subject: 'callback:intake.askSubject',
  email: 'callback:intake.askEmail',
};
const INVALID: Partial<Record<CallbackField, string>> = {
  name: 'callback:intake.invalidName',
  phone: 'callback:intake.invalidPhone',
  subject: 'callback:intake.invalidSubject',
  email: 'callback:intake.invalidEmail',
};

/** A question that may be skipped (« Passer cette question »): the answer, or null. */
function optionalText(id: string, field: 'name' | 'email', valid: (v: string) => boolean, clean: (v: string) => string): Dialog[] {
  const prompt = `${id}.prompt`;
  return [
    new WaterfallDialog(id, [
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const { t } = localize(step.context);
        return step.prompt(prompt, {
          prompt: withButtons(t(ASK[field]), [t('callback:intake.skip')]),
          retryPrompt: withButtons(t(INVALID[field]!), [t('callback:intake.skip')]),
        });
      },
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const { t } = localize(step.context);
        const value = step.result as string;
        return step.endDialog({ [field]: isSkip(value, t) ? null : clean(value) } satisfies Partial<CallbackDraft>);
      },
    ]),
    new TextPrompt(prompt, async (p: PromptValidatorContext<string>) => {
      markSensitive(p.context);
      const value = p.recognized.value ?? '';
      return isSkip(value, localize(p.context).t) || valid(value);
    }),
  ];
}

function requiredText(id: string, field: 'phone' | 'subject', valid: (v: string) => boolean, result: (v: string) => Partial<CallbackDraft>): Dialog[] {
  const prompt = `${id}.prompt`;
  return [
    new WaterfallDialog(id, [
      async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
        const { t } = localize(step.context);
        return step.prompt(prompt, { prompt: t(ASK[field]), retryPrompt: t(INVALID[field]!) });
      },
      (step) => step.endDialog(result(step.result as string)),
    ]),
    new TextPrompt(prompt, async (p: PromptValidatorContext<string>) => {
      markSensitive(p.context);
      return valid(p.recognized.value ?? '');
    }),
  ];
}

type SlotValues = { offered?: NonNullable<SlotOptions['offered']> };

/** What the slot question carries between its turns: the slots offered as buttons, and the message to ask with. */
interface SlotOptions {
  offered?: Array<{ label: string; date: string; period: 'morning' | 'afternoon' }>;
  message?: string;
}

/**
 * « Quand préférez-vous qu'on vous rappelle? »: the next business half-days as buttons, or free text
 * (« demain matin », « jeudi après-midi », « le 3 décembre à 14 h »). A slot when the Centre is closed,
 * a holiday, a passed slot or one too far ahead is refused with the reason, and the question asked again.
 */
function slotField(id: string, services: DialogServices): Dialog[] {
  const prompt = `${id}.prompt`;
  return [
    new WaterfallDialog<SlotOptions>(id, [
      async (step: WaterfallStepContext<SlotOptions>): Promise<DialogTurnResult> => {
        const { t, lang } = localize(step.context);
        const now = services.clock.now();
        const offered =
          step.options.offered ??
          services.callbacks.slots.upcoming(now, OFFERED_SLOTS).map((s) => ({ label: slotButton(s, t, lang, services.calendar.timeZone), date: s.date, period: s.period }));
        if (offered.length === 0) {
          const c = services.contacts.caDotation;
          await step.context.sendActivity(t('callback:intake.noSlot', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display }));
          return step.endDialog({ slot: undefined });
        }
        (step.values as SlotValues).offered = offered;
        const text = step.options.message ? step.options.message : t('callback:intake.askSlot');
        return step.prompt(prompt, { prompt: withButtons(text, offered.map((o) => o.label)) });
      },
      async (step: WaterfallStepContext<SlotOptions>): Promise<DialogTurnResult> => {
        const { t, lang } = localize(step.context);
        const text = (step.result as string) ?? '';
        const now = services.clock.now();
        const offered = (step.values as SlotValues).offered ?? [];
        const clicked = offered.find((o) => normalizeUtterance(o.label) === normalizeUtterance(text));
        const choice: SlotChoice = clicked ? services.callbacks.slots.check(clicked.date, clicked.period, now) : services.callbacks.slots.parse(text, now, lang);
        if (choice.ok) return step.endDialog({ slot: { date: choice.slot.date, period: choice.slot.period } } satisfies Partial<CallbackDraft>);
        const date = 'date' in choice ? formatLongDate(services.calendar.startOf(choice.date), lang, services.calendar.timeZone) : '';
        if (choice.reason === 'noPeriod') {
          const sameDay = services.callbacks.slots.openSlotsOn(choice.date, now);
          return step.replaceDialog(id, {
            message: t('callback:slotRefused.noPeriod', { date: sameDay[0] ? shortSlotDate(sameDay[0], lang) : date }),
            offered: sameDay.map((s) => ({ label: slotButton(s, t, lang, services.calendar.timeZone), date: s.date, period: s.period })),
          } satisfies SlotOptions);
        }
        const holiday = choice.reason === 'holiday' ? choice.holidayName[lang] : undefined;
        await step.context.sendActivity(t(`callback:slotRefused.${choice.reason}`, { date, holiday, days: MAX_DAYS_AHEAD }));
        return step.replaceDialog(id, { message: t('callback:intake.askSlot') } satisfies SlotOptions);
      },
    ]),
    new TextPrompt(prompt),
  ];
}
