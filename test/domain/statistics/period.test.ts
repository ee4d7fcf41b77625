import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fiscalYearStart, PeriodError, PeriodFactory } from '../../../domain/statistics/period';

const periods = new PeriodFactory(BusinessCalendar.fromDataFile());

describe('reporting periods', () => {
  it('cuts months at midnight in Québec, across the changes of time', () => {
    const november = periods.month('2026-11');
    expect(november).toMatchObject({ kind: 'month', label: '2026-11', from: '2026-11-01', to: '2026-11-30', toExclusive: '2026-12-01' });
    // Daylight time until Nov 1 at 2:00, standard time after.
    expect(november.startsAt.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(november.endsBefore.toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(periods.month('2027-03').endsBefore.toISOString()).toBe('2027-04-01T04:00:00.000Z');
    expect(periods.month('2028-02').to).toBe('2028-02-29');
  });

  it('runs fiscal years from April 1 to March 31', () => {
    expect(periods.fiscalYear('2026-2027')).toMatchObject({ kind: 'fiscalYear', label: '2026-2027', from: '2026-04-01', to: '2027-03-31' });
    expect(periods.fiscalYear('2026').label).toBe('2026-2027');
    expect(periods.fiscalYearOf('2027-03-31').label).toBe('2026-2027');
    expect(periods.fiscalYearOf('2027-04-01').label).toBe('2027-2028');
    expect([fiscalYearStart('2026-03-31'), fiscalYearStart('2026-04-01')]).toEqual([2025, 2026]);
  });

  it('lists the months and fiscal years of a range, cut to it', () => {
    const range = periods.range('2026-03-15', '2026-05-10');
    expect(periods.monthsOf(range).map((m) => [m.label, m.from, m.to])).toEqual([
      ['2026-03', '2026-03-15', '2026-03-31'],
      ['2026-04', '2026-04-01', '2026-04-30'],
      ['2026-05', '2026-05-01', '2026-05-10'],
    ]);
    expect(periods.fiscalYearsOf(range).map((y) => [y.label, y.from, y.to])).toEqual([
      ['2025-2026', '2026-03-15', '2026-03-31'],
      ['2026-2027', '2026-04-01', '2026-05-10'],
    ]);
  });

  it('reads a request: a month, a fiscal year, a range, or the current fiscal year', () => {
    const now = new Date('2027-02-10T15:00:00Z');
    expect(periods.fromRequest({ period: '2026-11' }, now).label).toBe('2026-11');
    expect(periods.fromRequest({ fiscalYear: '2025-2026' }, now).from).toBe('2025-04-01');
    expect(periods.fromRequest({ from: '2026-01-01', to: '2026-01-31' }, now)).toMatchObject({ kind: 'range', label: '2026-01-01_2026-01-31' });
    expect(periods.fromRequest({}, now).label).toBe('2026-2027');
  });

  it.each([
    [{ period: '2026-13' }, 'invalidMonth'],
    [{ period: '11-2026' }, 'invalidMonth'],
    [{ fiscalYear: '2026-2028' }, 'invalidFiscalYear'],
    [{ fiscalYear: 'cette année' }, 'invalidFiscalYear'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'invalidDate'],
    [{ from: '2026-03-01', to: '2026-02-01' }, 'reversed'],
    [{ from: '2026-03-01' }, 'incomplete'],
    [{ period: '2026-11', fiscalYear: '2026-2027' }, 'conflict'],
    [{ from: '1990-01-01', to: '2026-01-01' }, 'tooLong'],
  ])('refuses %j (%s)', (request, code) => {
    expect(() => periods.fromRequest(request, new Date())).toThrow(PeriodError);
    try {
      periods.fromRequest(request, new Date());
    } catch (err) {
      expect((err as PeriodError).code).toBe(code);
    }
  });
});
