import type { Request, Response, Server } from 'restify';
import { Database, isDatabaseReachable } from '../../domain/db/database';

/** 200 when the database answers, 503 otherwise: what a load balancer or Kubernetes probe needs. */
export function registerHealthRoute(server: Server, db: Database): void {
  server.get('/healthz', async (_req: Request, res: Response) => {
    const ok = await isDatabaseReachable(db);
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unreachable' });
  });
}
