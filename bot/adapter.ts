import { CloudAdapter, ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { tOf } from '../dialogs/shared/localization';
import { CachingBotFrameworkAuthentication } from './cachingBotFrameworkAuthentication';
import type { Config } from './config';
import { errorSummary } from './errorSummary';
import type { Logger } from './logger';

/**
 * CloudAdapter with ConfigurationBotFrameworkAuthentication, as in the BotBuilder samples (plus a
 * ConnectorClient cache). With no
 * MicrosoftAppId the adapter accepts unauthenticated activities (Bot Framework Emulator); with one,
 * every request must carry a valid Bot Framework JWT.
 */
export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  const options = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? '',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions;
  const adapter = new CloudAdapter(new CachingBotFrameworkAuthentication(options));

  // Last resort for errors outside the bot's own handling (middleware, state loading).
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: errorSummary(error), conversationId: context.activity.conversation?.id }, 'unhandled turn error');
    try {
      await context.sendActivity(tOf(context)('common:error.apology'));
    } catch (sendError) {
      logger.error({ err: errorSummary(sendError), conversationId: context.activity.conversation?.id }, 'could not send the apology');
    }
  };
  return adapter;
}
