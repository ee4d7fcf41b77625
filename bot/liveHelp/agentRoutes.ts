import { readFileSync } from 'node:fs';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { LIVE_HELP_TEXT_MAX_LENGTH, LiveHelpError, LiveHelpErrorCode } from '../../domain/liveHelp/liveHelp';
import type { LiveHelpService } from '../../domain/liveHelp/liveHelpService';
import { Lang, translator } from '../../domain/i18n';
import { escapeHtml } from '../../domain/format/html';
import { projectPath } from '../../domain/paths';
import type { Clock } from '../../domain/clock';
import type { Config } from '../config';
import type { ActivityNotifier } from '../directLine/activityNotifier';
import { errorSummary } from '../errorSummary';
import { HttpError, sendError } from '../httpErrors';
import type { Logger } from '../logger';
import { PeriodFactory } from '../../domain/statistics/period';
import { scriptJson } from '../web/html';
import { sendPage, STAFF_PAGE_POLICY } from '../web/sendPage';
import { commonHttpError, parseRequest } from '../apiRequest';
import { agentState } from './agentState';
import { LIVE_HELP_CHANNEL_KEY, LiveHelpRelay } from './liveHelpRelay';

/** A signed-in staff member (ADMIN_TOKENS), as the admin API's authenticator gives it. */
export interface AgentPrincipal {
  role: 'staff' | 'manager';
  name: string;
}

export interface AgentRoutesOptions {
  config: Pick<Config, 'PUBLIC_BASE_URL' | 'LIVE_HELP_AGENT_GRACE_SECONDS'>;
  /** The principal of an `Authorization: Bearer` header (bot/routes/adminAuth.ts, passed in by the application). */
  authenticate(header: string | undefined): AgentPrincipal | undefined;
  service: LiveHelpService;
  relay: LiveHelpRelay;
  notifier: ActivityNotifier;
  clock: Clock;
  /** The statistics' periods (month, fiscal year, dates), for /api/admin/stats/live-help. */
  periods: PeriodFactory;
  logger: Logger;
}

const ERRORS: Record<LiveHelpErrorCode, HttpError> = {
  notFound: { status: 404, code: 'SessionNotFound', message: 'No such live-help session.' },
  notYours: { status: 403, code: 'NotYourSession', message: 'This conversation is held by another agent.' },
  notActive: { status: 409, code: 'SessionNotActive', message: 'This conversation is not in progress.' },
  alreadyTaken: { status: 409, code: 'AlreadyTaken', message: 'Another agent already accepted this conversation.' },
  notAvailable: { status: 409, code: 'NotAvailable', message: 'Set your status to available first.' },
  empty: { status: 400, code: 'EmptyText', message: 'The text is empty.' },
};

const textBody = z.strictObject({ text: z.string().max(LIVE_HELP_TEXT_MAX_LENGTH) });
const statusBody = z.strictObject({ status: z.enum(['available', 'away']) });
const statsQuery = z.strictObject({
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  period: z.string().max(20).optional(),
  fiscalYear: z.string().max(20).optional(),
});
const sessionId = z.coerce.number().int().min(1).max(2 ** 31 - 1);

/**
 * The agents' side of live help: the console page (`/agent`), its script, and `/api/agent/*` with the
 * staff's bearer tokens (ADMIN_TOKENS; every officer and manager may act as an agent). The stream
 * (`/api/agent/stream`, server-sent events read with fetch so that the token stays in a header) pushes
 * the agent's whole view whenever the queue or one of their conversations changes, on any instance,
 * and keeps the agent signed in: when it stops for LIVE_HELP_AGENT_GRACE_SECONDS, their conversations
 * go back to the queue. Every action is checked against the stored session and its agent.
 */
