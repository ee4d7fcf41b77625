import type { Complaint } from '../complaints/complaint';
import { COMPLAINT_STANDARDS } from '../complaints/complaint';
import { contacts } from '../contacts';
import { formatLongDate } from '../format/dates';
import { Lang, langFromLocale, Translate, translator } from '../i18n';
import type { RenderedMail } from './citizenMailRepository';
import { MailBlock, renderMail } from './mailLayout';

export interface CitizenMailContext {
  /** PRIVACY_POLICY_URL */
  privacyPolicyUrl: string;
  /** COMPLAINT_RETENTION_DAYS */
  retentionDays: number;
  timeZone: string;
}

/** The complaint's language: English when it was filed in English, French otherwise. */
export function mailLang(complaint: Pick<Complaint, 'locale'>): Lang {
  return langFromLocale(complaint.locale);
}

/**
 * The acknowledgement (accusé de réception): the reference, both deadlines in words (seed 000: first
 * contact within 5 business days, answer within 20; the dates computed when the complaint was stored),
 * what happens next, the recourse, and the privacy notice.
 */
export function acknowledgementMail(complaint: Complaint, context: CitizenMailContext): RenderedMail {
  const lang = mailLang(complaint);
  const t = translator(lang);
  const date = (d: Date) => formatLongDate(d, lang, context.timeZone);
  const ref = complaint.reference;
  const blocks: MailBlock[] = [
    { kind: 'paragraph', text: t('citizenMail:greeting', { name: complaint.name }) },
    { kind: 'paragraph', text: t('citizenMail:acknowledgement.received', { date: date(complaint.receivedAt), reference: ref }), keepTogether: [ref] },
    { kind: 'heading', text: t('citizenMail:acknowledgement.deadlinesHeading') },
    {
      kind: 'list',
      items: [
        t('citizenMail:acknowledgement.firstContact', { date: date(complaint.firstContactDueAt), days: COMPLAINT_STANDARDS.firstContactBusinessDays }),
        t('citizenMail:acknowledgement.answer', { date: date(complaint.answerDueAt), days: COMPLAINT_STANDARDS.answerBusinessDays }),
      ],
    },
    { kind: 'paragraph', text: t('citizenMail:acknowledgement.businessDays') },
    { kind: 'heading', text: t('citizenMail:acknowledgement.nextHeading') },
    { kind: 'paragraph', text: t('citizenMail:acknowledgement.next') },
    ...recourseBlocks(t),
    { kind: 'heading', text: t('citizenMail:acknowledgement.privacyHeading') },
    { kind: 'paragraph', text: t('citizenMail:acknowledgement.privacy', { retention: retention(t, context.retentionDays) }) },
    {
      kind: 'link',
      label: t('citizenMail:acknowledgement.privacyPolicy', { url: context.privacyPolicyUrl }),
      url: context.privacyPolicyUrl,
      text: t('citizenMail:acknowledgement.privacyPolicy', { url: context.privacyPolicyUrl }),
    },
    ...closingBlocks(t, lang, ref),
  ];
  return renderMail(t('citizenMail:acknowledgement.subject', { reference: ref }), lang, blocks);
}

/** The answer: greeting, reference, the officer's message as written, the one-question survey link, and the recourse. */
export function answerMail(complaint: Complaint, message: string, context: CitizenMailContext & { surveyUrl: string }): RenderedMail {
  const lang = mailLang(complaint);
  const t = translator(lang);
  const ref = complaint.reference;
  const blocks: MailBlock[] = [
    { kind: 'paragraph', text: t('citizenMail:greeting', { name: complaint.name }) },
    { kind: 'paragraph', text: t('citizenMail:answer.intro', { reference: ref, date: formatLongDate(complaint.receivedAt, lang, context.timeZone) }), keepTogether: [ref] },
    { kind: 'quote', text: message.replace(/\r\n?/g, '\n').trim() },
    { kind: 'heading', text: t('citizenMail:answer.surveyHeading') },
    { kind: 'paragraph', text: t('citizenMail:answer.survey') },
    { kind: 'link', label: t('citizenMail:answer.surveyLink'), url: context.surveyUrl, text: t('citizenMail:answer.surveyLinkText', { url: context.surveyUrl }) },
    ...recourseBlocks(t),
    ...closingBlocks(t, lang, ref),
  ];
  return renderMail(t('citizenMail:answer.subject', { reference: ref }), lang, blocks);
}

/**
 * The recourse as the seeds give it, in the chat's words: the ministry's own declaration (seed 000:
 * write to the complaints address), then the Protecteur du citoyen as the SCT's declaration (seed 002) names it.
 */
function recourseBlocks(t: Translate): MailBlock[] {
  const { complaints, protecteurDuCitoyen: pdc } = contacts();
  return [
    { kind: 'heading', text: t('citizenMail:recourse.heading') },
    {
      kind: 'paragraph',
      text: t('citizenMail:recourse.ministry', {
        email: complaints.email.display,
        firstContactDays: complaints.firstContactBusinessDays.days,
        answerDays: complaints.answerBusinessDays.days,
      }),
    },
    { kind: 'paragraph', text: t('citizenMail:recourse.protecteur') },
    {
      kind: 'list',
      items: [
        t('citizenMail:recourse.phone', { phone: pdc.phone.display }),
        t('citizenMail:recourse.email', { email: pdc.email.display }),
        t('citizenMail:recourse.web', { web: pdc.web.display }),
        t('citizenMail:recourse.address', { address: pdc.address.display }),
      ],
    },
  ];
}

function closingBlocks(t: Translate, lang: Lang, reference: string): MailBlock[] {
  const { complaints, ministry } = contacts();
  return [
    { kind: 'paragraph', text: t('citizenMail:signature', { ministry: ministry.name[lang] }) },
    { kind: 'paragraph', text: t('citizenMail:automatic', { email: complaints.email.display, reference }), keepTogether: [reference] },
  ];
}

/** « 2 ans » or « 45 jours », as the notice before collection says it. */
function retention(t: Translate, days: number): string {
  return days % 365 === 0 ? t('complaint:intake.retentionYears', { count: days / 365 }) : t('complaint:intake.retentionDays', { count: days });
}
