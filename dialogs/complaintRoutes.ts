import { Intents } from '../domain/understanding/intents';
import { ComplaintIntakeDialog } from './complaintIntakeDialog';
import { ComplaintStatusDialog } from './complaintStatusDialog';
import type { DialogRoute } from './mainDialog';
import type { DialogServices } from './shared/services';

/**
 * Filing a complaint (a form: leaving it asks first) and following one. The intake also claims a
 * second « Confirmer » arriving after its confirmation, to answer with the same reference.
 */
export function complaintRoutes(services: DialogServices): DialogRoute[] {
  const intake = new ComplaintIntakeDialog(services);
  return [
    { dialog: intake, handles: (intent) => intent === Intents.complaintFile, isForm: true, claims: (context) => intake.claimsRepeatedConfirmation(context) },
    { dialog: new ComplaintStatusDialog(services), handles: (intent) => intent === Intents.complaintStatus },
  ];
}
