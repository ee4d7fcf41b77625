import type { ExamIncident, ExamIncidentEvent } from '../exams/examIncident';
import { formatIsoLocal } from '../format/dates';

const iso = (value: Date | undefined): string | null => (value ? formatIsoLocal(value) : null);

/** What a list shows about an exam incident (it holds no personal information), instants at the Québec offset. */
export function incidentSummary(i: ExamIncident) {
  return {
    reference: i.reference,
    status: i.status,
    createdAt: formatIsoLocal(i.createdAt),
    problemKind: i.problemKind,
    priority: i.priority,
    route: i.route,
    examInProgress: i.examInProgress,
    examName: i.examName ?? null,
    assignedTo: i.assignedTo ?? null,
    takenAt: iso(i.takenAt),
    resolvedAt: iso(i.resolvedAt),
  };
}

/** One incident with the triage answers and its handling history. */
export function incidentDetail(i: ExamIncident, history: ExamIncidentEvent[]) {
  return {
    ...incidentSummary(i),
    problemAt: iso(i.problemAt),
    device: i.device ?? null,
    browser: i.browser ?? null,
    centreOpen: i.centreOpen,
    channel: i.channelId ?? null,
    locale: i.locale ?? null,
    history: history.map((e) => ({
      occurredAt: formatIsoLocal(e.occurredAt),
      type: e.type,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      actor: e.actor,
      note: e.note ?? null,
    })),
  };
}
