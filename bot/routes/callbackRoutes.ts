import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { CALLBACK_RESULTS, CALLBACK_STATUSES, CallbackError } from '../../domain/callbacks/callback';
import { CALLBACK_NOTE_MAX_LENGTH, CallbackService } from '../../domain/callbacks/callbackService';
import { callbackDetail, callbackSummary } from '../../domain/callbacks/callbackViews';
import type { Config } from '../config';
import { HttpError } from '../httpErrors';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { AdminAuthenticator } from './adminAuth';
import { adminGuard } from './adminGuard';
import { ApiError, checkDates, commonHttpError, flag, localDate, parseRequest } from '../apiRequest';
import { registerCallbackPage } from './callbackPage';

export interface CallbackRoutesOptions {
  config: Pick<Config, 'PUBLIC_BASE_URL'>;
  /** The staff tokens of ADMIN_TOKENS, one authenticator for every staff API. */
  auth: AdminAuthenticator;
  services: Pick<Services, 'callbacks' | 'statistics'>;
  logger: Logger;
}

const note = z.string().trim().max(CALLBACK_NOTE_MAX_LENGTH);
const listQuery = z.strictObject({
  status: z
    .string()
    .max(200)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(CALLBACK_STATUSES)).max(CALLBACK_STATUSES.length))
    .optional(),
  mine: flag.optional(),
  unassigned: flag.optional(),
  assignedTo: z.string().trim().min(1).max(100).optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
const assignBody = z.strictObject({
  /** A staff name, `me`, or null to give the request back to the team. */
  officer: z.string().trim().min(1).max(100).nullable(),
  note: note.optional(),
});
const attemptBody = z.strictObject({ result: z.enum(CALLBACK_RESULTS), note: note.optional() });
const cancelBody = z.strictObject({ note: note.min(1) });

/**
 * The callback queue in the admin API (bearer tokens of ADMIN_TOKENS, staff role): list with filters
 * (status, mine, unassigned, slot dates), show with the history, assign, record an attempt (reached,
 * message left, no answer), cancel. Malformed input gets a 4xx with { error: { code, message } }.
 * Logs carry the route, the role and the reference only. Also serves the staff page /admin/callbacks.
 */
export function registerCallbackRoutes(server: Server, options: CallbackRoutesOptions): void {
  const { config, services, logger, auth } = options;
  const { callbacks, statistics } = services;

  const guarded = adminGuard(auth, logger, toHttpError);

  const reference = (req: Request): string => {
    const parsed = CallbackService.parseReference(String((req.params as { reference?: string }).reference ?? '').slice(0, 40));
    if (!parsed) throw new ApiError({ status: 400, code: 'InvalidReference', message: 'The reference must look like RA-2026-000123.' });
    return parsed;
  };
  const sendDetail = async (res: Response, ref: string, status = 200) => {
    const found = (await callbacks.show(ref))!;
    res.send(status, callbackDetail(found.callback, found.history));
  };

  server.get(
    '/api/admin/callbacks',
    guarded('staff', 'callbacks.list', async (req, res, principal) => {
      const q = parseRequest(listQuery, req.query);
      if ((q.mine || q.assignedTo) && q.unassigned) throw new ApiError({ status: 400, code: 'InvalidRequest', message: 'mine or assignedTo and unassigned exclude each other.' });
      checkDates([q.from, q.to], statistics);
      if (q.from && q.to && q.to < q.from) throw new ApiError({ status: 400, code: 'InvalidPeriod', message: 'to is before from.' });
      const assignedTo = q.mine || q.assignedTo?.toLowerCase() === 'me' ? principal.name : q.assignedTo;
      const rows = await callbacks.list({
        statuses: q.status?.length ? q.status : undefined,
        assignedTo,
        unassigned: q.unassigned,
        slotFrom: q.from,
        slotTo: q.to,
        limit: q.limit + 1,
        offset: q.offset,
      });
      res.send(200, { items: rows.slice(0, q.limit).map(callbackSummary), more: rows.length > q.limit, limit: q.limit, offset: q.offset });
    }),
  );

  server.get(
    '/api/admin/callbacks/:reference',
    guarded('staff', 'callbacks.show', async (req, res) => {
      const ref = reference(req);
      if (!(await callbacks.get(ref))) throw new CallbackError('notFound', 'unknown');
      await sendDetail(res, ref);
    }),
  );

  server.post(
    '/api/admin/callbacks/:reference/assign',
    guarded('staff', 'callbacks.assign', async (req, res, principal) => {
      const ref = reference(req);
      const body = parseRequest(assignBody, req.body);
      const officer = body.officer === null ? undefined : body.officer.toLowerCase() === 'me' ? principal.name : body.officer;
      await callbacks.assign(ref, officer, { actor: principal.name, note: body.note || undefined });
      logger.info({ route: 'callbacks.assign', reference: ref, role: principal.role }, 'callback assignment changed from the admin API');
      await sendDetail(res, ref);
    }),
  );

  server.post(
    '/api/admin/callbacks/:reference/attempts',
    guarded('staff', 'callbacks.attempt', async (req, res, principal) => {
      const ref = reference(req);
      const body = parseRequest(attemptBody, req.body);
      await callbacks.recordAttempt(ref, body.result, { actor: principal.name, note: body.note || undefined });
      logger.info({ route: 'callbacks.attempt', reference: ref, result: body.result, role: principal.role }, 'callback attempt recorded from the admin API');
      await sendDetail(res, ref, 201);
    }),
  );

  server.post(
    '/api/admin/callbacks/:reference/cancel',
    guarded('staff', 'callbacks.cancel', async (req, res, principal) => {
      const ref = reference(req);
      const body = parseRequest(cancelBody, req.body);
      await callbacks.cancel(ref, { actor: principal.name, note: body.note });
      logger.info({ route: 'callbacks.cancel', reference: ref, role: principal.role }, 'callback cancelled from the admin API');
      await sendDetail(res, ref);
    }),
  );

  registerCallbackPage(server, config.PUBLIC_BASE_URL.startsWith('https:'));
}

function toHttpError(err: unknown): HttpError {
  const common = commonHttpError(err);
  if (common) return common;
  if (err instanceof CallbackError) {
    if (err.code === 'notFound') return { status: 404, code: 'CallbackNotFound', message: 'No callback request has this reference.' };
    if (err.code === 'closed') return { status: 409, code: 'CallbackClosed', message: 'The callback request is already done or cancelled.' };
    return { status: 400, code: 'InvalidRequest', message: 'The request is not valid.' };
  }
  return { status: 500, code: 'InternalError', message: 'The request could not be processed.' };
}
