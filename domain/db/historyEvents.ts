/** The columns every history table (complaint_events, exam_incident_events) has. */
export interface HistoryEventRow<Type extends string, Status extends string> {
  id: number;
  occurred_at: string;
  type: Type;
  from_status: Status | null;
  to_status: Status | null;
  actor: string;
  note: string | null;
}

/** The same, by their domain names. */
export interface HistoryEventFields<Type extends string, Status extends string> {
  occurredAt: Date;
  type: Type;
  fromStatus?: Status;
  toStatus?: Status;
  actor: string;
  note?: string;
}

export function historyEventColumns<Type extends string, Status extends string>(event: HistoryEventFields<Type, Status>) {
  return {
    occurred_at: event.occurredAt.toISOString(),
    type: event.type,
    from_status: event.fromStatus ?? null,
    to_status: event.toStatus ?? null,
    actor: event.actor,
    note: event.note ?? null,
  };
}

export function historyEventOf<Type extends string, Status extends string>(row: HistoryEventRow<Type, Status>): HistoryEventFields<Type, Status> & { id: number } {
  return {
    id: row.id,
    occurredAt: new Date(row.occurred_at),
    type: row.type,
    fromStatus: row.from_status ?? undefined,
    toStatus: row.to_status ?? undefined,
    actor: row.actor,
    note: row.note ?? undefined,
  };
}
