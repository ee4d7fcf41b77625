import { z } from 'zod';
import { UnknownStaffError } from '../domain/staff/staffDirectory';
import { PeriodError, PeriodErrorCode } from '../domain/statistics/period';
import type { StatisticsService } from '../domain/statistics/statisticsService';
import type { HttpError } from './httpErrors';

/** A request refused before it reaches the domain, with the answer to give. */
export class ApiError extends Error {
  constructor(readonly http: HttpError) {
    super(http.message);
  }
}

export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
export const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * A query, a path parameter or a JSON body checked against its schema (an object schema refuses a body
 * that is no object): 400 InvalidRequest naming what is wrong, at most 300 characters.
 */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const message = result.error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
  throw new ApiError({ status: 400, code: 'InvalidRequest', message: message.slice(0, 300) });
}

/** Dates that look right but do not exist (2026-02-30) are refused too. */
export function checkDates(dates: Array<string | undefined>, statistics: StatisticsService): void {
  for (const date of dates) if (date) statistics.periods.parseDate(date);
}

const PERIOD_MESSAGES: Record<PeriodErrorCode, string> = {
  invalidDate: 'from and to must be existing dates, YYYY-MM-DD.',
  invalidMonth: 'period must be a month, YYYY-MM (e.g. 2026-11).',
  invalidFiscalYear: 'fiscalYear must look like 2026-2027 (April 1 to March 31).',
  reversed: 'to is before from.',
  conflict: 'Give one of period, fiscalYear, or from and to.',
  incomplete: 'Give from and to together.',
  tooLong: 'The period is too long (20 years at most).',
};

/** The answer to the errors every admin API shares (a refused request, a period, an unknown officer); undefined for the others. */
export function commonHttpError(err: unknown): HttpError | undefined {
  if (err instanceof ApiError) return err.http;
  if (err instanceof PeriodError) return { status: 400, code: 'InvalidPeriod', message: PERIOD_MESSAGES[err.code] };
  if (err instanceof UnknownStaffError) return { status: 400, code: 'UnknownOfficer', message: 'No staff member of ADMIN_TOKENS has this name.' };
  return undefined;
}
