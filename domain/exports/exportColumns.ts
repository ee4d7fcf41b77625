import type { Complaint } from '../complaints/complaint';
import { formatPhone } from '../complaints/contact';
import type { ExamIncident } from '../exams/examIncident';
import { formatIsoLocal } from '../format/dates';
import { label, Translate } from '../i18n';
import type { ExportColumn } from './tabularExport';

/**
 * formatIsoLocal for many instants: the Québec offset is computed once per UTC hour (America/Toronto
 * changes offset on the hour), then the local time is plain arithmetic. Same output, much cheaper
 * for an export of a million rows.
 */
export class IsoLocalFormatter {
  private readonly offsets = new Map<number, number>();

  format(value: Date): string {
    const hour = Math.floor(value.getTime() / 3_600_000);
    let offsetMinutes = this.offsets.get(hour);
    if (offsetMinutes === undefined) {
      const iso = formatIsoLocal(new Date(hour * 3_600_000));
      const [, sign, hh, mm] = /([+-])(\d{2}):(\d{2})$/.exec(iso)!;
      offsetMinutes = (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
      if (this.offsets.size > 50_000) this.offsets.clear();
      this.offsets.set(hour, offsetMinutes);
    }
    const local = new Date(Math.floor(value.getTime() / 1000) * 1000 + offsetMinutes * 60_000).toISOString().slice(0, 19);
    const abs = Math.abs(offsetMinutes);
    return `${local}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }
}

/** Labels by key, looked up once each (a few statuses and services, a million rows). */
function memoize(lookup: (key: string) => string): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = lookup(key)));
    return value;
  };
}

/** On time when the event was recorded before the end of its due date (Québec time), as in the statistics. */
const onTime = (eventAt: Date | undefined, dueAt: Date): boolean | null => (eventAt ? eventAt.getTime() <= dueAt.getTime() : null);

/** A label from a namespace owned by another feature, or the raw key while that label does not exist. */

export interface ComplaintExportOptions {
  /**
   * Add the complainant's name, contact, description and desired outcome. Off by default: reporting
   * needs dates and statuses, not personal information (Law 25: collect and share only what is needed).
   */
  includePersonal?: boolean;
}

/** The columns of a complaint export (CSV headers from admin:export.complaints.<key>; JSON keys = the keys). */
export function complaintColumns(t: Translate, options: ComplaintExportOptions = {}): ExportColumn<Complaint>[] {
  const h = (key: string) => t(`admin:export.complaints.${key}`);
  const dates = new IsoLocalFormatter();
  const instant = (value: Date | undefined): string | null => (value ? dates.format(value) : null);
  const statusLabel = memoize((status) => label(t, `complaint:status.${status}`, status));
  const serviceLabel = memoize((service) => label(t, `complaint:services.${service}`, service));
  const outcomeLabel = memoize((outcome) => label(t, `officer:outcomes.${outcome}`, outcome));
  const columns: ExportColumn<Complaint>[] = [
    { key: 'reference', header: h('reference'), value: (c) => c.reference },
    { key: 'status', header: h('status'), value: (c) => c.status },
    { key: 'statusLabel', header: h('statusLabel'), value: (c) => statusLabel(c.status) },
    { key: 'service', header: h('service'), value: (c) => c.service },
    { key: 'serviceLabel', header: h('serviceLabel'), value: (c) => serviceLabel(c.service) },
    { key: 'receivedAt', header: h('receivedAt'), value: (c) => instant(c.receivedAt) },
    { key: 'firstContactDueDate', header: h('firstContactDueDate'), value: (c) => c.firstContactDueDate },
    { key: 'firstContactAt', header: h('firstContactAt'), value: (c) => instant(c.firstContactAt) },
    { key: 'firstContactBusinessDays', header: h('firstContactBusinessDays'), value: (c) => c.firstContactBusinessDays ?? null },
    { key: 'firstContactOnTime', header: h('firstContactOnTime'), value: (c) => onTime(c.firstContactAt, c.firstContactDueAt) },
    { key: 'answerDueDate', header: h('answerDueDate'), value: (c) => c.answerDueDate },
    { key: 'answeredAt', header: h('answeredAt'), value: (c) => instant(c.answeredAt) },
    { key: 'answerBusinessDays', header: h('answerBusinessDays'), value: (c) => c.answerBusinessDays ?? null },
    { key: 'answerOnTime', header: h('answerOnTime'), value: (c) => onTime(c.answeredAt, c.answerDueAt) },
    { key: 'closedAt', header: h('closedAt'), value: (c) => instant(c.closedAt) },
    { key: 'abandonedAt', header: h('abandonedAt'), value: (c) => instant(c.abandonedAt) },
    { key: 'incidentDate', header: h('incidentDate'), value: (c) => c.incidentDate ?? null },
    { key: 'contactMethod', header: h('contactMethod'), value: (c) => c.contactMethod },
    { key: 'channel', header: h('channel'), value: (c) => c.channelId ?? null },
    { key: 'locale', header: h('locale'), value: (c) => c.locale ?? null },
    { key: 'anonymized', header: h('anonymized'), value: (c) => c.anonymized },
    { key: 'assignedTo', header: h('assignedTo'), value: (c) => c.assignedTo ?? null },
    { key: 'outcome', header: h('outcome'), value: (c) => c.outcome ?? null },
    { key: 'outcomeLabel', header: h('outcomeLabel'), value: (c) => (c.outcome ? outcomeLabel(c.outcome) : null) },
    // The ministry's own measures, written by staff: reported with the outcome, not personal information.
    { key: 'correctiveMeasures', header: h('correctiveMeasures'), value: (c) => c.correctiveMeasures ?? null },
  ];
  if (options.includePersonal) {
    columns.push(
      { key: 'name', header: h('name'), value: (c) => c.name },
      // 819 555-0177 as managers read it everywhere (an ordinary space: a spreadsheet cell, not a line of text).
      { key: 'contactValue', header: h('contactValue'), value: (c) => (c.contactMethod === 'phone' ? formatPhone(c.contactValue).replace(/\u00a0/g, ' ') : c.contactValue) },
      { key: 'description', header: h('description'), value: (c) => c.description },
      { key: 'desiredOutcome', header: h('desiredOutcome'), value: (c) => c.desiredOutcome ?? null },
    );
  }
  return columns;
}

/** The columns of an exam-incident export (headers from admin:export.incidents.<key>). */
export function incidentColumns(t: Translate): ExportColumn<ExamIncident>[] {
  const h = (key: string) => t(`admin:export.incidents.${key}`);
  const dates = new IsoLocalFormatter();
  const instant = (value: Date | undefined): string | null => (value ? dates.format(value) : null);
  const kindLabel = memoize((kind) => label(t, `exam:kinds.${kind}`, kind));
  const priorityLabel = memoize((priority) => label(t, `admin:priorities.${priority}`, priority));
  const routeLabel = memoize((route) => label(t, `admin:routes.${route}`, route));
  const incidentStatusLabel = memoize((status) => label(t, `officer:incidentStatus.${status}`, status));
  return [
    { key: 'reference', header: h('reference'), value: (i) => i.reference },
    { key: 'createdAt', header: h('createdAt'), value: (i) => instant(i.createdAt) },
    { key: 'problemAt', header: h('problemAt'), value: (i) => instant(i.problemAt) },
    { key: 'examInProgress', header: h('examInProgress'), value: (i) => i.examInProgress },
    { key: 'problemKind', header: h('problemKind'), value: (i) => i.problemKind },
    { key: 'problemKindLabel', header: h('problemKindLabel'), value: (i) => kindLabel(i.problemKind) },
    { key: 'priority', header: h('priority'), value: (i) => i.priority },
    { key: 'priorityLabel', header: h('priorityLabel'), value: (i) => priorityLabel(i.priority) },
    { key: 'route', header: h('route'), value: (i) => i.route },
    { key: 'routeLabel', header: h('routeLabel'), value: (i) => routeLabel(i.route) },
    { key: 'centreOpen', header: h('centreOpen'), value: (i) => i.centreOpen },
    { key: 'status', header: h('status'), value: (i) => i.status },
    { key: 'statusLabel', header: h('statusLabel'), value: (i) => incidentStatusLabel(i.status) },
    { key: 'assignedTo', header: h('assignedTo'), value: (i) => i.assignedTo ?? null },
    { key: 'takenAt', header: h('takenAt'), value: (i) => instant(i.takenAt) },
    { key: 'resolvedAt', header: h('resolvedAt'), value: (i) => instant(i.resolvedAt) },
    { key: 'examName', header: h('examName'), value: (i) => i.examName ?? null },
    { key: 'device', header: h('device'), value: (i) => i.device ?? null },
    { key: 'browser', header: h('browser'), value: (i) => i.browser ?? null },
    { key: 'channel', header: h('channel'), value: (i) => i.channelId ?? null },
    { key: 'locale', header: h('locale'), value: (i) => i.locale ?? null },
  ];
}
