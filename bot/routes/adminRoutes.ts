import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { COMPLAINT_OUTCOMES, COMPLAINT_SERVICES, CONTACT_CHANNELS, CONTACT_RESULTS, OUTCOMES_NEEDING_MEASURES } from '../../domain/complaints/complaint';
import { parseComplaintSearch, SEARCH_MAX_LENGTH } from '../../domain/complaints/complaintSearch';
import { ComplaintError, MEASURES_MAX_LENGTH } from '../../domain/complaints/complaintService';
import { parseStatusList } from '../../domain/complaints/statusNames';
import { EXAM_ROUTES, INCIDENT_STATUSES, PROBLEM_KINDS } from '../../domain/exams/examIncident';
import { INCIDENT_NOTE_MAX_LENGTH, IncidentWorkflow, IncidentWorkflowError } from '../../domain/exams/incidentWorkflow';
import { complaintColumns, incidentColumns } from '../../domain/exports/exportColumns';
import { STATISTICS_SECTIONS, statisticsTable } from '../../domain/exports/statisticsExport';
import { contentType, CSV_DELIMITERS, EXPORT_FORMATS, ExportFormat, exportStream } from '../../domain/exports/tabularExport';
import { Lang, translator } from '../../domain/i18n';
import { ComplaintDesk } from '../../domain/staff/complaintDesk';
import { complaintDetail, complaintSummary } from '../../domain/staff/complaintViews';
import { incidentDetail, incidentSummary } from '../../domain/staff/incidentViews';
import type { Services } from '../services';
import type { Config } from '../config';
import { HttpError } from '../httpErrors';
import type { Logger } from '../logger';
import type { AdminAuthenticator } from './adminAuth';
import { adminGuard } from './adminGuard';
import { ApiError, checkDates, commonHttpError, flag, localDate, parseRequest } from '../apiRequest';
import { registerAdminPage } from './adminPage';
import { answerMailable, registerAnswerMailRoute } from './answerMailRoute';
import { ANSWER_MESSAGE_MAX_LENGTH, hasUnfilledTemplate } from '../../domain/notifications/answerTemplate';

export const NOTE_MAX_LENGTH = 2000;

export interface AdminRoutesOptions {
  config: Pick<Config, 'PUBLIC_BASE_URL'>;
  /** The staff tokens of ADMIN_TOKENS, one authenticator for every staff API. */
  auth: AdminAuthenticator;
  services: Pick<Services, 'complaints' | 'calendar' | 'clock' | 'citizenMail' | 'desk' | 'statistics' | 'incidents' | 'reminderStatistics' | 'staff'>;
  logger: Logger;
}

const statusList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .transform((v, ctx) => {
    // Keys or the names shown on screen: « reçue », « prise en charge »…, with or without accents.
    const { statuses, unknown } = parseStatusList(v.join(','));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `unknown status "${unknown[0].slice(0, 40)}"` });
    return statuses;
  });
const periodQuery = {
  from: localDate.optional(),
  to: localDate.optional(),
  period: z.string().max(20).optional(),
  fiscalYear: z.string().max(20).optional(),
};
const delimiter = z.enum(['comma', 'semicolon', 'tab', ',', ';']).transform((v) => ({ comma: ',', semicolon: ';', tab: '\t' })[v as 'comma'] ?? v);
const lang = z.enum(['fr', 'en']).default('fr');

const listQuery = z.strictObject({
  status: statusList.optional(),
  service: z.enum(COMPLAINT_SERVICES).optional(),
  atRisk: flag.optional(),
  overdue: flag.optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  /** `me` (the token's name), or a staff name. */
  assignedTo: z.string().trim().min(1).max(100).optional(),
  unassigned: flag.optional(),
  q: z
    .string()
    .trim()
    .max(SEARCH_MAX_LENGTH)
    .refine((v) => parseComplaintSearch(v) !== undefined, 'give letters or digits to search for')
    .optional(),
});
const assignBody = z.strictObject({
  /** A staff name, `me`, or null to give the complaint back to the team. */
  officer: z.string().trim().min(1).max(100).nullable(),
  note: z.string().trim().max(NOTE_MAX_LENGTH).optional(),
});
const contactAttemptBody = z.strictObject({
  channel: z.enum(CONTACT_CHANNELS),
  result: z.enum(CONTACT_RESULTS),
  note: z.string().trim().max(NOTE_MAX_LENGTH).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});
