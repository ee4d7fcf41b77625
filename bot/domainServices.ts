import type { DomainServices, PrivacySettings } from '../domain/services';
import { BusinessCalendar } from '../domain/calendar/businessCalendar';
import type { Clock } from '../domain/clock';
import { ComplaintRepository } from '../domain/complaints/complaintRepository';
import { ComplaintService } from '../domain/complaints/complaintService';
import type { Database } from '../domain/db/database';
import { lookupThrottlePolicies } from './services';

export { lookupThrottlePolicies };

/**
 * @deprecated Use `createServices(config, db, clock)` (bot/services.ts), the one composition root.
 * Kept only for the retention commands (bot/cli/*Retention*.ts), which are being folded separately:
 * the complaints on a database, nothing else. Remove this file once they take their services from the CliContext.
 */
export function createDomainServices(db: Database, clock: Clock, privacy: PrivacySettings): Pick<DomainServices, 'clock' | 'calendar' | 'complaints' | 'privacy'> {
  const calendar = BusinessCalendar.fromDataFile();
  return { clock, calendar, complaints: new ComplaintService(new ComplaintRepository(db), calendar, clock), privacy };
}
