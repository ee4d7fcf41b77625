import type { Complaint } from '../../domain/complaints/complaint';
import type { DomainServices } from '../../domain/services';

/**
 * Queues the acknowledgement e-mail of a stored complaint (once per complaint, so a repeated
 * « Confirmer » queues nothing more; sending happens in the background) and returns the key of what
 * the confirmation says about it: on its way, none (no SMTP, or the queue failed), or a phone call.
 */
export async function acknowledgementNotice(complaint: Complaint, services: Pick<DomainServices, 'citizenMail'>): Promise<string> {
  if (complaint.contactMethod === 'phone') return 'citizenMail:chat.phone';
  if (!services.citizenMail) return 'citizenMail:chat.off';
  try {
    await services.citizenMail.acknowledge(complaint);
    return 'citizenMail:chat.queued';
  } catch {
    // The complaint is stored: the citizen gets the reference whatever happens to the e-mail.
    return 'citizenMail:chat.off';
  }
}
