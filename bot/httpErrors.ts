import type { Response } from 'restify';

export interface HttpError {
  status: number;
  code: string;
  message: string;
}

/** Every error answer has the same JSON shape: { "error": { "code", "message" } }. */
export function sendError(res: Response, error: HttpError): void {
  res.send(error.status, { error: { code: error.code, message: error.message } });
}
