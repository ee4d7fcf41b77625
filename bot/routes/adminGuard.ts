import type { Request, Response } from 'restify';
import { errorSummary } from '../errorSummary';
import { HttpError, sendError } from '../httpErrors';
import type { Logger } from '../logger';
import type { AdminRole } from '../config';
import { AdminAuthenticator, AdminPrincipal, hasRole } from './adminAuth';

export type AdminHandler = (req: Request, res: Response, principal: AdminPrincipal) => Promise<void>;

/**
 * Wraps an admin API handler: no caching, 401 without a valid bearer token, 403 for a role that may
 * not, and a thrown error turned into its 4xx by `toHttpError` (a 5xx is logged with the route and the
 * role only, never a token or what a citizen wrote).
 */
export function adminGuard(auth: AdminAuthenticator, logger: Logger, toHttpError: (err: unknown) => HttpError) {
  return (role: AdminRole, route: string, handler: AdminHandler) =>
    async (req: Request, res: Response): Promise<void> => {
      res.header('Cache-Control', 'no-store');
      res.header('X-Content-Type-Options', 'nosniff');
      const principal = auth.authenticate(req.headers.authorization);
      if (!principal) {
        res.header('WWW-Authenticate', 'Bearer realm="admin"');
        return sendError(res, {
          status: 401,
          code: 'Unauthorized',
          message: auth.configured ? 'A valid bearer token is required.' : 'The admin API is disabled: ADMIN_TOKENS is not set.',
        });
      }
      if (!hasRole(principal, role)) return sendError(res, { status: 403, code: 'Forbidden', message: `This requires the ${role} role.` });
      try {
        await handler(req, res, principal);
      } catch (err) {
        const http = toHttpError(err);
        if (http.status >= 500) logger.error({ err: errorSummary(err), route, role: principal.role }, 'admin request failed');
        if (!res.headersSent) sendError(res, http);
        else res.destroy();
      }
    };
}
