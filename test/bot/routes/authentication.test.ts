import { startTestApplication, RunningTestApplication } from '../../helpers/testApplication';

describe('POST /api/messages with a MicrosoftAppId (Azure Bot Service mode)', () => {
  let running: RunningTestApplication;

  let consoleError: jest.SpyInstance;

  beforeAll(async () => {
    // botbuilder's CloudAdapter.process printed the error of every rejected request with console.error: no more.
    consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    running = await startTestApplication({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
    });
  });
  afterAll(async () => {
    await running.close();
    jest.restoreAllMocks();
  });

  it('answers 401 to an activity without a token, and nothing reaches the channel', async () => {
    const client = running.client();
    const res = await client.say('bonjour');
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(running.receiver.messagesFor(client.conversationId)).toHaveLength(0);
  });

  it('answers 401 to a forged bearer token', async () => {
    const client = running.client();
    const res = await client.post(client.activity({ type: 'message', text: 'bonjour' }), { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'Unauthorized', message: expect.any(String) } });
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('accepts a non-local serviceUrl shape (the JWT, not the URL, is checked)', async () => {
    const client = running.client();
    const res = await client.post(client.activity({ type: 'message', text: 'bonjour', serviceUrl: 'https://smba.trafficmanager.net/teams/' }));
    expect(res.status).toBe(401);
  });
});
