import type { StatePropertyAccessor } from 'botbuilder';
import type { DomainServices } from '../../domain/services';

/** What a conversation remembers between turns, apart from the dialog stack. */
export interface ConversationData {
  welcomed?: boolean;
  /** Consecutive messages the assistant did not understand. */
  misunderstandings?: number;
  /** Consecutive turns that failed with an exception. */
  failedTurns?: number;
  /** The last complaint confirmed in this conversation, so that a second « Confirmer » repeats its reference. */
  lastComplaint?: { submissionId: string; reference: string; confirmedAt: string };
  /**
   * The last topic answered, for a short time (dialogs/shared/lastTopic.ts): after an hours answer,
   * « pis le samedi? » is about the hours; after a complaint, « parler à un agent » gives the complaints address;
   * after the Secrétariat du Conseil du trésor, « c'est quoi leur numéro? » is about the Secrétariat.
   */
  lastTopic?: { topic: 'hours' | 'complaint' | 'secretariat'; at: string; yesNo?: { asksClosed: boolean } };
  /** The language the person chose for the rest of the conversation (dialogs/shared/languageChoice.ts). */
  languageChoice?: 'fr' | 'en';
  /**
   * What a plain « oui » chooses on the next turn: the button of the one thing just offered, « Demander
   * un rappel » or the single choice of a « Voulez-vous dire… ? ».
   */
  yesMeans?: { text: string; at: string };
  /** Continuing in English was already offered in this conversation: it is offered once. */
  englishOffered?: boolean;
  /** The one-question survey (dialogs/satisfactionDialog.ts): what the chat was about, and whether it was asked (once per conversation). */
  satisfaction?: { topic?: string; asked?: boolean };
  /**
   * The FAQ entry just answered with « utile ? »: a Oui or Non on the next message is its verdict (dialogs/faqDialog.ts),
   * and « Non » offers the `alternatives` the message was also close to.
   */
  faqFeedback?: { entryId: string; alternatives?: string[] };
}

/** What the dialogs receive: the domain services plus the conversation's own state. */
export interface DialogServices extends DomainServices {
  conversationData: StatePropertyAccessor<ConversationData>;
}
