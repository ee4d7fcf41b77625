import type { Request, Response, Server } from 'restify';
import type { SatisfactionService } from '../../domain/satisfaction/satisfactionService';
import { COMMENT_MAX_LENGTH, parseRating } from '../../domain/satisfaction/satisfactionService';
import { verifySurveyToken } from '../../domain/satisfaction/surveyLink';
import { errorSummary } from '../errorSummary';
import type { Logger } from '../logger';
import type { PageContext } from '../web/pages';
import { renderSurveyPage, SurveyPageState } from '../web/surveyPage';

export const SURVEY_PATH_PREFIX = '/satisfaction/';

export interface SurveyRoutesOptions {
  satisfaction: SatisfactionService;
  /** The key the links are signed with: the pseudonymizer's (PSEUDONYM_KEY or the stored pseudonym_key setting). */
  key: string;
  logger: Logger;
  context(req: Request): PageContext;
  send(res: Response, status: number, page: string): void;
}

/**
 * `/satisfaction/<token>`, the link of the answer e-mail: GET shows the one-question survey of a closed
 * complaint, POST (a plain form) records its rating once. A token that was not signed with the key, or
 * names no complaint, gets 404 and the same page either way; a complaint not closed yet 409; a second
 * rating 409; an invalid form 400 with the form again and its errors.
 */
export function registerSurveyRoutes(server: Server, options: SurveyRoutesOptions): void {
  const { satisfaction, key, logger } = options;

  const target = (req: Request) => {
    const token = String((req.params as { token?: unknown }).token ?? '');
    const path = `${SURVEY_PATH_PREFIX}${encodeURIComponent(token)}`;
    return { reference: token.length <= 128 ? verifySurveyToken(token, key) : undefined, path };
  };
  const message = (req: Request, res: Response, status: number, state: Omit<Extract<SurveyPageState, { kind: 'message' }>, 'kind'>) =>
    options.send(res, status, renderSurveyPage(options.context(req), { kind: 'message', ...state }));

  server.get(`${SURVEY_PATH_PREFIX}:token`, async (req: Request, res: Response) => {
    const { reference, path } = target(req);
    try {
      if (!reference) return message(req, res, 404, { message: 'invalid', path });
      const state = await satisfaction.complaintSurvey(reference);
      if (state === 'unknown') return message(req, res, 404, { message: 'invalid', path });
      if (state === 'notClosed') return message(req, res, 409, { message: 'notClosed', reference, path });
      if (state === 'alreadyRated') return message(req, res, 200, { message: 'already', reference, path });
      options.send(res, 200, renderSurveyPage(options.context(req), { kind: 'form', reference, path }));
    } catch (err) {
      failed(err, res);
    }
  });

  server.post(`${SURVEY_PATH_PREFIX}:token`, async (req: Request, res: Response) => {
    const { reference, path } = target(req);
    try {
      if (!reference) return message(req, res, 404, { message: 'invalid', path });
      const body: Record<string, unknown> = typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body) ? req.body : {};
      const rating = parseRating(body.rating);
      const comment = typeof body.comment === 'string' ? body.comment : undefined;
      const errors = [...(rating ? [] : (['rating'] as const)), ...(comment !== undefined && comment.length > COMMENT_MAX_LENGTH ? (['comment'] as const) : [])];
      if (errors.length || !rating) {
        const state = await satisfaction.complaintSurvey(reference);
        if (state === 'unknown') return message(req, res, 404, { message: 'invalid', path });
        const shown = { rating: typeof body.rating === 'string' ? body.rating : undefined, comment: comment?.slice(0, COMMENT_MAX_LENGTH * 2) };
        return options.send(res, 400, renderSurveyPage(options.context(req), { kind: 'form', reference, path, ...shown, errors }));
      }
      const outcome = await satisfaction.rateComplaint({ reference, rating, comment: comment?.trim() ? comment : undefined, locale: options.context(req).lang });
      if (outcome === 'unknown') return message(req, res, 404, { message: 'invalid', path });
      if (outcome === 'notClosed') return message(req, res, 409, { message: 'notClosed', reference, path });
      if (outcome === 'alreadyRated') return message(req, res, 409, { message: 'already', reference, path });
      logger.info({ route: 'satisfaction', source: 'complaint' }, 'satisfaction rating recorded');
      message(req, res, 200, { message: 'thanks', reference, path });
    } catch (err) {
      failed(err, res);
    }
  });

  function failed(err: unknown, res: Response): void {
    logger.error({ err: errorSummary(err), route: 'satisfaction' }, 'survey page failed');
    if (!res.headersSent) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Erreur interne / Internal error');
    }
  }
}
