import type { BusinessCalendar, LocalDate } from '../calendar/businessCalendar';
import type { Clock } from '../clock';
import { COMPLAINT_REFERENCE_PREFIX, Complaint, ComplaintEvent, ComplaintStatus } from '../complaints/complaint';
import type { ComplaintFilter } from '../complaints/complaintRepository';
import { parseComplaintSearch } from '../complaints/complaintSearch';
import { ComplaintError, ComplaintService } from '../complaints/complaintService';
import { ClockStatus, clockStatus } from '../complaints/deadlines';
import { parseReference } from '../references';
import { canonicalStaffName, StaffDirectory } from './staffDirectory';

/** Business days left at which a running clock is « à risque » (REMINDER_AT_RISK_*_DAYS, as for the reminders). */
export interface AtRiskDays {
  firstContact: number;
  answer: number;
}

export interface ComplaintClocks {
  firstContact: ClockStatus;
  answer: ClockStatus;
}

export interface ComplaintListFilter {
  statuses?: ComplaintStatus[];
  service?: string;
  /** Received on or after this local date (America/Toronto). */
  receivedFrom?: LocalDate;
  /** Received on or before this local date, included. */
  receivedTo?: LocalDate;
  /** A running clock is at risk or due today. */
  atRisk?: boolean;
  /** A running clock is past its due date. */
  overdue?: boolean;
  /** Assigned to this officer (any case; the directory's spelling is looked up). */
  assignedTo?: string;
  /** Assigned to nobody. */
  unassigned?: boolean;
  /** A reference, a name, a contact or words of the description. */
  search?: string;
  limit?: number;
  offset?: number;
}

export interface ComplaintListItem {
  complaint: Complaint;
  clocks: ComplaintClocks;
}

/**
 * What staff tools (CLI, admin API, dashboard) do with complaints, on top of the complaint register:
 * where each clock stands, lists with the « at risk » and « overdue » filters, and a loose reference
 * parser. Plain TypeScript, shared by all three.
 */
export class ComplaintDesk {
  constructor(
    readonly complaints: ComplaintService,
    private readonly calendar: BusinessCalendar,
    private readonly clock: Clock,
    private readonly atRiskDays: AtRiskDays,
    readonly directory: StaffDirectory = new StaffDirectory([]),
  ) {}

  /**
   * Assigns the complaint to an officer of the staff directory (when it is configured), or back to the
   * team (`officer` undefined). Throws UnknownStaffError for a name the directory does not hold.
   */
  async assign(reference: string, officer: string | undefined, actor: string, note?: string): Promise<Complaint> {
    const name = officer === undefined ? undefined : canonicalStaffName(this.directory, officer);
    if (name === '') throw new ComplaintError('invalidInput', 'an officer name is required');
    return this.complaints.assign(reference, name, { actor, note });
  }

  /** « pl 2026 12 » → PL-2026-000012; undefined when it does not look like a complaint reference. */
  static parseReference(input: string): string | undefined {
    return parseReference(COMPLAINT_REFERENCE_PREFIX, input);
  }

  clocks(complaint: Complaint, now = this.clock.now()): ComplaintClocks {
    const stoppedAt = complaint.abandonedAt ?? complaint.closedAt;
    const common = { now, calendar: this.calendar, stoppedAt };
    return {
      firstContact: clockStatus({
        ...common,
        dueDate: complaint.firstContactDueDate,
        eventAt: complaint.firstContactAt,
        atRiskBusinessDays: this.atRiskDays.firstContact,
      }),
      answer: clockStatus({ ...common, dueDate: complaint.answerDueDate, eventAt: complaint.answeredAt, atRiskBusinessDays: this.atRiskDays.answer }),
    };
  }

  /**
   * Complaints in reception order, with their clocks. `limit` + 1 rows are read so the caller knows
   * whether more exist. With --at-risk or --overdue, SQL narrows to running clocks due soon enough and
   * the exact state comes from clockStatus (the same rule as the reminders).
   */
  async list(filter: ComplaintListFilter = {}): Promise<{ items: ComplaintListItem[]; more: boolean }> {
    const now = this.clock.now();
    const limit = filter.limit ?? 100;
    const base = this.repositoryFilter(filter);
    if (!filter.atRisk && !filter.overdue) {
      const rows = await this.complaints.list({ ...base, limit: limit + 1, offset: filter.offset });
      return { items: rows.slice(0, limit).map((c) => ({ complaint: c, clocks: this.clocks(c, now) })), more: rows.length > limit };
    }
    const today = this.calendar.localDateOf(now);
    const horizon = filter.atRisk
      ? this.calendar.addBusinessDays(today, Math.max(this.atRiskDays.firstContact, this.atRiskDays.answer))
      : this.calendar.addCalendarDays(today, -1);
    const wanted = (s: ClockStatus) => (filter.atRisk && (s.state === 'atRisk' || s.state === 'dueToday')) || (filter.overdue && s.state === 'overdue');
    const matching: ComplaintListItem[] = [];
    for await (const complaint of this.complaints.stream({ ...base, openClockDueOnOrBefore: horizon })) {
      const clocks = this.clocks(complaint, now);
      if (wanted(clocks.firstContact) || wanted(clocks.answer)) matching.push({ complaint, clocks });
    }
    const start = filter.offset ?? 0;
    return { items: matching.slice(start, start + limit), more: matching.length > start + limit };
  }

  async show(reference: string): Promise<{ complaint: Complaint; clocks: ComplaintClocks; history: ComplaintEvent[] } | undefined> {
    const complaint = await this.complaints.get(reference);
    if (!complaint) return undefined;
    return { complaint, clocks: this.clocks(complaint), history: await this.complaints.history(reference) };
  }

  /** The register's filter for complaints received between two local dates (both included). */
  repositoryFilter(
    filter: Pick<ComplaintListFilter, 'statuses' | 'service' | 'receivedFrom' | 'receivedTo' | 'assignedTo' | 'unassigned' | 'search'>,
  ): ComplaintFilter {
    const search = filter.search === undefined ? undefined : parseComplaintSearch(filter.search);
    if (filter.search !== undefined && !search) throw new ComplaintError('invalidInput', 'nothing to search for');
    return {
      statuses: filter.statuses,
      service: filter.service,
      assignedTo: filter.assignedTo === undefined ? undefined : (this.directory.find(filter.assignedTo)?.name ?? filter.assignedTo.trim()),
      unassigned: filter.unassigned,
      search,
      receivedFrom: filter.receivedFrom ? this.calendar.startOf(filter.receivedFrom) : undefined,
      receivedBefore: filter.receivedTo ? this.calendar.startOf(this.calendar.addCalendarDays(filter.receivedTo, 1)) : undefined,
    };
  }
}
