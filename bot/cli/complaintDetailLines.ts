import type { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import type { Complaint, ComplaintEvent } from '../../domain/complaints/complaint';
import { formatPhone } from '../../domain/complaints/contact';
import type { ClockStatus } from '../../domain/complaints/deadlines';
import { label, Lang, Translate } from '../../domain/i18n';
import type { ComplaintClocks } from '../../domain/staff/complaintDesk';
import { formatStaffDate, formatStaffInstant } from '../../domain/staff/staffDates';
import { printable } from './staffCli';

/** « 2026-11-30 · à risque (1 j. ouvr. restant) » */
export function clockText(status: ClockStatus, t: Translate): string {
  const detail = t(`admin:clockState.${status.state}`, { count: status.businessDaysLeft ?? status.businessDaysLate ?? 0 });
  return `${status.dueDate} · ${detail}`;
}

/** « mercredi 14 octobre 2026 · échéance aujourd'hui », for `show`. */
function clockLongText(status: ClockStatus, t: Translate, lang: Lang, calendar: BusinessCalendar): string {
  const detail = t(`admin:clockState.${status.state}`, { count: status.businessDaysLeft ?? status.businessDaysLate ?? 0 });
  return `${formatStaffDate(status.dueDate, lang, calendar)} · ${detail}`;
}

/** What a history line says: the step, and for a contact attempt, an assignment, the details. */
export function eventText(e: ComplaintEvent, t: Translate): string {
  const name = (value: string | undefined) => printable(value ?? '');
  switch (e.type) {
    case 'contact_attempt':
      return t('officer:history.contactAttempt', {
        channel: t(`officer:contactChannels.${e.contactChannel ?? 'phone'}`),
        result: t(`officer:contactResults.${e.contactResult ?? 'reached'}`),
      });
    case 'assigned':
      return e.previousAssignee
        ? t('officer:history.reassigned', { from: name(e.previousAssignee), to: name(e.assignee) })
        : t('officer:history.assigned', { to: name(e.assignee) });
    case 'unassigned':
      return t('officer:history.unassigned', { from: name(e.previousAssignee) });
    default:
      return t(`admin:events.${e.type}`);
  }
}

/** `complaints show`: the complaint, its clocks and its history, dates in words (Québec time). */
export function detailLines(
  found: { complaint: Complaint; clocks: ComplaintClocks; history: ComplaintEvent[] },
  t: Translate,
  lang: Lang,
  calendar: BusinessCalendar,
): string[] {
  const c = found.complaint;
  const f = (text: string, value: string) => t('admin:cli.format.labelled', { label: text, value });
  const field = (key: string, value: string) => f(t(`admin:fields.${key}`), value);
  const heading = (text: string) => t('admin:cli.format.heading', { label: text });
  const contact = c.contactMethod === 'phone' ? formatPhone(c.contactValue) : c.contactValue;
  const lines = [
    t('admin:cli.complaints.title', { reference: c.reference, status: label(t, `complaint:status.${c.status}`, c.status) }),
    field('service', label(t, `complaint:services.${c.service}`, c.service)),
    field('receivedAt', formatStaffInstant(c.receivedAt, lang)),
    f(
      t('officer:fields.assignedTo'),
      c.assignedTo && c.assignedAt
        ? t('officer:fields.assignedSince', { name: printable(c.assignedTo), since: formatStaffInstant(c.assignedAt, lang) })
        : t('officer:fields.unassigned'),
    ),
  ];
  if (c.anonymized) lines.push(t('admin:fields.anonymized'));
  else {
    lines.push(field('name', printable(c.name)));
    lines.push(field('contact', `${label(t, `complaint:contactMethods.${c.contactMethod}`, c.contactMethod)} — ${printable(contact)}`));
  }
  if (c.incidentDate) lines.push(field('incidentDate', formatStaffDate(c.incidentDate, lang, calendar)));
  if (!c.anonymized) {
    lines.push(heading(t('admin:fields.description')));
    for (const line of printable(c.description, true).split('\n')) lines.push(`  ${line}`);
    if (c.desiredOutcome) {
      lines.push(heading(t('admin:fields.desiredOutcome')));
      for (const line of printable(c.desiredOutcome, true).split('\n')) lines.push(`  ${line}`);
    }
  }
  lines.push(field('firstContactClock', clockLongText(found.clocks.firstContact, t, lang, calendar)));
  lines.push(field('answerClock', clockLongText(found.clocks.answer, t, lang, calendar)));
  if (c.status === 'closed') {
    lines.push(f(t('officer:fields.outcome'), t(`officer:outcomes.${c.outcome ?? 'unspecified'}`)));
    if (c.correctiveMeasures) {
      lines.push(heading(t('officer:fields.correctiveMeasures')));
      for (const line of printable(c.correctiveMeasures, true).split('\n')) lines.push(`  ${line}`);
    }
  }
  lines.push('');
  lines.push(heading(t('admin:fields.history')));
  for (const e of found.history) {
    const note = e.note ? ` ${t('admin:cli.format.quoted', { text: printable(e.note) })}` : '';
    lines.push(`  ${formatStaffInstant(e.occurredAt, lang)} — ${eventText(e, t)} — ${printable(e.actor)}${note}`);
  }
  return lines;
}
