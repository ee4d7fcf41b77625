import { mentionedReference } from '../domain/referenceMentions';
import { Intents } from '../domain/understanding/intents';
import { ComplaintIntakeDialog } from './complaintIntakeDialog';
import { ComplaintStatusDialog } from './complaintStatusDialog';
import type { DialogRoute } from './shared/routing';
import type { DialogServices } from './shared/services';

/**
 * Filing a complaint (a form: leaving it asks first) and following one. The intake also claims a
 * second « Confirmer » arriving after its confirmation, to answer with the same reference; the follow-up
 * claims any message that names a complaint reference (PL-…).
 */
export function complaintRoutes(services: DialogServices): DialogRoute[] {
  const intake = new ComplaintIntakeDialog(services);
  return [
    { dialog: intake, handles: (intent) => intent === Intents.complaintFile, isForm: true, claims: (context) => intake.claimsRepeatedConfirmation(context) },
    {
      dialog: new ComplaintStatusDialog(services),
      handles: (intent) => intent === Intents.complaintStatus,
      // A PL-… reference typed anywhere (even after a failed lookup, or instead of answering « utile ? ») starts the follow-up.
      claims: (_context, text) => mentionedReference(text)?.kind === 'complaint',
    },
  ];
}
