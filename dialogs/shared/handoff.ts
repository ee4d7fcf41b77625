import { describeCentreNow, describeWeeklyHours } from '../../domain/format/openingHoursText';
import type { Lang, Translate } from '../../domain/i18n';
import type { DialogServices } from './services';

const weeklyHoursText = new WeakMap<object, Map<Lang, string>>();

function weeklyHours(hours: DialogServices['hours'], t: Translate, lang: Lang): string {
  let byLang = weeklyHoursText.get(hours);
  if (!byLang) weeklyHoursText.set(hours, (byLang = new Map()));
  let text = byLang.get(lang);
  if (text === undefined) byLang.set(lang, (text = describeWeeklyHours(hours, t, lang)));
  return text;
}

/**
 * The CA-dotation phone numbers, hours and whether the Centre is open right now (America/Toronto), then
 * the address to write to: the complaints address (seed 000) during or just after a complaint, the
 * general staffing address otherwise.
 */
export function handoffText(
  services: Pick<DialogServices, 'clock' | 'calendar' | 'hours' | 'contacts'>,
  t: Translate,
  lang: Lang,
  about: 'general' | 'complaint' = 'general',
): string {
  const c = services.contacts.caDotation;
  const now = services.clock.now();
  return [
    t('common:handoff.phones', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display }),
    `${t('common:handoff.hoursTitle')} ${weeklyHours(services.hours, t, lang)}`,
    describeCentreNow(services.hours, now, services.calendar, t, lang),
    about === 'complaint'
      ? t('resolve:handoff.complaintEmail', { email: services.contacts.complaints.email.display })
      : t('common:handoff.email', { email: c.emailGeneral.display }),
  ].join('\n\n');
}
