import { DEFAULT_TURN_LEASE_MS } from '../../bot/directLine/turnSequencer';
import type { Activity } from 'botbuilder';
import { openDatabase } from '../../domain/db/database';
import { complaintConfirmValue, DirectLineTestClient } from '../helpers/directLineClient';
import { ServerProcess } from '../helpers/serverProcess';
import { tempDatabaseUrl, tempDir } from '../helpers/tempDir';

jest.setTimeout(180_000);

/**
 * The server in its own process on a SQLite file, killed with SIGKILL (kill -9) at the worst moments:
 * in the middle of the complaint form, and right after the confirmation was written. After each
 * restart the page reconnects with the same token, as Web Chat does after a reload.
 */
describe('a kill -9 of the server', () => {
  const dir = tempDir();
  const databaseUrl = tempDatabaseUrl(dir.path, 'crash.sqlite');
  const server = new ServerProcess({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '1000',
    INTERACTION_PURGE_CRON: '0 0 1 1 *',
    COMPLAINT_PURGE_CRON: '0 0 1 1 *',
    STATE_PURGE_CRON: '0 0 1 1 *',
  });

  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    dir.cleanup();
  });

  it('keeps a half-filled complaint and a confirmed one, whose reference the citizen sees on coming back', async () => {
    const dl = new DirectLineTestClient(server.url);
    const grant = await dl.pageToken();
    expect((await dl.start(grant.token)).status).toBe(201);
    const { conversationId, token } = grant;
    const botMessages = async (): Promise<Activity[]> =>
      (await dl.activities(conversationId, token)).activities.filter((a) => a.type === 'message' && a.from?.role === 'bot');
    const joined = (replies: Activity[]) => replies.map((a) => a.text ?? '').join('\n');
    /**
     * Posts a message (or a card submission) and returns the bot's replies to it once `expected` shows
     * in them (or holds of them): an answer in several messages may still be arriving before that.
     */
    const say = async (
      text: string,
      expected: string | RegExp | ((replies: Activity[]) => boolean),
      extra: Record<string, unknown> = {},
      // Right after a kill -9, the dead process may still hold the conversation's turn lease: the
      // next turn waits for it to run out (DEFAULT_TURN_LEASE_MS) before it starts.
      waitMs = 20_000,
    ): Promise<Activity[]> => {
      const res = await dl.say(conversationId, token, text, extra);
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      const deadline = Date.now() + waitMs;
      for (;;) {
        const replies = (await botMessages()).filter((a) => a.replyToId === id);
        const said = joined(replies);
        const complete = typeof expected === 'function' ? expected(replies) : typeof expected === 'string' ? said.includes(expected) : expected.test(said);
        if (complete) return replies;
        if (Date.now() > deadline) throw new Error(`no complete answer to "${text}"`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await dl.waitForBotMessages(conversationId, token, 2);

    await say('Déposer une plainte', 'Acceptez-vous');
    await say("Oui, j'accepte", 'votre nom');
    await say('Hélène Gagnon', 'Comment préférez-vous');
    await say('Téléphone', /numéro de téléphone/);

    // Killed in the middle of the form: after the restart, the form goes on where it was.
    await server.kill();
    await server.start();
    await say('581 555-0142', 'Quel service', {}, DEFAULT_TURN_LEASE_MS + 20_000);
    await say('Service téléphonique du CA-dotation', 'Quand la situation');
    await say('hier', 'Décrivez la situation');
    await say('On m’a transféré trois fois sans jamais répondre à ma question.', 'Quel résultat souhaitez-vous');
    const summary = await say('Passer cette question', (replies) => replies.some((a) => a.attachments?.length));
    const confirm = complaintConfirmValue(summary);
    const confirmation = joined(await say('', /PL-\d{4}-\d{6}/, { text: undefined, value: confirm }));
    const reference = /PL-\d{4}-\d{6}/.exec(confirmation)![0];

    // Killed right after the confirmation was written: the complaint is stored once, and the page
    // that reconnects with its token shows the confirmation with the reference.
    await server.kill();
    const db = await openDatabase(databaseUrl);
    try {
      expect(await db('complaints').select('reference', 'complainant_name')).toEqual([{ reference, complainant_name: 'Hélène Gagnon' }]);
    } finally {
      await db.destroy();
    }
    await server.start();
    expect((await dl.request('GET', `/conversations/${conversationId}`, token)).status).toBe(200);
    expect((await botMessages()).some((a) => a.text?.includes(reference))).toBe(true);
    // A second « Confirmer » after the crash repeats the same reference and files nothing new.
    await say('', reference, { text: undefined, value: confirm }, DEFAULT_TURN_LEASE_MS + 20_000);
    const after = await openDatabase(databaseUrl);
    try {
      expect(await after('complaints').count({ n: '*' }).first()).toEqual({ n: 1 });
    } finally {
      await after.destroy();
    }
  });
});
