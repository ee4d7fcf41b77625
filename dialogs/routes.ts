import { callbackRoute } from './callbackRequestDialog';
import { complaintRoutes } from './complaintRoutes';
import { examFollowUpRoute } from './examFollowUpDialog';
import { examProblemRoute } from './examProblemDialog';
import { faqRoute } from './faqDialog';
import type { DialogRoute } from './shared/routing';
import type { DialogServices } from './shared/services';

/** The conversations the main dialog can start, each with the intents it handles. */
export function dialogRoutes(services: DialogServices): DialogRoute[] {
  return [...complaintRoutes(services), callbackRoute(services), examProblemRoute(services), examFollowUpRoute(services), faqRoute(services)];
}