export function registerAgentRoutes(server: Server, options: AgentRoutesOptions): { close(): void } {
  const { service, relay, notifier, clock, logger } = options;
  const https = options.config.PUBLIC_BASE_URL.startsWith('https:');
  const streams = new Set<() => void>();

  type Handler = (req: Request, res: Response, principal: AgentPrincipal) => Promise<void>;
  const guarded =
    (route: string, handler: Handler) =>
    async (req: Request, res: Response): Promise<void> => {
      res.header('Cache-Control', 'no-store');
      res.header('X-Content-Type-Options', 'nosniff');
      const principal = options.authenticate(req.headers.authorization);
      if (!principal) {
        res.header('WWW-Authenticate', 'Bearer realm="agent"');
        return sendError(res, { status: 401, code: 'Unauthorized', message: 'A valid bearer token is required.' });
      }
      if (!service.enabled) return sendError(res, { status: 404, code: 'LiveHelpDisabled', message: 'Live help is not switched on (LIVE_HELP_ENABLED).' });
      try {
        await handler(req, res, principal);
      } catch (err) {
        const http = toHttpError(err);
        if (http.status >= 500) logger.error({ err: errorSummary(err), route }, 'agent request failed');
        if (!res.headersSent) sendError(res, http);
        else res.end();
      }
    };
  const idOf = (req: Request): number => parseRequest(sessionId, (req.params as { id?: string }).id);

  server.get('/agent', async (req: Request, res: Response) => sendPage(res, consolePage(req.query?.lang === 'en' ? 'en' : 'fr'), STAFF_PAGE_POLICY, https));
  const assets = new Map<string, Buffer>();
  const TYPES: Record<string, string> = { 'agent.js': 'text/javascript; charset=utf-8', 'agent.css': 'text/css; charset=utf-8' };
  server.get('/agent/assets/:file', async (req: Request, res: Response) => {
    const file = String((req.params as { file?: string }).file ?? '');
    const type = TYPES[file];
    if (!type) return sendError(res, { status: 404, code: 'NotFound', message: 'No such file.' });
    let body = assets.get(file);
    try {
      if (!body) assets.set(file, (body = readFileSync(projectPath('web', 'agent', file))));
    } catch {
      return sendError(res, { status: 404, code: 'NotBuilt', message: 'web/agent/agent.js is not built (npx tsc -p web/tsconfig.json).' });
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(body.length), 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
    res.end(body);
  });

  server.get(
    '/api/agent/state',
    guarded('state', async (req, res, principal) => {
      res.send(200, await agentState(service, principal.name, clock.now(), langOf(req)));
    }),
  );
  server.post(
    '/api/agent/status',
    guarded('status', async (req, res, principal) => {
      await service.setAgentStatus(principal.name, parseRequest(statusBody, req.body).status);
      res.send(200, await agentState(service, principal.name, clock.now(), langOf(req)));
    }),
  );
  server.post(
    '/api/agent/sessions/:id/accept',
    guarded('accept', async (req, res, principal) => {
      const session = await service.accept(idOf(req), principal.name);
      res.send(200, { id: session.id, status: session.status });
    }),
  );
  server.post(
    '/api/agent/sessions/:id/messages',
    guarded('message', async (req, res, principal) => {
      const { session, message } = await service.agentMessage(idOf(req), principal.name, parseRequest(textBody, req.body).text);
      await relay.deliverAgentMessage(session, message);
      res.send(201, { id: message.id });
    }),
  );
  server.post(
    '/api/agent/sessions/:id/notes',
    guarded('note', async (req, res, principal) => {
      await service.addNote(idOf(req), principal.name, parseRequest(textBody, req.body).text);
      res.send(201, {});
    }),
  );
  server.post(
    '/api/agent/sessions/:id/end',
    guarded('end', async (req, res, principal) => {
      const session = await service.end(idOf(req), principal.name);
      res.send(200, { id: session.id, status: 'ended' });
    }),
  );

  // The managers' figures, beside /api/admin/stats (same periods): requested, accepted, abandoned, waits, per agent.
  // `enabled` lets the dashboard say live help is off rather than show zeros as if measured.
  server.get(
    '/api/admin/stats/live-help',
    guarded('stats', async (req, res, principal) => {
      if (principal.role !== 'manager') return sendError(res, { status: 403, code: 'Forbidden', message: 'This requires the manager role.' });
      const period = options.periods.fromRequest(parseRequest(statsQuery, req.query), clock.now());
      res.send(200, { period: { label: period.label, from: period.from, to: period.to }, enabled: service.enabled, ...(await service.statistics(period)) });
    }),
  );

  server.get(
    '/api/agent/stream',
    guarded('stream', async (req, res, principal) => {
      const agent = principal.name;
      const lang = langOf(req);
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'X-Accel-Buffering': 'no' });
      let closed = false;
      let pending: NodeJS.Timeout | undefined;
      let last = '';
      const push = async () => {
        pending = undefined;
        if (closed) return;
        const state = JSON.stringify(await agentState(service, agent, clock.now(), lang));
        if (state !== last && !closed) {
          last = state;
          res.write(`event: state\ndata: ${state}\n\n`);
        }
      };
      const schedule = () => {
        pending ??= setTimeout(() => void push().catch((err: unknown) => logger.warn({ err: errorSummary(err) }, 'agent stream not updated')), 50);
      };
      const beat = async () => {
        await service.heartbeat(agent);
        await service.sweep();
        if (!closed) res.write(': ping\n\n');
        schedule();
      };
      const unsubscribe = notifier.subscribe(LIVE_HELP_CHANNEL_KEY, schedule);
      const interval = Math.min(15_000, (options.config.LIVE_HELP_AGENT_GRACE_SECONDS * 1000) / 3);
      const timer = setInterval(() => void beat().catch((err: unknown) => logger.warn({ err: errorSummary(err) }, 'agent heartbeat failed')), interval);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(timer);
        clearTimeout(pending);
        unsubscribe();
        streams.delete(close);
        res.end();
      };
      streams.add(close);
      req.on('close', close);
      res.on('close', close);
      await service.heartbeat(agent);
      await push();
    }),
  );

  return {
    close: () => {
      for (const close of [...streams]) close();
    },
  };
}

function toHttpError(err: unknown): HttpError {
  const common = commonHttpError(err);
  if (common) return common;
  if (err instanceof LiveHelpError) return ERRORS[err.code];
  return { status: 500, code: 'InternalError', message: 'The request could not be completed.' };
}

const langOf = (req: Request): Lang => (req.query?.lang === 'en' ? 'en' : 'fr');

const pages = new Map<Lang, string>();

/** web/agent/index.html with every {{t:key}} from liveHelp:console (escaped) and the script's strings. */
function consolePage(lang: Lang): string {
  let page = pages.get(lang);
  if (page) return page;
  const t = translator(lang);
  const template = readFileSync(projectPath('web', 'agent', 'index.html'), 'utf8');
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  page = template
    .replace(/\{\{t:([a-zA-Z.]+)\}\}/g, (_m, key: string) => escapeHtml(t(`liveHelp:console.${key}`)))
    .replace('{{strings}}', scriptJson(t('liveHelp:console', { returnObjects: true })))
    .replace(/\{\{lang\}\}/g, lang)
    .replace(/\{\{otherLang\}\}/g, other)
    .replace('{{otherLangHref}}', other === 'en' ? '/agent?lang=en' : '/agent')
    .replace('{{otherLangName}}', other === 'en' ? 'English' : 'Français');
  pages.set(lang, page);
  return page;
}