const closeBody = z
  .strictObject({
    outcome: z.enum(COMPLAINT_OUTCOMES),
    correctiveMeasures: z.string().trim().max(MEASURES_MAX_LENGTH).optional(),
    note: z.string().trim().max(NOTE_MAX_LENGTH).optional(),
  })
  .refine((b) => !OUTCOMES_NEEDING_MEASURES.includes(b.outcome) || Boolean(b.correctiveMeasures), {
    path: ['correctiveMeasures'],
    message: 'required when the complaint is founded or partly founded',
  });
const incidentListQuery = z.strictObject({
  status: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(INCIDENT_STATUSES)))
    .optional(),
  assignedTo: z.string().trim().min(1).max(100).optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  kind: z.enum(PROBLEM_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
const incidentNoteBody = z.strictObject({ note: z.string().trim().max(INCIDENT_NOTE_MAX_LENGTH).optional() });
const actionBody = z.strictObject({
  note: z.string().trim().max(NOTE_MAX_LENGTH).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});
// The answer can also be e-mailed to the citizen from the French (or English) template: { send: true, message }.
const answerBody = actionBody.extend({ send: z.boolean().optional(), message: z.string().trim().min(1).max(ANSWER_MESSAGE_MAX_LENGTH).optional() });
const noteBody = z.strictObject({ note: z.string().trim().min(1).max(NOTE_MAX_LENGTH) });
const statsQuery = z.strictObject({ ...periodQuery, lang: lang.optional() });
const complaintExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  from: localDate.optional(),
  to: localDate.optional(),
  status: statusList.optional(),
  service: z.enum(COMPLAINT_SERVICES).optional(),
  delimiter: delimiter.optional(),
  includePersonal: flag.optional(),
  lang,
});
const statisticsExportQuery = z.strictObject({
  ...periodQuery,
  format: z.enum(EXPORT_FORMATS).default('csv'),
  section: z.enum(STATISTICS_SECTIONS).default('complaints'),
  delimiter: delimiter.optional(),
  lang,
});
const incidentExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  from: localDate.optional(),
  to: localDate.optional(),
  kind: z.enum(PROBLEM_KINDS).optional(),
  route: z.enum(EXAM_ROUTES).optional(),
  delimiter: delimiter.optional(),
  lang,
});

/**
 * The admin API under /api/admin (JSON), for staff (complaints) and managers (statistics, exports and
 * everything staff can do), with bearer tokens from ADMIN_TOKENS; plus the dashboard page at /admin.
 * 401 without a valid token, 403 for a role that may not, 4xx with { error: { code, message } } for
 * a malformed request. Actions record the token's name as the actor. Logs carry the route, the role
 * and the reference, never a token, a name or what a citizen wrote.
 */
