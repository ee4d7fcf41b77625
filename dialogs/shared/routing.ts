import type { RecognizerResult, TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';

/** A dialog the main dialog starts for some intents. */
export interface DialogRoute {
  dialog: Dialog;
  handles(intent: string): boolean;
  /** A form collecting personal information: leaving it by a command asks for confirmation first. */
  isForm?: boolean;
  /**
   * An answer that asks nothing and ends in the turn it starts: given from the main flow's own step,
   * which then ends, instead of starting the dialog (a dialog context, a waterfall and a replacement of
   * the flow fewer a turn, issue 13). A dialog that asks or may end with a result (a survey's reroute,
   * passed up by the complaint lookup) runs above the flow, whose last step acts on it.
   */
  answer?(context: TurnContext, options: RoutedDialogOptions): Promise<void>;
  /**
   * Claims a new message before intent recognition, e.g. a card button clicked again after its dialog
   * ended (a second « Confirmer »). Asked only when no dialog is in progress. `text` is the message being
   * routed: the activity's, or the one routed again (the message that prompted the English offer, the
   * button a plain « oui » accepted).
   */
  claims?(context: TurnContext, text: string): boolean | Promise<boolean>;
}

/** What a routed dialog receives from the main dialog. */
export interface RoutedDialogOptions {
  utterance: string;
  recognizerResult: RecognizerResult;
  /** A short follow-up of the last answer (« pis le samedi? »), answered about the day it names; yes/no if the question was. */
  followUp?: { yesNo?: { asksClosed: boolean } };
  /** The FAQ intents of a message asking several questions, in the order asked: all answered, one « utile ? » for all. */
  questions?: string[];
  /**
   * Answered before a conversation the same message asks for (« Ma plainte PL-2291 est rendue où? Et le
   * Protecteur du citoyen? »): the answers alone, without « utile ? », since that conversation asks next.
   */
  beforeFlow?: boolean;
}

/** Ends a dialog and asks MainDialog to route the current message as a new question (a reply to a survey that is a question). */
export interface Reroute {
  reroute: true;
}

export function isReroute(result: unknown): result is Reroute {
  return typeof result === 'object' && result !== null && (result as Reroute).reroute === true;
}
