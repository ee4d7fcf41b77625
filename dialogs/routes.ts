import type { DialogRoute } from './mainDialog';
import type { DialogServices } from './shared/services';

/** The conversations the main dialog can start, each with the intents it handles. */
export function dialogRoutes(_services: DialogServices): DialogRoute[] {
  return [];
}
