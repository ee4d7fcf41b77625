import { ChannelReceiver } from '../helpers/channelReceiver';
import { startTestApplication } from '../helpers/testApplication';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';

describe('server lifecycle', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it('answers /healthz with 200 while the database is reachable and 503 once it is not', async () => {
    const running = await startTestApplication();
    try {
      const ok = await fetch(`${running.botUrl}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ status: 'ok', database: 'ok' });
      await running.app.db.destroy();
      const down = await fetch(`${running.botUrl}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toEqual({ status: 'unavailable', database: 'unreachable' });
    } finally {
      await running.close();
    }
  });

  it('keeps conversation state across a restart on the same SQLite file', async () => {
    const receiver = new ChannelReceiver();
    await receiver.start();
    const databaseUrl = tempDatabaseUrl(dir.path, 'restart.sqlite');
    const first = await startTestApplication({}, { databaseUrl, receiver });
    const client = first.client();
    await client.say('xyzzy');
    await receiver.waitForMessages(client.conversationId, 1);
    await first.stop();

    const second = await startTestApplication({}, { databaseUrl, receiver });
    const sameConversation = second.client({ conversationId: client.conversationId, userId: client.userId });
    await sameConversation.say('plugh');
    const messages = await receiver.waitForMessages(client.conversationId, 2);
    // The second misunderstanding in a row (counted before the restart) offers a person.
    expect(messages[1].text).toContain('Une personne du CA-dotation');
    await second.close();
    await receiver.stop();
  });

  it('finishes an in-flight turn before stopping, then refuses new connections', async () => {
    const running = await startTestApplication();
    try {
      running.receiver.delayMs = 400;
      const client = running.client();
      const arriving = running.receiver.nextArrival();
      const inFlight = client.say('parler à un agent');
      await arriving;
      const stopping = running.stop();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(running.receiver.messagesFor(client.conversationId)).toHaveLength(1);
      await stopping;
      await expect(fetch(`${running.botUrl}/healthz`)).rejects.toThrow();
    } finally {
      await running.close();
    }
  });

  it('writes every activity of a conversation to the interaction log with intent, dialog and latency', async () => {
    const running = await startTestApplication();
    const client = running.client();
    await client.join();
    await client.say('Parler à une personne');
    await running.receiver.waitForMessages(client.conversationId, 3);
    await running.app.transcriptStore.flush();
    const rows = await running.app.db('interactions').where({ conversation_id: client.conversationId }).orderBy('id');
    expect(rows.map((r: { direction: string; activity_type: string }) => `${r.direction}:${r.activity_type}`)).toEqual([
      'in:conversationUpdate',
      'out:message',
      'out:message',
      'in:message',
      'out:message',
    ]);
    const inbound = rows[3];
    expect(inbound).toMatchObject({ channel_id: 'emulator', locale: 'fr-CA', intent: 'handoff', dialog: 'main', text: 'Parler à une personne' });
    expect(inbound.intent_score).toBe(1);
    expect(inbound.latency_ms).toBeGreaterThanOrEqual(0);
    expect(inbound.user_pseudonym).toMatch(/^u_/);
    expect(JSON.stringify(rows)).not.toContain(client.userId);
    expect(new Date(inbound.occurred_at).toISOString()).toBe(inbound.occurred_at);
    await running.close();
  });
});
