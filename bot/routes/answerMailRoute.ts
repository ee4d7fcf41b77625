import type { Request, Server } from 'restify';
import { z } from 'zod';
import { ComplaintError } from '../../domain/complaints/complaintService';
import { ANSWER_MESSAGE_MAX_LENGTH, answerTemplate } from '../../domain/notifications/answerTemplate';
import type { Services } from '../services';
import { ApiError, parseRequest } from '../apiRequest';
import type { adminGuard } from './adminGuard';

const previewBody = z.strictObject({ message: z.string().trim().min(1).max(ANSWER_MESSAGE_MAX_LENGTH).optional() });

/** What the preview and the send both need: e-mail switched on, and a complaint with an e-mail contact (else 409). */
export async function answerMailable(services: Pick<Services, 'complaints' | 'citizenMail'>, ref: string) {
  const mail = services.citizenMail;
  if (!mail) throw new ApiError({ status: 409, code: 'CitizenMailOff', message: 'E-mails to citizens are off: SMTP_URL is not set.' });
  const complaint = await services.complaints.get(ref);
  if (!complaint) throw new ComplaintError('notFound', 'unknown');
  if (complaint.contactMethod !== 'email')
    throw new ApiError({ status: 409, code: 'NoEmailContact', message: 'This complaint has no e-mail address: give the answer by phone.' });
  return { mail, complaint };
}

/**
 * `POST /api/admin/complaints/:reference/answer-mail { message? }`: the answer e-mail of a complaint
 * awaiting its answer, recording and sending nothing — the officer's starting text from the template
 * (French, or English for a complaint filed in English) and the e-mail (subject, text) built by the
 * code that sends it, for `message` or else the template. The same 409s as the send (CitizenMailOff,
 * NoEmailContact, InvalidTransition).
 */
export function registerAnswerMailRoute(
  server: Server,
  guarded: ReturnType<typeof adminGuard>,
  reference: (req: Request) => string,
  services: Pick<Services, 'complaints' | 'citizenMail'>,
): void {
  server.post(
    '/api/admin/complaints/:reference/answer-mail',
    guarded('staff', 'complaints.answerMail', async (req, res) => {
      const ref = reference(req);
      const body = parseRequest(previewBody, req.body ?? {});
      const { mail, complaint } = await answerMailable(services, ref);
      if (complaint.status !== 'received' && complaint.status !== 'contacted') throw new ComplaintError('invalidTransition', complaint.status);
      const template = answerTemplate(complaint);
      const rendered = mail.renderAnswer(complaint, body.message ?? template.text);
      res.send(200, {
        reference: complaint.reference,
        lang: template.lang,
        template: template.text,
        placeholder: template.placeholder,
        preview: { to: complaint.contactValue, subject: rendered.subject, text: rendered.text },
      });
    }),
  );
}
