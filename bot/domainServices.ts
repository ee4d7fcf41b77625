import type { DomainServices } from '../dialogs/shared/services';
import { BusinessCalendar } from '../domain/calendar/businessCalendar';
import type { Clock } from '../domain/clock';
import { ComplaintRepository } from '../domain/complaints/complaintRepository';
import { ComplaintService } from '../domain/complaints/complaintService';
import type { Database } from '../domain/db/database';
import { ServiceHours } from '../domain/serviceHours';

/** Builds the plain domain services on a database; the server, the CLI and the tests share it. */
export function createDomainServices(db: Database, clock: Clock): DomainServices {
  const calendar = BusinessCalendar.fromDataFile();
  return {
    clock,
    calendar,
    hours: ServiceHours.fromDataFile(calendar),
    complaints: new ComplaintService(new ComplaintRepository(db), calendar, clock),
  };
}
