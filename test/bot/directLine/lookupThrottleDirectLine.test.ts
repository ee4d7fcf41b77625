import { fixedClock } from '../../../domain/clock';
import { DirectLineTestClient } from '../../helpers/directLineClient';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const REFUSED = "Par mesure de sécurité, je ne peux pas faire d'autre recherche de plainte avant";

/**
 * The guessing attack of issue 11 through the page's own channel: a new Direct Line conversation every
 * two guesses, each on another reference, all from one address. The edge hands the address to the turn,
 * so the per-address limit holds where the per-conversation and per-reference ones cannot.
 */
describe('complaint lookups through the built-in Direct Line', () => {
  let running: RunningTestApplication;
  let directLine: DirectLineTestClient;

  beforeAll(async () => {
    running = await startTestApplication(
      { DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '1000', COMPLAINT_LOOKUP_ADDRESS_MAX_FAILURES: '4' },
      { clock: fixedClock('2026-11-23T15:00:00Z') },
    );
    directLine = new DirectLineTestClient(running.botUrl);
  });
  afterAll(async () => {
    await running.close();
  });

  /** Sends a message and returns the text of the first bot message that follows it. */
  async function reply(grant: { conversationId: string; token: string }, text: string): Promise<string> {
    const before = (await directLine.waitForBotMessages(grant.conversationId, grant.token, 0)).length;
    expect((await directLine.say(grant.conversationId, grant.token, text)).status).toBe(200);
    return (await directLine.waitForBotMessages(grant.conversationId, grant.token, before + 1))[before].text ?? '';
  }

  it('refuses further lookups from an address after its failures, across conversations and references', async () => {
    const failures: string[] = [];
    for (let i = 1; i <= 2; i += 1) {
      const grant = await directLine.conversation();
      for (const suffix of ['1', '2']) {
        await reply(grant, 'Où en est ma plainte?');
        await reply(grant, `PL-2026-000${i}0${suffix}`);
        failures.push(await reply(grant, `819 555-0${i}0${suffix}`));
      }
    }
    expect(failures.map((a) => a.includes(REFUSED))).toEqual([false, false, false, true]);
    // A fresh conversation from the same address, on yet another reference: refused at once.
    const fresh = await directLine.conversation();
    expect(await reply(fresh, 'Où en est ma plainte?')).toContain(REFUSED);
  });
});