export function registerAdminRoutes(server: Server, options: AdminRoutesOptions): void {
  const { config, services, logger, auth } = options;
  const { desk, statistics, incidents, reminderStatistics: reminders, staff: directory } = services;
  const workflow = new IncidentWorkflow(incidents, services.clock);

  const guarded = adminGuard(auth, logger, toHttpError);

  const reference = (req: Request): string => {
    const parsed = ComplaintDesk.parseReference(String((req.params as { reference?: string }).reference ?? ''));
    if (!parsed) throw new ApiError({ status: 400, code: 'InvalidReference', message: 'The reference must look like PL-2026-000123.' });
    return parsed;
  };

  server.get(
    '/api/admin/me',
    guarded('staff', 'me', async (_req, res, principal) => {
      res.send(200, { name: principal.name, role: principal.role });
    }),
  );

  server.get(
    '/api/admin/complaints',
    guarded('staff', 'complaints.list', async (req, res, principal) => {
      const q = parseRequest(listQuery, req.query);
      if (q.assignedTo && q.unassigned) throw new ApiError({ status: 400, code: 'InvalidRequest', message: 'assignedTo and unassigned exclude each other.' });
      if (q.from && q.to && q.to < q.from) throw new ApiError({ status: 400, code: 'InvalidPeriod', message: 'to is before from.' });
      checkDates([q.from, q.to], statistics);
      const { items, more } = await desk.list({
        assignedTo: q.assignedTo === 'me' ? principal.name : q.assignedTo,
        unassigned: q.unassigned,
        search: q.q,
        statuses: q.status,
        service: q.service,
        receivedFrom: q.from,
        receivedTo: q.to,
        atRisk: q.atRisk,
        overdue: q.overdue,
        limit: q.limit,
        offset: q.offset,
      });
      res.send(200, { items: items.map((i) => complaintSummary(i.complaint, i.clocks)), more, limit: q.limit, offset: q.offset });
    }),
  );

  server.get(
    '/api/admin/complaints/:reference',
    guarded('staff', 'complaints.show', async (req, res) => {
      const ref = reference(req);
      const found = await desk.show(ref);
      if (!found) throw new ComplaintError('notFound', 'unknown');
      res.send(200, complaintDetail(found.complaint, found.clocks, found.history));
    }),
  );

  const transitions = {
    'first-contact': (ref: string, action: Parameters<typeof services.complaints.recordFirstContact>[1]) => services.complaints.recordFirstContact(ref, action),
    answer: (ref: string, action: Parameters<typeof services.complaints.recordAnswer>[1]) => services.complaints.recordAnswer(ref, action),
    abandon: (ref: string, action: Parameters<typeof services.complaints.abandon>[1]) => services.complaints.abandon(ref, action),
  } as const;
  for (const [name, run] of Object.entries(transitions)) {
    server.post(
      `/api/admin/complaints/:reference/${name}`,
      guarded('staff', `complaints.${name}`, async (req, res, principal) => {
        const ref = reference(req);
        const body: z.infer<typeof answerBody> = parseRequest(name === 'answer' ? answerBody : actionBody, req.body ?? {});
        const mail = body.send ? await answerMailCheck(ref, body.message) : undefined;
        if (name === 'abandon' && !body.note)
          throw new ApiError({ status: 400, code: 'InvalidRequest', message: 'note: a note is required to abandon a complaint.' });
        const at = body.at ? new Date(body.at) : undefined;
        if (at && at.getTime() > services.clock.now().getTime() + 5 * 60_000)
          throw new ApiError({ status: 400, code: 'InvalidRequest', message: 'at: is in the future.' });
        const updated = await run(ref, { actor: principal.name, note: body.note || (mail ? translator('fr')('citizenMail:cli.note') : undefined), at });
        logger.info({ route: `complaints.${name}`, reference: ref, role: principal.role }, 'complaint updated from the admin API');
        const queued = mail ? await mail.service.sendAnswer(updated, mail.message) : undefined;
        const found = (await desk.show(ref))!;
        res.send(200, { ...complaintDetail(found.complaint, found.clocks, found.history), ...(queued ? { mail: { id: queued.id, kind: 'answer', queued: queued.created } } : {}) });
      }),
    );
  }

  registerAnswerMailRoute(server, guarded, reference, services);

  /** `{ send: true, message }` on the answer: e-mail switched on, a message, a complaint with an e-mail contact. */
  const answerMailCheck = async (ref: string, message: string | undefined) => {
    if (!message) throw new ApiError({ status: 400, code: 'InvalidRequest', message: 'message: the answer to send is required with send.' });
    if (hasUnfilledTemplate(message))
      throw new ApiError({ status: 400, code: 'TemplateNotFilled', message: 'message: replace the template\'s [à compléter] parts before sending.' });
    const { mail } = await answerMailable(services, ref);
    return { service: mail, message };
  };

  server.post(
    '/api/admin/complaints/:reference/notes',
    guarded('staff', 'complaints.note', async (req, res, principal) => {
      const ref = reference(req);
      const body = parseRequest(noteBody, req.body ?? {});
      await services.complaints.addNote(ref, { actor: principal.name, note: body.note });
      logger.info({ route: 'complaints.note', reference: ref, role: principal.role }, 'complaint note added from the admin API');
      const found = (await desk.show(ref))!;
      res.send(201, complaintDetail(found.complaint, found.clocks, found.history));
    }),
  );

  const sendDetail = async (res: Response, ref: string, status = 200) => {
    const found = (await desk.show(ref))!;
    res.send(status, complaintDetail(found.complaint, found.clocks, found.history));
  };

  server.get(
    '/api/admin/staff',
    guarded('staff', 'staff', async (_req, res) => {
      // Names and roles for the assignment list; never an e-mail or a token.
      res.send(200, { items: directory.members.map((m) => ({ name: m.name, role: m.role })) });
    }),
  );

  server.post(
    '/api/admin/complaints/:reference/close',
    guarded('staff', 'complaints.close', async (req, res, principal) => {
      const ref = reference(req);
      const body = parseRequest(closeBody, req.body ?? {});
      await services.complaints.close(ref, {
        actor: principal.name,
        note: body.note || undefined,
        outcome: body.outcome,
        correctiveMeasures: body.correctiveMeasures || undefined,
      });
      logger.info({ route: 'complaints.close', reference: ref, role: principal.role }, 'complaint updated from the admin API');
      await sendDetail(res, ref);
    }),
  );

  server.post(
    '/api/admin/complaints/:reference/assign',
    guarded('staff', 'complaints.assign', async (req, res, principal) => {
      const ref = reference(req);
      const body = parseRequest(assignBody, req.body ?? {});
      const officer = body.officer === null ? undefined : body.officer.toLowerCase() === 'me' ? principal.name : body.officer;
      await desk.assign(ref, officer, principal.name, body.note || undefined);
      logger.info({ route: 'complaints.assign', reference: ref, role: principal.role }, 'complaint assignment changed from the admin API');
      await sendDetail(res, ref);
    }),
  );

  server.post(
    '/api/admin/complaints/:reference/contact-attempts',
    guarded('staff', 'complaints.contactAttempt', async (req, res, principal) => {
      const ref = reference(req);
      const body = parseRequest(contactAttemptBody, req.body ?? {});
      const at = futureChecked(body.at, services.clock.now());
      await services.complaints.recordContactAttempt(ref, { actor: principal.name, channel: body.channel, result: body.result, note: body.note || undefined, at });
      logger.info({ route: 'complaints.contactAttempt', reference: ref, role: principal.role }, 'contact attempt recorded from the admin API');
      await sendDetail(res, ref, 201);
    }),
  );

  const incidentReference = (req: Request): string => {
    const parsed = IncidentWorkflow.parseReference(String((req.params as { reference?: string }).reference ?? ''));
    if (!parsed) throw new ApiError({ status: 400, code: 'InvalidReference', message: 'The reference must look like EX-2026-000045.' });
    return parsed;
  };

  server.get(
    '/api/admin/incidents',
    guarded('staff', 'incidents.list', async (req, res, principal) => {
      const q = parseRequest(incidentListQuery, req.query);
      checkDates([q.from, q.to], statistics);
      if (q.from && q.to && q.to < q.from) throw new ApiError({ status: 400, code: 'InvalidPeriod', message: 'to is before from.' });
      const calendar = services.calendar;
      const rows = await incidents.list({
        statuses: q.status,
        assignedTo: q.assignedTo === 'me' ? principal.name : (directory.find(q.assignedTo)?.name ?? q.assignedTo),
        kinds: q.kind ? [q.kind] : undefined,
        createdFrom: q.from ? calendar.startOf(q.from) : undefined,
        createdBefore: q.to ? calendar.startOf(calendar.addCalendarDays(q.to, 1)) : undefined,
        limit: q.limit + 1,
        offset: q.offset,
      });
      res.send(200, { items: rows.slice(0, q.limit).map(incidentSummary), more: rows.length > q.limit, limit: q.limit, offset: q.offset });
    }),
  );

  server.get(
    '/api/admin/incidents/:reference',
    guarded('staff', 'incidents.show', async (req, res) => {
      const found = await workflow.show(incidentReference(req));
      if (!found) throw new IncidentWorkflowError('notFound', 'unknown');
      res.send(200, incidentDetail(found.incident, found.history));
    }),
  );

  for (const step of ['take', 'resolve', 'notes'] as const) {
    server.post(
      `/api/admin/incidents/:reference/${step}`,
      guarded('staff', `incidents.${step}`, async (req, res, principal) => {
        const ref = incidentReference(req);
        const body = parseRequest(incidentNoteBody, req.body ?? {});
        const action = { actor: principal.name, note: body.note || undefined };
        if (step === 'take') await workflow.take(ref, action);
        else if (step === 'resolve') await workflow.resolve(ref, action);
        else await workflow.addNote(ref, action);
        logger.info({ route: `incidents.${step}`, reference: ref, role: principal.role }, 'exam incident updated from the admin API');
        const found = (await workflow.show(ref))!;
        res.send(step === 'notes' ? 201 : 200, incidentDetail(found.incident, found.history));
      }),
    );
  }

  server.get(
    '/api/admin/reminders/outbox',
    guarded('staff', 'reminders.outbox', async (_req, res) => {
      res.send(200, await reminders.outbox());
    }),
  );

  server.get(
    '/api/admin/stats',
    guarded('manager', 'stats', async (req, res) => {
      const q = parseRequest(statsQuery, req.query);
      const period = statistics.periods.fromRequest(q, services.clock.now());
      res.send(200, await statistics.report(period));
    }),
  );

  server.get(
    '/api/admin/exports/complaints',
    guarded('manager', 'exports.complaints', async (req, res, principal) => {
      const q = parseRequest(complaintExportQuery, req.query);
      checkDates([q.from, q.to], statistics);
      if (q.from && q.to && q.to < q.from) throw new ApiError({ status: 400, code: 'InvalidPeriod', message: 'to is before from.' });
      const t = translator(q.lang as Lang);
      const filter = desk.repositoryFilter({ statuses: q.status, service: q.service, receivedFrom: q.from, receivedTo: q.to });
      const stream = exportStream(q.format, services.complaints.stream(filter), complaintColumns(t, { includePersonal: q.includePersonal }), {
        delimiter: csvDelimiter(q.delimiter),
        booleans: { true: t('admin:yes'), false: t('admin:no') },
      });
      logger.info({ route: 'exports.complaints', format: q.format, personal: Boolean(q.includePersonal), role: principal.role }, 'complaint export');
      await sendStream(res, stream, q.format, fileName('plaintes', q.from, q.to, services, q.format));
    }),
  );

  server.get(
    '/api/admin/exports/statistics',
    guarded('manager', 'exports.statistics', async (req, res) => {
      const q = parseRequest(statisticsExportQuery, req.query);
      const t = translator(q.lang as Lang);
      const period = statistics.periods.fromRequest(q, services.clock.now());
      const report = await statistics.report(period);
      const table = statisticsTable(report, q.section, t, q.lang as Lang);
      const stream = exportStream(q.format, table.rows, table.columns, {
        delimiter: csvDelimiter(q.delimiter),
        booleans: { true: t('admin:yes'), false: t('admin:no') },
      });
      await sendStream(res, stream, q.format, `statistiques-${q.section}_${period.from}_${period.to}.${q.format}`);
    }),
  );

  server.get(
    '/api/admin/exports/incidents',
    guarded('manager', 'exports.incidents', async (req, res) => {
      const q = parseRequest(incidentExportQuery, req.query);
      checkDates([q.from, q.to], statistics);
      const t = translator(q.lang as Lang);
      const calendar = services.calendar;
      const stream = exportStream(
        q.format,
        incidents.stream({
          createdFrom: q.from ? calendar.startOf(q.from) : undefined,
          createdBefore: q.to ? calendar.startOf(calendar.addCalendarDays(q.to, 1)) : undefined,
          kinds: q.kind ? [q.kind] : undefined,
          routes: q.route ? [q.route] : undefined,
        }),
        incidentColumns(t),
        { delimiter: csvDelimiter(q.delimiter), booleans: { true: t('admin:yes'), false: t('admin:no') } },
      );
      await sendStream(res, stream, q.format, fileName('incidents-examens', q.from, q.to, services, q.format));
    }),
  );

  registerAdminPage(server, config.PUBLIC_BASE_URL.startsWith('https:'));
}

