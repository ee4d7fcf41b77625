const { createApplication } = require('./dist/bot/application');
const { loadConfig } = require('./dist/bot/config');
const { createLogger } = require('./dist/bot/logger');
(async () => {
  const app = await createApplication(loadConfig({ DATABASE_URL: 'sqlite:/tmp/exp3.sqlite', PORT: '0' }), { logger: createLogger('silent'), schedule: false });
  const mk = (text) => ({ type: 'message', id: String(Math.random()), text, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'c' + Math.floor(Math.random()*50) }, from: { id: 'u1', role: 'user' }, recipient: { id: 'b', role: 'bot' }, locale: 'fr-CA', deliveryMode: 'expectReplies' });
  const run = (text) => new Promise((resolve, reject) => app.adapter.process({ body: mk(text), headers: {}, method: 'POST' }, { status() {}, send() {}, end: resolve, header() {} }, (ctx) => app.bot.run(ctx)).catch(reject));
  for (let i = 0; i < 300; i++) await run('merci');
  const t0 = performance.now();
  for (let i = 0; i < 2000; i++) await run(['merci', 'parler à un agent', 'bonjour', 'xyz'][i % 4]);
  console.log('ms/turn', ((performance.now() - t0) / 2000).toFixed(3));
  await app.stop();
})();
