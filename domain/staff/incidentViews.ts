import type { ExamIncident, ExamIncidentEvent } from '../exams/examIncident';
import { formatIsoLocal } from '../format/dates';
import { historyEntryView, isoOrNull } from './historyView';


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
    takenAt: isoOrNull(i.takenAt),
    resolvedAt: isoOrNull(i.resolvedAt),
  };
}

/** One incident with the triage answers and its handling history. */
export function incidentDetail(i: ExamIncident, history: ExamIncidentEvent[]) {
  return {
    ...incidentSummary(i),
    problemAt: isoOrNull(i.problemAt),
    device: i.device ?? null,
    browser: i.browser ?? null,
    centreOpen: i.centreOpen,
    channel: i.channelId ?? null,
    locale: i.locale ?? null,
    history: history.map(historyEntryView),
  };
}
