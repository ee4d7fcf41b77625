/** Requests to the staff API with the bearer token the person typed (never in a URL). */
import type { StaffMember } from './apiTypes.js';
import { lookup, t } from './strings.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface RequestOptions {
  method?: string;
  body?: unknown;
  /** A token being tried at sign-in, instead of the session's. */
  token?: string;
}

interface Session {
  token(): string | null;
  /** A 401 on the session's own token: it expired or was revoked. */
  ended(message: string): void;
}

const session: Session = { token: () => null, ended: () => undefined };

export function configureApi(s: Session): void {
  Object.assign(session, s);
}

/** The response itself (for downloads); an error status becomes an ApiError. */
export async function requestRaw(path: string, o: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${o.token || session.token() || ''}` };
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: o.method || 'GET',
      headers,
      body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (res.ok) return res;
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } } | null;
  const code = body?.error?.code ? body.error.code : 'InternalError';
  if (res.status === 401 && !o.token) session.ended(t('page.errors.sessionEnded'));
  throw new ApiError(res.status, code, body?.error?.message ?? '');
}

export async function request<T>(path: string, o: RequestOptions = {}): Promise<T> {
  return (await requestRaw(path, o)).json() as Promise<T>;
}

export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('page.errors.InternalError');
  const known = lookup(`page.errors.${err.code}`) || lookup(`officerPage.errors.${err.code}`);
  if (typeof known === 'string') return known;
  return err.status >= 500 || err.status === 0 ? t('page.errors.InternalError') : t('page.errors.InvalidRequest') + (err.message ? ` (${err.message})` : '');
}

let staffList: StaffMember[] | null = null;

/** The staff named in ADMIN_TOKENS, for the assignment lists (loaded once). */
export async function loadStaff(): Promise<StaffMember[]> {
  if (staffList) return staffList;
  try {
    staffList = (await request<{ items: StaffMember[] }>('/api/admin/staff')).items;
    return staffList;
  } catch {
    return [];
  }
}
