import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { enCA } from 'date-fns/locale/en-CA';
import { frCA } from 'date-fns/locale/fr-CA';
import { formatLongDate, formatTimeOfDay, QUEBEC_TIME_ZONE } from '../format/dates';
import type { Lang, Translate } from '../i18n';
import type { CallbackSlot } from './callback';

/** « jeudi 26 novembre » / “Thursday, November 26”: a button's date, the year being obvious. */
export function shortSlotDate(slot: CallbackSlot, lang: Lang, timeZone = QUEBEC_TIME_ZONE): string {
  const d = new TZDate(slot.start.getTime(), timeZone);
  if (lang === 'en') return format(d, 'EEEE, MMMM d', { locale: enCA });
  const day = d.getDate() === 1 ? '1er' : String(d.getDate());
  return `${format(d, 'EEEE', { locale: frCA })} ${day} ${format(d, 'MMMM', { locale: frCA })}`;
}

/** « jeudi 26 novembre, après-midi (13 h à 16 h 30) »: a slot button. */
export function slotButton(slot: CallbackSlot, t: Translate, lang: Lang, timeZone = QUEBEC_TIME_ZONE): string {
  return t('callback:slot.button', {
    date: shortSlotDate(slot, lang, timeZone),
    period: t(`callback:slot.periods.${slot.period}`),
    from: formatTimeOfDay(slot.start, lang, timeZone),
    to: formatTimeOfDay(slot.end, lang, timeZone),
  });
}

/** « le jeudi 26 novembre 2026, entre 13 h et 16 h 30 »: the slot in a sentence (summary, confirmation, e-mail). */
export function slotSentence(slot: CallbackSlot, t: Translate, lang: Lang, timeZone = QUEBEC_TIME_ZONE): string {
  return t('callback:slot.sentence', {
    date: formatLongDate(slot.start, lang, timeZone),
    from: formatTimeOfDay(slot.start, lang, timeZone),
    to: formatTimeOfDay(slot.end, lang, timeZone),
  });
}
