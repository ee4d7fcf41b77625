import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
  ConversationState,
  MemoryStorage,
} from 'botbuilder';
import restify from 'restify';

/**
 * The yardstick for the cost of a turn: BotBuilder's 02.echo-bot sample (restify, CloudAdapter,
 * ActivityHandler), with a ConversationState on MemoryStorage read and saved every turn as most bots
 * do. Emulator mode (no app id): the same authentication path as the assistant in the benchmark.
 */
class EchoBot extends ActivityHandler {
  constructor(conversationState: ConversationState) {
    super();
    const turns = conversationState.createProperty<number>('turns');
    this.onMessage(async (context, next) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity('Hello and welcome!');
      }
      await next();
    });
    this.onDialog(async (context, next) => {
      await conversationState.saveChanges(context, false);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({} as ConfigurationBotFrameworkAuthenticationOptions));
adapter.onTurnError = async (context, error) => {
  console.error(`echo bot turn error: ${error}`);
  await context.sendActivity('The bot encountered an error.');
};
const bot = new EchoBot(new ConversationState(new MemoryStorage()));

const server = restify.createServer({ name: 'echo' });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
