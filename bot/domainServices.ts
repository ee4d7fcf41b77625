import type { DomainServices } from '../dialogs/shared/services';
import { BusinessCalendar } from '../domain/calendar/businessCalendar';
import type { Clock } from '../domain/clock';
import type { Database } from '../domain/db/database';
import { ServiceHours } from '../domain/serviceHours';

/** Builds the plain domain services on a database; the server, the CLI and the tests share it. */
export function createDomainServices(_db: Database, clock: Clock): DomainServices {
  const calendar = BusinessCalendar.fromDataFile();
  return { clock, calendar, hours: ServiceHours.fromDataFile(calendar) };
}
