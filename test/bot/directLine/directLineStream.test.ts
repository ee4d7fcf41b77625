import { WebSocket } from 'ws';
import { fixedClock } from '../../../domain/clock';
import { DirectLineTestClient } from '../../helpers/directLineClient';
import { DirectLineStreamClient } from '../../helpers/directLineStreamClient';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const NOW = '2026-11-23T15:00:00Z'; // lundi 23 novembre 2026, 10 h à Québec: the Centre is open

describe('built-in Direct Line: the WebSocket stream (streamUrl)', () => {
  const clock = fixedClock(NOW);
  let running: RunningTestApplication;
  let dl: DirectLineTestClient;
  const streams: DirectLineStreamClient[] = [];
  const open = async (url: string, headers?: Record<string, string>) => {
    const stream = await DirectLineStreamClient.open(url, headers);
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    running = await startTestApplication({ DIRECT_LINE_TOKEN_TTL_SECONDS: '600', DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '1000' }, { clock });
    dl = new DirectLineTestClient(running.botUrl);
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await running.close();
  });

  async function started(): Promise<{ conversationId: string; token: string; streamUrl: string }> {
    const grant = await dl.pageToken();
    const res = await dl.start(grant.token);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { streamUrl: string };
    return { conversationId: grant.conversationId, token: grant.token, streamUrl: body.streamUrl };
  }

  it('pushes the welcome, the echo and the answer as activity sets with watermarks', async () => {
    const { conversationId, token, streamUrl } = await started();
    const stream = await open(streamUrl);
    await stream.waitForBotMessages(2);
    expect(stream.botMessages()[0].text).toContain('Je suis un assistant automatisé');
    expect(stream.watermark).toBe('2');

    const posted = (await (await dl.say(conversationId, token, 'parler à une personne')).json()) as { id: string };
    await stream.waitForBotMessages(3);
    const ids = stream.activities.map((a) => a.id);
    expect(ids).toContain(posted.id);
    expect(ids.indexOf(posted.id)).toBeLessThan(ids.length - 1); // the echo, then the answer
    expect(stream.botMessages()[2].text).toContain('418\u00a0528-7157');
    expect(stream.watermark).toBe('4');
    // Every activity once, in order, and as polling reads them.
    expect(new Set(ids).size).toBe(ids.length);
    expect((await dl.activities(conversationId, token)).activities.map((a) => a.id)).toEqual(ids);
  });

  it('reconnects with a watermark (GET the conversation → a new streamUrl) and misses nothing', async () => {
    const { conversationId, token, streamUrl } = await started();
    const first = await open(streamUrl);
    await first.waitForBotMessages(2);
    const watermark = first.watermark!;
    await first.close();
    await dl.say(conversationId, token, 'parler à une personne'); // while the page is away

    const reconnect = (await (await dl.request('GET', `/conversations/${conversationId}?watermark=${watermark}`, token)).json()) as { streamUrl: string };
    expect(reconnect.streamUrl).toContain(`watermark=${watermark}&t=`);
    const second = await open(reconnect.streamUrl);
    await second.waitForBotMessages(1);
    expect(second.activities.map((a) => a.from?.role)).toEqual(['user', 'bot']);
    expect(second.activities[0].text).toBe('parler à une personne');
  });

  it('also accepts the token in an Authorization header', async () => {
    const { conversationId, token } = await started();
    const stream = await open(`ws://${new URL(running.botUrl).host}/v3/directline/conversations/${conversationId}/stream`, { authorization: `Bearer ${token}` });
    await stream.waitForBotMessages(2);
  });

  it('refuses the upgrade without a valid token for this conversation, and elsewhere', async () => {
    const { conversationId, streamUrl } = await started();
    const other = await started();
    const host = new URL(running.botUrl).host;
    const status = (url: string) => DirectLineStreamClient.open(url).then(
      () => 101,
      (err: { status?: number }) => err.status,
    );
    expect(await status(`ws://${host}/v3/directline/conversations/${conversationId}/stream`)).toBe(401);
    expect(await status(`ws://${host}/v3/directline/conversations/${conversationId}/stream?t=forged.token`)).toBe(401);
    expect(await status(streamUrl.replace(conversationId, other.conversationId))).toBe(403);
    expect(await status(`ws://${host}/api/messages`)).toBe(404);
    // The server still serves.
    expect((await dl.pageToken()).token).toEqual(expect.any(String));
  });

  it('ignores Web Chat keepalives, closes on a binary or an oversized message', async () => {
    const { streamUrl } = await started();
    const stream = await open(streamUrl);
    stream.socket.send('');
    await stream.waitForBotMessages(2);
    stream.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    await stream.until(() => stream.closed !== undefined);
    expect(stream.closed?.code).toBe(1008);

    const big = await open(streamUrl);
    big.socket.send('x'.repeat(10_000));
    await big.until(() => big.closed !== undefined);
    expect(big.closed?.code).toBe(1009);
  });

  it('closes the streams when the server stops', async () => {
    const other = await startTestApplication({}, { clock });
    const client = new DirectLineTestClient(other.botUrl);
    const grant = await client.pageToken();
    const body = (await (await client.start(grant.token)).json()) as { streamUrl: string };
    const stream = await DirectLineStreamClient.open(body.streamUrl);
    await stream.waitForBotMessages(2);
    await other.close();
    await stream.until(() => stream.closed !== undefined);
    expect(stream.closed?.code).toBe(1001);
    expect(stream.socket.readyState).toBe(WebSocket.CLOSED);
  });
});
