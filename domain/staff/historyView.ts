import { formatIsoLocal } from '../format/dates';

/** What every history entry (complaint or exam incident) has in common. */
export interface HistoryEvent {
  occurredAt: Date;
  type: string;
  fromStatus?: string;
  toStatus?: string;
  actor: string;
  note?: string;
}

/** A date for staff views: local ISO text, or null. */
export const isoOrNull = (value: Date | undefined): string | null => (value ? formatIsoLocal(value) : null);

/** A history entry as the staff tools show it (JSON, the page): local time, nulls for what is missing. */
export function historyEntryView(e: HistoryEvent) {
  return {
    occurredAt: formatIsoLocal(e.occurredAt),
    type: e.type,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    actor: e.actor,
    note: e.note ?? null,
  };
}
