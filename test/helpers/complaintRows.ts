import type { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { COMPLAINT_SERVICES } from '../../domain/complaints/complaint';
import { computeDeadlines } from '../../domain/complaints/deadlines';
import type { Database } from '../../domain/db/database';

/**
 * Inserts `count` complaints straight into the table (no history), received one every `spacingMinutes`
 * from `start`, each contacted `contactAfterDays` calendar days later; fast enough for thousands.
 */
export async function insertComplaints(
  db: Database,
  calendar: BusinessCalendar,
  options: { count: number; start: Date; spacingMinutes?: number; contactAfterDays?: number; prefix?: string; description?: (i: number) => string },
): Promise<void> {
  const spacing = (options.spacingMinutes ?? 60) * 60_000;
  // Deadlines depend on the local day of receipt only: computed once per day (the calendar is slow-ish).
  const deadlines = new Map<string, ReturnType<typeof computeDeadlines>>();
  const businessDays = new Map<string, number>();
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i < options.count; i += 1) {
    const receivedAt = new Date(options.start.getTime() + i * spacing);
    const day = calendar.localDateOf(receivedAt);
    if (!deadlines.has(day)) deadlines.set(day, computeDeadlines(receivedAt, calendar));
    const d = deadlines.get(day)!;
    const contactAt = options.contactAfterDays === undefined ? undefined : new Date(receivedAt.getTime() + options.contactAfterDays * 86_400_000);
    rows.push({
      reference: `${options.prefix ?? 'PL-2026-'}${String(i + 1).padStart(6, '0')}`,
      submission_id: `bulk-${options.prefix ?? ''}${i}`,
      status: contactAt ? 'contacted' : 'received',
      received_at: receivedAt.toISOString(),
      received_date: d.receivedDate,
      calendar_version: d.calendarVersion,
      first_contact_due_date: d.firstContactDueDate,
      first_contact_due_at: d.firstContactDueAt.toISOString(),
      answer_due_date: d.answerDueDate,
      answer_due_at: d.answerDueAt.toISOString(),
      first_contact_at: contactAt ? contactAt.toISOString() : null,
      answered_at: null,
      first_contact_business_days: contactAt ? daysBetween(d.receivedDate, calendar.localDateOf(contactAt)) : null,
      answer_business_days: null,
      closed_at: null,
      abandoned_at: null,
      complainant_name: `Personne ${i}`,
      contact_method: 'email',
      contact_value: `p${i}@exemple.ca`,
      contact_key: `p${i}@exemple.ca`,
      service: COMPLAINT_SERVICES[i % COMPLAINT_SERVICES.length],
      incident_date: null,
      description: options.description ? options.description(i) : `Description ${i}`,
      desired_outcome: null,
      channel_id: 'test',
      conversation_id: null,
      locale: 'fr-CA',
      anonymized: false,
      updated_at: receivedAt.toISOString(),
    });
  }
  function daysBetween(from: string, to: string): number {
    const key = `${from}|${to}`;
    if (!businessDays.has(key)) businessDays.set(key, calendar.businessDaysBetween(from, to));
    return businessDays.get(key)!;
  }
  await db.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += 20) await trx('complaints').insert(rows.slice(i, i + 20));
  });
}
