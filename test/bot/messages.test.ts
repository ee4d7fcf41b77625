import { startTestApplication, RunningTestApplication } from '../helpers/testApplication';

describe('POST /api/messages (Emulator mode)', () => {
  let running: RunningTestApplication;

  beforeAll(async () => {
    running = await startTestApplication();
  });
  afterAll(async () => {
    await running.close();
  });

  it('welcomes the person once when they join, with the main menu', async () => {
    const client = running.client();
    expect((await client.join()).status).toBe(200);
    const messages = await running.receiver.waitForMessages(client.conversationId, 2);
    expect(messages[0].text).toContain('assistant automatisé');
    expect(messages[0].text).toContain('Confidentialité');
    expect(messages[1].suggestedActions?.actions.map((a) => a.title)).toEqual([
      'Questions sur la dotation',
      "Problème technique lors d'un examen en ligne",
      'Déposer une plainte',
      'Suivre une plainte',
      'Parler à une personne',
    ]);
    await client.join();
    await client.say('bonjour');
    const after = await running.receiver.waitForMessages(client.conversationId, 3);
    expect(after).toHaveLength(3);
    expect(after[2].text).toContain('Bonjour');
  });

  it('answers "parler à une personne" with the numbers and the hours', async () => {
    const client = running.client();
    await client.say('Parler à une personne');
    const [reply] = await running.receiver.waitForMessages(client.conversationId, 1);
    expect(reply.text).toContain('418\u00a0528-7157');
    expect(reply.text).toContain('1\u00a0866\u00a0672-3460');
    expect(reply.text).toMatch(/Le Centre est (ouvert|fermé)/);
    expect(reply.replyToId).toBeDefined();
  });

  it('rejects malformed JSON with a JSON 400 and keeps serving', async () => {
    const client = running.client();
    const bad = await client.post('{"type": "message", ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: expect.any(String), message: 'The request body is not valid JSON.' } });
    const health = await fetch(`${running.botUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it.each([
    ['a body that is not an activity', [1, 2, 3]],
    ['a JSON string', '"bonjour"'],
    [
      'an activity without a conversation',
      { type: 'message', text: 'allo', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1', from: { id: 'u' }, recipient: { id: 'b' } },
    ],
    [
      'an activity without a type',
      { text: 'allo', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } },
    ],
  ])('rejects %s with 400', async (_label, body) => {
    const res = await running.client().post(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe('InvalidActivity');
  });

  it('refuses a non-local serviceUrl when authentication is off', async () => {
    const client = running.client();
    const res = await client.post(client.activity({ type: 'message', text: 'allo', serviceUrl: 'http://example.org/' }));
    expect(res.status).toBe(403);
  });

  it("answers an invoke it does not handle with 501 and no reply, and keeps the channel's timestamp as sent", async () => {
    const client = running.client();
    const invoke = await client.post(client.activity({ type: 'invoke', name: 'some/unknown', value: {} }));
    expect(invoke.status).toBe(501);
    const sentAt = '2026-03-02T09:15:00.000-05:00';
    expect((await client.say('Parler à une personne', { timestamp: sentAt as unknown as Date })).status).toBe(200);
    const [first] = await running.receiver.waitForMessages(client.conversationId, 1);
    expect(first.text).toContain('418\u00a0528-7157');
    await running.app.transcriptStore.flush();
    const rows = (await running.app
      .db('interactions')
      .where({ conversation_id: client.conversationId, direction: 'in' })
      .orderBy('id')
      .select('activity_json')) as Array<{ activity_json: string }>;
    const inbound = rows.map((r) => JSON.parse(r.activity_json) as { type: string; timestamp?: string; rawTimestamp?: string });
    expect(inbound.map((a) => a.type)).toEqual(['invoke', 'message']);
    expect(inbound[1]).toMatchObject({ rawTimestamp: sentAt, timestamp: new Date(sentAt).toISOString() });
  });

  it('returns the replies in the HTTP answer to an expectReplies activity, and posts nothing to the channel', async () => {
    const client = running.client();
    const res = await client.say('Parler à une personne', { deliveryMode: 'expectReplies' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<{ type: string; text?: string }> };
    expect(body.activities.map((a) => a.text).join('\n')).toContain('418\u00a0528-7157');
    await new Promise((r) => setTimeout(r, 100));
    expect(running.receiver.messagesFor(client.conversationId)).toHaveLength(0);
  });
});
