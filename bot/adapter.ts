import { Activity, CloudAdapter, ConfigurationBotFrameworkAuthenticationOptions, StatusCodes, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import { tOf } from '../dialogs/shared/localization';
import { CachingBotFrameworkAuthentication } from './cachingBotFrameworkAuthentication';
import type { Config } from './config';
import { errorSummary } from './errorSummary';
import { sendError } from './httpErrors';
import type { Logger } from './logger';

/**
 * CloudAdapter with ConfigurationBotFrameworkAuthentication, as in the BotBuilder samples (plus a
 * ConnectorClient cache). With no
 * MicrosoftAppId the adapter accepts unauthenticated activities (Bot Framework Emulator); with one,
 * every request must carry a valid Bot Framework JWT.
 */
export function createAdapter(config: Config, logger: Logger): AssistantAdapter {
  const options = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? '',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  } as ConfigurationBotFrameworkAuthenticationOptions;
  const adapter = new AssistantAdapter(new CachingBotFrameworkAuthentication(options));

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

/**
 * CloudAdapter, with `processChecked` for a request whose body the messages route has already parsed
 * and checked (checkInboundActivity). It answers as `process` does, without the zod schemas `process`
 * builds and runs over the whole activity on every request (about 2 % of an FAQ turn's CPU, issue 13);
 * an authentication failure gets the API's JSON error, and any other error is left to the route.
 */
export class AssistantAdapter extends CloudAdapter {
  async processChecked(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = withDateFields(req.body as Record<string, unknown>);
    let invokeResponse;
    try {
      invokeResponse = await this.processActivity(req.headers.authorization ?? '', activity, logic);
    } catch (err) {
      if (!(err instanceof AuthenticationError)) throw err;
      sendError(res, { status: StatusCodes.UNAUTHORIZED, code: 'Unauthorized', message: 'The request does not carry a valid Bot Framework token.' });
      return;
    }
    res.status(invokeResponse?.status ?? StatusCodes.OK);
    if (invokeResponse?.body) res.send(invokeResponse.body);
    res.end();
  }
}

/** What botbuilder's validateAndFixActivity does (not exported): the time fields as Dates, their text kept beside. */
function withDateFields(activity: Record<string, unknown>): Activity {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}
