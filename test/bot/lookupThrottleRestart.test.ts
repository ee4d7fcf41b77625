import type { Activity } from 'botbuilder';
import { rememberClientAddress } from '../../bot/clientAddressMiddleware';
import { createLogger } from '../../bot/logger';
import { stateRetentionJob } from '../../bot/retentionJobs';
import { fixedClock } from '../../domain/clock';
import { StateRepository } from '../../domain/db/stateRepository';
import { ChannelReceiver } from '../helpers/channelReceiver';
import type { EmulatorClient } from '../helpers/emulatorClient';
import { RunningTestApplication, startTestApplication } from '../helpers/testApplication';
import { describeEachDatabase } from '../helpers/databases';

const NOW = '2026-11-23T15:00:00Z'; // lundi 23 novembre 2026, 10 h à Québec
const REFUSED = "Par mesure de sécurité, je ne peux pas faire d'autre recherche de plainte avant";

/** Posts one message the Emulator way, from `address` as the HTTP edge reports it; returns the replies. */
async function send(client: EmulatorClient, receiver: ChannelReceiver, text: string, address?: string): Promise<Activity[]> {
  const before = receiver.messagesFor(client.conversationId).length;
  const activity = client.activity({ type: 'message', text });
  rememberClientAddress(activity.id, address);
  const res = await client.post(activity);
  expect(res.status).toBe(200);
  return receiver.messagesFor(client.conversationId).slice(before);
}

async function say(client: EmulatorClient, receiver: ChannelReceiver, text: string, address?: string): Promise<string> {
  return (await send(client, receiver, text, address)).map((a) => a.text ?? '').join('\n');
}

describeEachDatabase('after a restart of the server on the same database', (databases) => {
  const receiver = new ChannelReceiver();
  const clock = fixedClock(NOW);
  let running: RunningTestApplication | undefined;
  beforeAll(async () => {
    await receiver.start();
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    await receiver.stop();
  });
  const start = async (databaseUrl: string) => (running = await startTestApplication({}, { databaseUrl, receiver, clock }));

  it('still refuses lookups of a locked reference, until the lock ends', async () => {
    clock.set(NOW);
    const databaseUrl = await databases.url();
    const first = await start(databaseUrl);
    await first.app.services.complaints.create(
      { name: 'Marie Tremblay', contactMethod: 'phone', contactValue: '819 555-0177', service: 'other', description: 'Aucune réponse.' },
      { submissionId: 'restart-1' },
    );
    for (let i = 1; i <= 5; i += 1) {
      const client = first.client();
      await say(client, receiver, 'Suivre une plainte', `198.51.100.${i}`);
      await say(client, receiver, 'PL-2026-000001', `198.51.100.${i}`);
      const answer = await say(client, receiver, `819 555-01${String(i).padStart(2, '0')}`, `198.51.100.${i}`);
      expect(answer.includes(REFUSED)).toBe(i === 5);
    }
    await first.stop();

    const second = await start(databaseUrl);
    const owner = second.client();
    await say(owner, receiver, 'Suivre une plainte', '203.0.113.9');
    await say(owner, receiver, 'PL-2026-000001', '203.0.113.9');
    expect(await say(owner, receiver, '819\u00a0555-0177', '203.0.113.9')).toContain(`${REFUSED} 11\u00a0h.`);

    clock.set('2026-11-23T16:00:00Z');
    const later = second.client();
    await say(later, receiver, 'Suivre une plainte', '203.0.113.9');
    await say(later, receiver, 'PL-2026-000001', '203.0.113.9');
    expect(await say(later, receiver, '819\u00a0555-0177', '203.0.113.9')).toContain('Plainte **PL-2026-000001**\u00a0: reçue.');
  });

  it('keeps a complaint draft within STATE_RETENTION_DAYS and deletes it after', async () => {
    clock.set(NOW);
    const databaseUrl = await databases.url();
    const first = await start(databaseUrl);
    const client = first.client();
    for (const text of ['Déposer une plainte', 'Oui', 'Marc Lévesque', 'Courriel', 'marc.levesque@exemple.ca', 'Processus de qualification']) {
      await say(client, receiver, text);
    }
    expect(await say(client, receiver, 'le 3 novembre')).toContain('Décrivez la situation');
    await first.stop();

    // 29 days later: the daily purge keeps the draft, which goes on where it stopped.
    clock.set('2026-12-22T15:00:00Z');
    const second = await start(databaseUrl);
    const purge = () =>
      stateRetentionJob(
        second.app.config,
        new StateRepository(second.app.db, clock),
        second.app.services.complaintLookups,
        clock,
        createLogger('silent'),
      ).run();
    await purge();
    const again = second.client({ conversationId: client.conversationId, userId: client.userId });
    expect(await say(again, receiver, 'Mon résultat n’a jamais été publié.')).toContain('Quel résultat souhaitez-vous');
    expect(JSON.stringify(await second.app.db('bot_state').select('data'))).toContain('marc.levesque@exemple.ca');

    // 30 days and a second without a message: gone, and the conversation starts over.
    clock.set('2027-01-21T15:00:01Z');
    await purge();
    expect(JSON.stringify(await second.app.db('bot_state').select('data'))).not.toContain('Marc Lévesque');
    expect(await second.app.db('bot_state').where('key', 'like', `%${client.conversationId}%`).select('key')).toEqual([]);
    expect(JSON.stringify(await send(again, receiver, 'Connaître mon résultat.'))).not.toMatch(/Marc Lévesque|Confirmer/);
    expect(await second.app.db('complaints').select()).toEqual([]);
  });
});
