/**
 * `npm run bench:scheduler`: times one reminder pass over a register of 100 000 open complaints in a
 * SQLite file (`--complaints <n>` to change), delivering the digest to a real SMTP server on
 * loopback, and prints the query plans. `--repeat <n>` (default 3) repeats the three passes from an
 * empty alert table and reports the median and the best. Writes reports/bench-scheduler.json.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { loadConfig } from '../../bot/config';
import { createReminderScheduler } from '../../bot/reminderJobs';
import { BusinessCalendar, LocalDate } from '../../domain/calendar/businessCalendar';
import { computeDeadlines, ComplaintDeadlines } from '../../domain/complaints/deadlines';
import { openDatabase } from '../../domain/db/database';
import { projectPath, projectRoot } from '../../domain/paths';
import { translator } from '../../domain/i18n';
import { formatReference } from '../../domain/references';
import { ReminderRepository } from '../../domain/reminders/reminderRepository';
import type { ReminderRunResult } from '../../domain/reminders/reminderScheduler';
import { argValue } from './benchSupport';

const GOAL_MS = 1000;
const SERVICES = ['ca-dotation-phone', 'ca-dotation-email', 'online-staffing-systems', 'online-exams', 'qualification-processes', 'other'];

async function main(): Promise<void> {
  const count = argValue('complaints', 100_000);
  const calendar = BusinessCalendar.fromDataFile();
  // A fixed business day, so every run of the bench measures the same register.
  const today: LocalDate = '2027-03-10';
  const now = calendar.instantAt(today, 8, 0);
  const nextDay = calendar.instantAt(calendar.nextBusinessDay(today), 8, 0);

  // SCHEDULER_BENCH_DIR keeps the database there for inspection; otherwise a temp folder, removed at the end.
  const keepDir = process.env.SCHEDULER_BENCH_DIR;
  if (keepDir) rmSync(join(keepDir, 'bench.sqlite'), { force: true });
  const dir = keepDir ? (mkdirSync(keepDir, { recursive: true }), keepDir) : mkdtempSync(join(tmpdir(), 'scheduler-bench-'));
  const smtp = await startSmtp();
  try {
    const databaseUrl = `sqlite:${join(dir, 'bench.sqlite')}`;
    const db = await openDatabase(databaseUrl);
    const seedStart = performance.now();
    const stats = await seed(db, calendar, now, count);
    const seedMs = performance.now() - seedStart;
    await db.raw('analyze');
    console.log(
      `Register: ${count} open complaints (${stats.received} awaiting first contact, ${stats.contacted} contacted) received over the 60 days before ${today}`,
    );
    console.log(
      `Seeded in ${(seedMs / 1000).toFixed(1)} s (batched inserts in one transaction); file ${(statSync(join(dir, 'bench.sqlite')).size / 1e6).toFixed(1)} MB`,
    );

    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      REMINDER_FROM: 'rappels@exemple.gouv.qc.ca',
      STAFF_EMAILS: 'equipe.plaintes@exemple.gouv.qc.ca',
      PUBLIC_BASE_URL: 'https://assistant.exemple.gouv.qc.ca',
    });
    const scheduler = createReminderScheduler(config, db, { calendar });

    // Warm the statement cache, the calendar and i18next (loaded at start in the server) outside the timings.
    await scheduler.plan(now);
    translator('fr');

    // The passes change the database, so each repetition starts again from an empty alert table.
    const repeat = argValue('repeat', 3);
    const scenario: Array<[string, Date]> = [
      ['first pass on the full register (empty alert table: every level reached so far is raised)', now],
      ['daily pass, next business day (only the clocks that changed level)', nextDay],
      ['same moment again (nothing new)', nextDay],
    ];
    const passes = scenario.map(([name, at]) => ({
      name,
      asOf: at.toISOString(),
      ms: [] as number[],
      result: undefined as ReminderRunResult | undefined,
      mailBytes: 0,
    }));
    const loadBefore = loadavg()[0];
    let sent = 0;
    for (let r = 0; r < repeat; r++) {
      await db('deadline_alerts').delete();
      await db('reminder_digests').delete();
      for (const [i, [, at]] of scenario.entries()) {
        const before = smtp.bytes;
        const start = performance.now();
        const result = await scheduler.run(at);
        passes[i].ms.push(performance.now() - start);
        sent += result.deliveries.filter((d) => d.status === 'sent').length;
        await smtp.untilMessages(sent);
        passes[i].result = result;
        passes[i].mailBytes = smtp.bytes - before;
      }
    }
    const loadAfter = loadavg()[0];

    console.log(`\n${repeat} repetitions; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (${cpus().length} CPUs)`);
    for (const p of passes) {
      const best = Math.min(...p.ms);
      const median = [...p.ms].sort((a, b) => a - b)[Math.floor(p.ms.length / 2)];
      const result = p.result!;
      const superseded = result.claimed.filter((a) => a.superseded).length;
      const sent = result.deliveries.filter((d) => d.status === 'sent').length;
      console.log(
        `${median.toFixed(0).padStart(6)} ms median, ${best.toFixed(0)} ms best — ${median < GOAL_MS ? 'under' : 'OVER'} the ${GOAL_MS} ms goal — ${p.name}`,
      );
      console.log(
        `          alerts recorded: ${result.claimed.length - superseded} mailed + ${superseded} superseded; digests sent: ${sent} (${(p.mailBytes / 1024).toFixed(0)} KiB over SMTP)`,
      );
    }

    const repository = new ReminderRepository(db);
    const plans = {
      firstContact: await repository.explainCandidates('firstContact', today, calendar.addBusinessDays(today, config.REMINDER_AT_RISK_FIRST_CONTACT_DAYS)),
      answer: await repository.explainCandidates('answer', today, calendar.addBusinessDays(today, config.REMINDER_AT_RISK_ANSWER_DAYS)),
      outbox: await repository.explainDueDigests(nextDay),
    };
    console.log('\nEXPLAIN QUERY PLAN');
    for (const [name, lines] of Object.entries(plans)) {
      console.log(`  ${name} candidates:`.replace('outbox candidates', 'outbox (due digests)'));
      for (const line of lines) console.log(`    ${line}`);
    }

    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      sqlite: ((await db.raw('select sqlite_version() as v')) as Array<{ v: string }>)[0].v,
      complaints: count,
      seedMs: Math.round(seedMs),
      goalMs: GOAL_MS,
      repeat,
      loadAverage: { before: loadBefore, after: loadAfter },
      passes: passes.map((p) => ({
        name: p.name,
        asOf: p.asOf,
        ms: p.ms.map(Math.round),
        alertsMailed: p.result!.claimed.filter((a) => !a.superseded).length,
        alertsSuperseded: p.result!.claimed.filter((a) => a.superseded).length,
        digestsSent: p.result!.deliveries.filter((d) => d.status === 'sent').length,
        mailBytes: p.mailBytes,
      })),
      queryPlans: plans,
    };
    mkdirSync(projectPath('reports'), { recursive: true });
    writeFileSync(projectPath('reports', 'bench-scheduler.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nReport: ${projectPath('reports', 'bench-scheduler.json')}`);
    await db.destroy();
  } finally {
    await smtp.stop();
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Fictitious complaints, inserted straight into the table in batches (the service's one-by-one path would take minutes). */
async function seed(db: Awaited<ReturnType<typeof openDatabase>>, calendar: BusinessCalendar, now: Date, count: number) {
  const deadlines = new Map<LocalDate, ComplaintDeadlines>();
  const stats = { received: 0, contacted: 0 };
  let seedValue = 42;
  const random = () => (seedValue = (seedValue * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  await db.transaction(async (trx) => {
    let batch: Array<Record<string, string | number | boolean | null>> = [];
    for (let i = 1; i <= count; i++) {
      const receivedAt = new Date(now.getTime() - Math.floor(random() * 60 * 86_400_000) - 3_600_000);
      const day = calendar.localDateOf(receivedAt);
      if (!deadlines.has(day)) deadlines.set(day, computeDeadlines(receivedAt, calendar));
      const d = deadlines.get(day)!;
      // Most complaints get their first contact; those received in the last week mostly not yet.
      const contacted = d.firstContactDueDate < calendar.localDateOf(now) ? random() < 0.7 : random() < 0.3;
      const firstContactAt = contacted ? new Date(Math.min(now.getTime() - 60_000, receivedAt.getTime() + 2 * 86_400_000)).toISOString() : null;
      stats[contacted ? 'contacted' : 'received'] += 1;
      const iso = receivedAt.toISOString();
      batch.push({
        reference: formatReference('PL', 2027, i),
        submission_id: `bench-${i}`,
        status: contacted ? 'contacted' : 'received',
        received_at: iso,
        received_date: d.receivedDate,
        calendar_version: d.calendarVersion,
        first_contact_due_date: d.firstContactDueDate,
        first_contact_due_at: d.firstContactDueAt.toISOString(),
        answer_due_date: d.answerDueDate,
        answer_due_at: d.answerDueAt.toISOString(),
        first_contact_at: firstContactAt,
        complainant_name: `Personne fictive ${i}`,
        contact_method: 'email',
        contact_value: `fictif-${i}@exemple.invalid`,
        contact_key: `fictif-${i}@exemple.invalid`,
        service: SERVICES[i % SERVICES.length],
        description: 'Plainte fictive pour la mesure de performance.',
        anonymized: false,
        updated_at: iso,
      });
      if (batch.length === 500 || i === count) {
        const columns = Object.keys(batch[0]);
        const row = `(${columns.map(() => '?').join(', ')})`;
        await trx.raw(
          `insert into complaints (${columns.join(', ')}) values ${batch.map(() => row).join(', ')}`,
          batch.flatMap((r) => columns.map((c) => r[c] as string | number | boolean | null)),
        );
        batch = [];
      }
    }
  });
  return stats;
}

/**
 * A real SMTP server (smtp-server) on loopback, in its own process so that its parsing does not count
 * in the pass: it accepts everything and reports the bytes of each message it receives.
 */
interface SmtpSink {
  port: number;
  bytes: number;
  messages: number;
  /** Resolves once the sink has reported `count` messages (its reports come through a pipe, a little later). */
  untilMessages(count: number): Promise<void>;
  stop(): Promise<void>;
}

async function startSmtp(): Promise<SmtpSink> {
  const script = `
    const { SMTPServer } = require('smtp-server');
    const server = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, session, callback) { let n = 0; stream.on('data', (c) => (n += c.length)); stream.on('end', () => { process.stdout.write('bytes ' + n + '\\n'); callback(); }); } });
    server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.server.address().port + '\\n'));
    process.stdin.on('end', () => server.close(() => process.exit(0)));
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['-e', script], { cwd: projectRoot(), stdio: ['pipe', 'pipe', 'inherit'] });
  const received = new Set<() => void>();
  const state: SmtpSink = {
    port: 0,
    bytes: 0,
    messages: 0,
    untilMessages: (count) =>
      new Promise<void>((resolve) => {
        const check = () => state.messages >= count && (received.delete(check), resolve());
        received.add(check);
        check();
      }),
    stop: async () => undefined,
  };
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`SMTP sink exited with code ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const [kind, value] = buffered.slice(0, newline).split(' ');
        buffered = buffered.slice(newline + 1);
        if (kind === 'port') {
          state.port = Number(value);
          resolve();
        }
        if (kind === 'bytes') {
          state.bytes += Number(value);
          state.messages += 1;
          for (const notify of [...received]) notify();
        }
      }
    });
  });
  child.removeAllListeners('exit');
  state.stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin!.end();
    });
  return state;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
