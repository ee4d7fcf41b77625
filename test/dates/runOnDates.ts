import { spawnSync } from 'node:child_process';
import { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { projectPath } from '../../domain/paths';
import { TEST_CLOCK_VARIABLE } from '../helpers/testClock';

/**
 * Runs the suites that use the running clock (the HTTP server, the CLI, the pages in Chromium) as if
 * it were each of the days that broke date-bound tests before: month names with accents (février,
 * août, décembre), the holiday closure, the last evening of the year, the first working days of
 * January, the Fête nationale. The days are the next ones from today, so the proof moves with time.
 *
 *   npm run test:dates                     # every default suite on every day
 *   npm run test:dates -- test/bot         # only some suites
 */
const DAYS: Array<{ month: number; day: number; hours: number; minutes: number }> = [
  { month: 2, day: 1, hours: 10, minutes: 0 },
  { month: 8, day: 1, hours: 10, minutes: 0 },
  { month: 12, day: 23, hours: 16, minutes: 0 },
  { month: 12, day: 31, hours: 23, minutes: 30 },
  { month: 1, day: 2, hours: 9, minutes: 0 },
  { month: 6, day: 24, hours: 10, minutes: 0 },
];
const DEFAULT_SUITES = ['test/bot', 'test/web', 'test/dialogs', 'test/domain'];

function nextOccurrences(calendar: BusinessCalendar, now: Date): Date[] {
  const [year] = calendar.localDateOf(now).split('-').map(Number);
  return DAYS.map(({ month, day, hours, minutes }) => {
    const on = (y: number) => calendar.instantAt(`${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, hours, minutes);
    return on(year) > now ? on(year) : on(year + 1);
  }).sort((a, b) => a.getTime() - b.getTime());
}

function main(): number {
  const suites = process.argv.slice(2);
  const instants = nextOccurrences(BusinessCalendar.fromDataFile(), new Date());
  const results: string[] = [];
  for (const instant of instants) {
    const iso = instant.toISOString();
    process.stdout.write(`\n=== ${TEST_CLOCK_VARIABLE}=${iso} ===\n`);
    const run = spawnSync(process.execPath, [projectPath('node_modules/jest/bin/jest.js'), ...(suites.length ? suites : DEFAULT_SUITES)], {
      cwd: projectPath(),
      stdio: 'inherit',
      env: { ...process.env, [TEST_CLOCK_VARIABLE]: iso },
    });
    results.push(`${iso}: ${run.status === 0 ? 'passed' : 'FAILED'}`);
  }
  process.stdout.write(`\n${results.join('\n')}\n`);
  return results.every((r) => r.endsWith('passed')) ? 0 : 1;
}

process.exitCode = main();
