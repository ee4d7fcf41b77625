import type { Clock } from '../clock';
import type { PersonalInformationMasker } from '../privacy/masking';
import { publicInformationMasker } from '../privacy/publicMasker';
import { parseReference } from '../references';
import { EXAM_INCIDENT_REFERENCE_PREFIX, ExamIncident, ExamIncidentEvent, IncidentEventType, IncidentStatus } from './examIncident';
import type { ExamIncidentRepository, IncidentChanges } from './examIncidentRepository';

export const INCIDENT_NOTE_MAX_LENGTH = 2000;

export class IncidentWorkflowError extends Error {
  constructor(
    readonly code: 'notFound' | 'invalidTransition' | 'invalidInput',
    message: string,
  ) {
    super(message);
    this.name = 'IncidentWorkflowError';
  }
}

export interface IncidentAction {
  /** A staff name. */
  actor: string;
  note?: string;
}

/**
 * Staff handling of exam incidents: open → taken in charge (by whom) → resolved, with notes, each step
 * in the incident's history. Notes are masked like the triage answers: the incident keeps no
 * personal information, even one typed by staff (« rappelé M. Tremblay au 418 555-0199 »).
 */
export class IncidentWorkflow {
  constructor(
    private readonly repository: ExamIncidentRepository,
    private readonly clock: Clock,
    private readonly masker: PersonalInformationMasker = publicInformationMasker(),
  ) {}

  /** « ex 2026 45 » → EX-2026-000045; undefined when it does not look like an incident reference. */
  static parseReference(input: string): string | undefined {
    return parseReference(EXAM_INCIDENT_REFERENCE_PREFIX, input);
  }

  async show(reference: string): Promise<{ incident: ExamIncident; history: ExamIncidentEvent[] } | undefined> {
    const incident = await this.repository.findByReference(reference);
    return incident && { incident, history: await this.repository.events(incident.id) };
  }

  /** The staff member takes the incident in charge; an incident already taken or resolved is refused. */
  take(reference: string, action: IncidentAction): Promise<ExamIncident> {
    return this.step(reference, action, 'taken', ['open'], (now) => ({ status: 'inProgress', assignedTo: action.actor, takenAt: now }));
  }

  /** Resolved, with what was done (the note is required); an open incident is taken in charge by the same person. */
  async resolve(reference: string, action: IncidentAction): Promise<ExamIncident> {
    if (!action.note?.trim()) throw new IncidentWorkflowError('invalidInput', 'a note saying what was done is required');
    return this.step(reference, action, 'resolved', ['open', 'inProgress'], (now, incident) => ({
      status: 'resolved',
      resolvedAt: now,
      ...(incident.assignedTo ? {} : { assignedTo: action.actor, takenAt: now }),
    }));
  }

  async addNote(reference: string, action: IncidentAction): Promise<ExamIncident> {
    if (!action.note?.trim()) throw new IncidentWorkflowError('invalidInput', 'the note is empty');
    return this.step(reference, action, 'note', ['open', 'inProgress', 'resolved'], () => ({}));
  }

  private async step(
    reference: string,
    action: IncidentAction,
    type: IncidentEventType,
    allowedFrom: IncidentStatus[],
    changes: (now: Date, incident: ExamIncident) => IncidentChanges,
  ): Promise<ExamIncident> {
    const note = this.cleanNote(action.note);
    return this.repository.transaction(async (trx) => {
      const incident = await this.repository.findByReference(reference, trx);
      if (!incident) throw new IncidentWorkflowError('notFound', `unknown incident ${reference}`);
      if (!allowedFrom.includes(incident.status)) throw new IncidentWorkflowError('invalidTransition', `incident ${reference} is ${incident.status}`);
      const now = this.clock.now();
      const change = changes(now, incident);
      await this.repository.update(trx, incident.id, change);
      await this.repository.insertEvent(trx, incident.id, {
        occurredAt: now,
        type,
        fromStatus: change.status ? incident.status : undefined,
        toStatus: change.status,
        actor: action.actor,
        note,
      });
      return (await this.repository.findByReference(reference, trx))!;
    });
  }

  private cleanNote(value: string | undefined): string | undefined {
    const note = value?.trim();
    if (!note) return undefined;
    if (note.length > INCIDENT_NOTE_MAX_LENGTH) throw new IncidentWorkflowError('invalidInput', 'the note is too long');
    return this.masker.mask(note);
  }
}
