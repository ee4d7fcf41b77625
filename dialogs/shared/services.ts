import type { StatePropertyAccessor } from 'botbuilder';
import type { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import type { Clock } from '../../domain/clock';
import type { ComplaintService } from '../../domain/complaints/complaintService';
import type { ServiceHours } from '../../domain/serviceHours';

/** What a conversation remembers between turns, apart from the dialog stack. */
export interface ConversationData {
  welcomed?: boolean;
  /** Consecutive messages the assistant did not understand. */
  misunderstandings?: number;
  /** Consecutive turns that failed with an exception. */
  failedTurns?: number;
}

/** Plain domain services (no Bot Framework types), built once by bot/domainServices.ts. */
export interface DomainServices {
  clock: Clock;
  calendar: BusinessCalendar;
  hours: ServiceHours;
  complaints: ComplaintService;
}

/** What the dialogs receive: the domain services plus the conversation's own state. */
export interface DialogServices extends DomainServices {
  conversationData: StatePropertyAccessor<ConversationData>;
}
