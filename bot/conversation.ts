import { ConversationState, Storage, UserState } from 'botbuilder';
import { IntentRecognizer } from '../dialogs/intentRecognizer';
import { MainDialog } from '../dialogs/mainDialog';
import { dialogRoutes } from '../dialogs/routes';
import type { ConversationData, DialogServices } from '../dialogs/shared/services';
import type { DomainServices } from '../domain/services';
import type { IntentClassifier } from '../domain/understanding/intents';
import { AssistantBot } from './assistantBot';
import { FastConversationState } from './storage/fastState';
import type { Logger } from './logger';

export interface ConversationCore {
  bot: AssistantBot;
  services: DialogServices;
  conversationState: ConversationState;
  userState: UserState;
}

/** The bot and its dialogs on a state storage: what the HTTP server and the dialog tests both run. */
export function createConversationCore(options: { storage: Storage; domain: DomainServices; classifier: IntentClassifier; logger: Logger }): ConversationCore {
  const conversationState = new FastConversationState(options.storage);
  const userState = new UserState(options.storage);
  const services: DialogServices = { ...options.domain, conversationData: conversationState.createProperty<ConversationData>('conversationData') };
  const mainDialog = new MainDialog(new IntentRecognizer(options.classifier), services, dialogRoutes(services));
  const bot = new AssistantBot(conversationState, userState, services.conversationData, mainDialog, options.logger);
  return { bot, services, conversationState, userState };
}
