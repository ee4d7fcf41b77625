import { Clock, systemClock } from '../../domain/clock';

/**
 * TEST_CLOCK=2027-02-01T15:00:00Z runs the suites as if it were that instant: the server of the HTTP
 * tests and the pages in Chromium start there and tick in real time. `npm run test:dates` uses it to
 * prove that no test depends on today's date.
 */
export const TEST_CLOCK_VARIABLE = 'TEST_CLOCK';

/** The instant the test clock starts at, or undefined to use the real time. */
export function testClockStart(env: NodeJS.ProcessEnv = process.env): Date | undefined {
  const value = env[TEST_CLOCK_VARIABLE]?.trim();
  if (!value) return undefined;
  const start = new Date(value);
  if (Number.isNaN(start.getTime())) throw new Error(`${TEST_CLOCK_VARIABLE} must be an ISO 8601 instant, e.g. 2027-02-01T15:00:00Z`);
  return start;
}

/** A clock that starts at TEST_CLOCK and runs at the real pace; the system clock when it is not set. */
export function testClock(): Clock {
  const start = testClockStart();
  if (!start) return systemClock;
  const offset = start.getTime() - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}
