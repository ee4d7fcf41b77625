import { contacts } from '../contacts';
import { formatLongDate, formatTimeOfDay, QUEBEC_TIME_ZONE } from '../format/dates';
import type { Lang, Translate } from '../i18n';
import type { ExamIncident } from './examIncident';

export interface IncidentEmail {
  /** The exam-support address (seed 000, via data/contacts.json). */
  to: string;
  subject: string;
  /** Lines separated by CRLF, as RFC 6068 asks for mailto bodies. */
  body: string;
  /** `mailto:` URL with subject and body percent-encoded; safe inside a Markdown link. */
  mailto: string;
}

/**
 * The e-mail a person sends to assistance.examensenligne@…, ready to go: the confirmation number,
 * the exam, the problem and the time it happened, and a reminder to attach screenshots. It holds no
 * personal information (no name, no file question): only what the triage collected.
 */
export function incidentEmail(incident: ExamIncident, t: Translate, lang: Lang, timeZone = QUEBEC_TIME_ZONE): IncidentEmail {
  const to = contacts().caDotation.emailExam.display;
  const unspecified = t('exam:email.unspecified');
  const exam = incident.examName ?? unspecified;
  const subject = t('exam:email.subject', { reference: incident.reference, exam });
  const when = incident.problemAt ? describeInstant(incident.problemAt, t, lang, timeZone) : unspecified;
  const lines = [
    t('exam:email.greeting'),
    '',
    t('exam:email.intro'),
    '',
    `${t('exam:email.reference')} ${incident.reference}`,
    `${t('exam:email.exam')} ${exam}`,
    `${t('exam:email.problem')} ${t(`exam:kinds.${incident.problemKind}`)}`,
    `${t('exam:email.when')} ${when}`,
    `${t('exam:email.inProgress')} ${incident.examInProgress ? t('exam:email.yes') : t('exam:email.no')}`,
    `${t('exam:email.device')} ${incident.device ?? unspecified}`,
    `${t('exam:email.browser')} ${incident.browser ?? unspecified}`,
    '',
    t('exam:email.screenshots'),
    t('exam:email.describe'),
  ];
  const body = lines.join('\r\n');
  return { to, subject, body, mailto: mailtoUrl(to, subject, body) };
}

/** « lundi 23 novembre 2026 à 10 h 05 (heure du Québec) ». */
export function describeInstant(instant: Date, t: Translate, lang: Lang, timeZone = QUEBEC_TIME_ZONE): string {
  return t('exam:email.instant', { date: formatLongDate(instant, lang, timeZone), time: formatTimeOfDay(instant, lang, timeZone) });
}

/** RFC 6068 mailto URL; also encodes !'()* so the URL never breaks a Markdown link. */
export function mailtoUrl(to: string, subject: string, body: string): string {
  return `mailto:${to}?subject=${strictEncode(subject)}&body=${strictEncode(body)}`;
}

function strictEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
