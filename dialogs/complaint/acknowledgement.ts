import type { Complaint } from '../../domain/complaints/complaint';
import type { DomainServices } from '../../domain/services';

/**
 * What the confirmation says about the acknowledgement e-mail, once the complaint is stored: on its
 * way (it was queued in the complaint's own transaction, see ComplaintService.create; sending starts
 * now, in the background), none (no SMTP), or a phone call.
 */
export function acknowledgementNotice(complaint: Complaint, services: Pick<DomainServices, 'citizenMail'>): string {
  if (complaint.contactMethod === 'phone') return 'citizenMail:chat.phone';
  if (!services.citizenMail) return 'citizenMail:chat.off';
  services.citizenMail.kick();
  return 'citizenMail:chat.queued';
}
