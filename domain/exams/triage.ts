import type { OpenStatus, ServiceHours } from '../serviceHours';
import type { ExamRoute, IncidentPriority } from './examIncident';

/**
 * Priority in the spirit of the service levels of the ministry's Centre de service à la clientèle
 * (seed 003_215f73fd196edd14.txt, « Niveaux de service »: a critical incident, where the service is
 * interrupted, comes first). An exam in progress is timed, so any problem reported while it runs
 * blocks the candidate now: urgent. Anything else (exam over, not started yet) is normal.
 */
export function priorityOf(examInProgress: boolean): IncidentPriority {
  return examInProgress ? 'urgent' : 'normal';
}

/**
 * The fastest channel at this moment (CA-dotation hours, seed 000, on the public-service calendar):
 * urgent and open → phone now (calls answered within 5 minutes as a target, seed 000); urgent and closed
 * → write now, call when it reopens; normal → write.
 */
export function routeOf(priority: IncidentPriority, centreOpen: boolean): ExamRoute {
  if (priority === 'urgent') return centreOpen ? 'phone-now' : 'email-after-hours';
  return 'email';
}

export interface TriageDecision {
  priority: IncidentPriority;
  route: ExamRoute;
  centreOpen: boolean;
  /** The Centre's status at `now` (closing or reopening time, reason for a closure). */
  status: OpenStatus;
}

export function decideTriage(examInProgress: boolean, now: Date, hours: ServiceHours): TriageDecision {
  const status = hours.status(now);
  const priority = priorityOf(examInProgress);
  return { priority, route: routeOf(priority, status.open), centreOpen: status.open, status };
}
