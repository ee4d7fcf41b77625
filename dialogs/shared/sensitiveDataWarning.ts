import type { TurnContext } from 'botbuilder';
import type { Contacts } from '../../domain/contacts';
import type { Lang, Translate } from '../../domain/i18n';
import { detectSensitiveData, SensitiveKind } from '../../domain/privacy/sensitiveData';
import { localize } from './localization';

const WARNED = Symbol('sensitiveDataWarned');
const FOUND = Symbol('sensitiveDataFound');

/**
 * A message holding a SIN, a health-insurance number, a date of birth or a payment card number: says not
 * to share it here and how a question about one's own file is handled (by phone, after an identity
 * check). Sent at most once per turn, before the dialog goes on, so a form asking for a phone or an
 * e-mail is never interrupted. True when the message holds such an identifier.
 */
export async function warnAboutSensitiveData(context: TurnContext, contacts: Contacts): Promise<boolean> {
  const kinds = sensitiveKindsOf(context);
  if (!kinds.length) return false;
  if (context.turnState.get(WARNED)) return true;
  context.turnState.set(WARNED, true);
  const { t, lang } = localize(context);
  const c = contacts.caDotation;
  const ownFile = t('privacy:warning.ownFile', { local: c.phoneLocal.display, tollFree: c.phoneTollFree.display });
  await context.sendActivity(`${foundText(kinds, t, lang)}\n\n${ownFile}`);
  return true;
}

/** What the turn's message holds, read once a turn (the main dialog asks before continuing a dialog and again before recognizing). */
function sensitiveKindsOf(context: TurnContext): SensitiveKind[] {
  let kinds = context.turnState.get(FOUND) as SensitiveKind[] | undefined;
  if (!kinds) {
    const { type, text } = context.activity;
    kinds = type === 'message' && typeof text === 'string' ? detectSensitiveData(text) : [];
    context.turnState.set(FOUND, kinds);
  }
  return kinds;
}

function foundText(kinds: SensitiveKind[], t: Translate, lang: Lang): string {
  const list = new Intl.ListFormat(lang === 'en' ? 'en-CA' : 'fr-CA', { type: 'conjunction' });
  return t('privacy:warning.found', { kinds: list.format(kinds.map((kind) => t(`privacy:kinds.${kind}`))) });
}