/** An instant given by staff, refused when it is in the future (a clock a few minutes ahead is tolerated). */
function futureChecked(value: string | undefined, now: Date): Date | undefined {
  const at = value ? new Date(value) : undefined;
  if (at && at.getTime() > now.getTime() + 5 * 60_000) throw new ApiError({ status: 400, code: 'InvalidRequest', message: 'at: is in the future.' });
  return at;
}

function csvDelimiter(value: string | undefined): (typeof CSV_DELIMITERS)[number] {
  return (value ?? ',') as (typeof CSV_DELIMITERS)[number];
}

function fileName(
  base: string,
  from: string | undefined,
  to: string | undefined,
  services: Pick<Services, 'calendar' | 'clock'>,
  format: ExportFormat,
): string {
  const today = services.calendar.localDateOf(services.clock.now());
  return `${base}_${from ?? 'debut'}_${to ?? today}.${format}`;
}

/** Streams an export as a download, with back-pressure; a client that goes away stops the reading. */
async function sendStream(res: Response, stream: Readable, format: ExportFormat, filename: string): Promise<void> {
  res.writeHead(200, {
    'Content-Type': contentType(format),
    'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await pipeline(stream, res);
  } catch (err) {
    stream.destroy();
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  }
}

function toHttpError(err: unknown): HttpError {
  const common = commonHttpError(err);
  if (common) return common;
  if (err instanceof IncidentWorkflowError) {
    if (err.code === 'notFound') return { status: 404, code: 'IncidentNotFound', message: 'No exam incident has this reference.' };
    if (err.code === 'invalidTransition') return { status: 409, code: 'InvalidTransition', message: 'The incident is not at a status that allows this step.' };
    return { status: 400, code: 'InvalidRequest', message: 'A note is required for this step (2000 characters at most).' };
  }
  if (err instanceof ComplaintError) {
    if (err.code === 'notFound') return { status: 404, code: 'ComplaintNotFound', message: 'No complaint has this reference.' };
    if (err.code === 'invalidTransition') return { status: 409, code: 'InvalidTransition', message: 'The complaint is not at a status that allows this step.' };
    return { status: 400, code: 'InvalidRequest', message: 'The date is before the complaint was received.' };
  }
  return { status: 500, code: 'InternalError', message: 'The request could not be processed.' };
}
