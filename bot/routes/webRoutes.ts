import { randomBytes } from 'node:crypto';
import type { CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { DialogServices } from '../../dialogs/shared/services';
import type { Database } from '../../domain/db/database';
import { describeWeeklyHours } from '../../domain/format/openingHoursText';
import { Lang, translator } from '../../domain/i18n';
import type { AssistantBot } from '../assistantBot';
import type { Config } from '../config';
import { DirectLineSetup, registerDirectLineRoutes, TOKEN_ROUTE, webSocketOrigin } from '../directLine/directLineRoutes';
import { errorSummary } from '../errorSummary';
import { sendError } from '../httpErrors';
import type { Logger } from '../logger';
import { PageContext, renderChatPage, renderPrivacyPage } from '../web/pages';
import { sendPage } from '../web/sendPage';
import { StaticAssets } from '../web/staticAssets';
import type { InFlightTurns } from '../inFlightTurns';
import { registerSurveyRoutes } from './surveyRoutes';

export interface WebRoutesOptions {
  config: Config;
  db: Database;
  adapter: CloudAdapter;
  bot: AssistantBot;
  logger: Logger;
  inFlight: InFlightTurns;
  services: DialogServices;
  /** The key of the satisfaction survey links (the pseudonymizer's). */
  surveyKey: string;
}

/**
 * The citizens' side of the server: the chat page (`/`), the privacy policy (`/confidentialite`), their
 * assets (`/assets/…`), and Direct Line for Web Chat — built in, or Azure's when DIRECT_LINE_SECRET is
 * set. Pages are rendered here from locales/<lang>/web.json (`?lang=en` for English), every value
 * escaped, and sent with a strict Content-Security-Policy.
 */
export async function registerWebRoutes(server: Server, options: WebRoutesOptions): Promise<DirectLineSetup> {
  const { config, services, logger } = options;
  const directLine = await registerDirectLineRoutes(server, {
    config,
    db: options.db,
    adapter: options.adapter,
    bot: options.bot,
    logger,
    inFlight: options.inFlight,
    clock: services.clock,
    botName: translator('fr')('common:assistantName'),
  });
  const assets = new StaticAssets();
  const weeklyHours = new Map<Lang, string>();
  const hoursText = (lang: Lang): string => {
    let text = weeklyHours.get(lang);
    if (text === undefined) weeklyHours.set(lang, (text = describeWeeklyHours(services.hours, translator(lang), lang)));
    return text;
  };
  const context = (req: Request): PageContext => {
    const lang: Lang = req.query?.lang === 'en' ? 'en' : 'fr';
    return {
      lang,
      t: translator(lang),
      config,
      year: Number(services.calendar.localDateOf(services.clock.now()).slice(0, 4)),
      asset: (name) => assets.url(name),
    };
  };
  const connectSources = ["'self'", directLine.connectOrigin].filter(Boolean).join(' ');
  const https = config.PUBLIC_BASE_URL.startsWith('https:');

  server.get('/', async (req: Request, res: Response) => {
    const nonce = randomBytes(16).toString('base64');
    const ctx = context(req);
    const page = renderChatPage({ ...ctx, nonce, weeklyHours: hoursText(ctx.lang), tokenUrl: TOKEN_ROUTE, directLineMode: directLine.mode });
    // The built-in Direct Line's stream: ws: or wss: of this very origin ('self' covers it in CSP 3, not in every browser).
    const sources = directLine.webSocket ? `${connectSources} ${webSocketOrigin(req, config.TRUST_PROXY, config.PUBLIC_BASE_URL)}` : connectSources;
    sendPage(res, page, pagePolicy({ nonce, connectSources: sources }), https);
  });

  server.get('/confidentialite', async (req: Request, res: Response) => {
    sendPage(res, renderPrivacyPage(context(req)), pagePolicy({ connectSources: "'none'" }), https);
  });

  registerSurveyRoutes(server, {
    satisfaction: services.satisfaction,
    key: options.surveyKey,
    logger,
    context,
    send: (res, status, page) => sendPage(res, page, pagePolicy({ connectSources: "'none'" }), https, status),
  });

  const serveAsset = async (req: Request, res: Response) => {
    const name = req.params.folder ? `${req.params.folder}/${req.params.file}` : req.params.file;
    try {
      if (!(await assets.serve(name, req, res))) sendError(res, { status: 404, code: 'NotFound', message: 'No such file.' });
    } catch (err) {
      logger.error({ err: errorSummary(err) }, 'asset not served');
      if (!res.headersSent) sendError(res, { status: 500, code: 'InternalError', message: 'The file could not be sent.' });
    }
  };
  server.get('/assets/:file', serveAsset);
  server.get('/assets/:folder/:file', serveAsset);
  return directLine;
}

/**
 * Web Chat 4.18 gives its own <style> elements the page's nonce, but not the one react-scroll-to-bottom
 * (its transcript scroller) creates: that element is empty, its rules are added through the CSSOM
 * (insertRule, which CSP does not govern). Allowing the hash of the empty string admits exactly that
 * empty element and no inline CSS text at all.
 */
const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

/**
 * Only this server's scripts, styles, fonts and images; Web Chat's injected <style> elements carry the
 * page's nonce; it may connect to this server (built-in Direct Line) or to Azure Direct Line.
 */
function pagePolicy(options: { nonce?: string; connectSources: string }): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    options.nonce ? `style-src 'self' 'nonce-${options.nonce}' '${EMPTY_STYLE_HASH}'` : "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${options.connectSources}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
