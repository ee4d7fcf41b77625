import type { Activity } from 'botbuilder';
import { fixedClock } from '../../domain/clock';
import { ChannelReceiver } from '../helpers/channelReceiver';
import type { EmulatorClient } from '../helpers/emulatorClient';
import { startTestApplication } from '../helpers/testApplication';
import { describeEachDatabase } from '../helpers/databases';

const NOW = '2026-11-23T15:00:00Z'; // lundi 23 novembre 2026, 10 h à Québec

interface SummaryCard {
  actions: Array<{ data: { complaintAction: string; submissionId: string } }>;
}

/** Posts one message the Emulator way; the reply has reached the channel receiver when the POST returns. */
async function say(client: EmulatorClient, receiver: ChannelReceiver, text: string, extra: Partial<Activity> = {}): Promise<Activity[]> {
  const before = receiver.messagesFor(client.conversationId).length;
  const res = await client.post(client.activity({ type: 'message', text, ...extra }));
  expect(res.status).toBe(200);
  return receiver.messagesFor(client.conversationId).slice(before);
}

function confirmValue(replies: Activity[]): SummaryCard['actions'][number]['data'] {
  const card = replies.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')!.content as SummaryCard;
  return card.actions.find((a) => a.data.complaintAction === 'confirm')!.data;
}

const joined = (replies: Activity[]) => replies.map((a) => a.text ?? '').join('\n');

describeEachDatabase('complaints over HTTP (Emulator mode)', (databases) => {

  it('files a complaint through /api/messages and finds it in the database, with nothing personal in the interaction log', async () => {
    const running = await startTestApplication({}, { clock: fixedClock(NOW), databaseUrl: await databases.url() });
    const { receiver } = running;
    const client = running.client();
    try {
      expect(joined(await say(client, receiver, 'Déposer une plainte'))).toContain('Acceptez-vous');
      expect(joined(await say(client, receiver, "Oui, j'accepte"))).toContain('Quel est votre nom?');
      await say(client, receiver, 'Hélène Gagnon');
      await say(client, receiver, 'Téléphone');
      expect(joined(await say(client, receiver, '581 555-0142'))).toContain('Quel service');
      await say(client, receiver, 'Service téléphonique du CA-dotation');
      await say(client, receiver, 'hier');
      await say(client, receiver, 'On m’a transféré trois fois sans jamais répondre à ma question.');
      const summary = await say(client, receiver, 'Passer cette question');
      const confirmation = joined(await say(client, receiver, '', { text: undefined, value: confirmValue(summary) }));
      expect(confirmation).toContain('PL-2026-000001');
      expect(confirmation).toContain('au plus tard le lundi 30 novembre 2026');

      const rows = await running.app.db('complaints').select();
      expect(rows).toMatchObject([
        {
          reference: 'PL-2026-000001',
          complainant_name: 'Hélène Gagnon',
          contact_method: 'phone',
          contact_value: '+15815550142',
          service: 'ca-dotation-phone',
          incident_date: '2026-11-22',
          description: 'On m’a transféré trois fois sans jamais répondre à ma question.',
          desired_outcome: null,
          channel_id: 'emulator',
          conversation_id: client.conversationId,
          first_contact_due_date: '2026-11-30',
          answer_due_date: '2026-12-21',
        },
      ]);

      await running.app.transcriptStore.flush();
      const log = JSON.stringify(await running.app.db('interactions').where({ conversation_id: client.conversationId }).select());
      expect(log).not.toMatch(/Hélène|Gagnon|transféré|555-0142|5815550142/);
      expect(log).toContain('[retiré]');
    } finally {
      await running.close();
    }
  });

  it('continues a half-filled complaint after a restart of the server on the same database', async () => {
    const receiver = new ChannelReceiver();
    await receiver.start();
    const databaseUrl = await databases.url();
    const first = await startTestApplication({}, { databaseUrl, receiver, clock: fixedClock(NOW) });
    const client = first.client();
    await say(client, receiver, 'Déposer une plainte');
    await say(client, receiver, 'Oui');
    await say(client, receiver, 'Marc Lévesque');
    await say(client, receiver, 'Courriel');
    await say(client, receiver, 'marc.levesque@exemple.ca');
    await say(client, receiver, 'Processus de qualification');
    expect(joined(await say(client, receiver, 'le 3 novembre'))).toContain('Décrivez la situation');
    await first.stop();

    const second = await startTestApplication({}, { databaseUrl, receiver, clock: fixedClock(NOW) });
    try {
      const again = second.client({ conversationId: client.conversationId, userId: client.userId });
      expect(joined(await say(again, receiver, 'Mon résultat à l’examen n’a jamais été publié.'))).toContain('Quel résultat souhaitez-vous');
      const summary = await say(again, receiver, 'Connaître mon résultat.');
      expect(JSON.stringify(summary)).toContain('Marc Lévesque');
      expect(joined(await say(again, receiver, 'Confirmer'))).toContain('PL-2026-000001');
      expect(await second.app.db('complaints').select()).toMatchObject([
        {
          complainant_name: 'Marc Lévesque',
          contact_value: 'marc.levesque@exemple.ca',
          service: 'qualification-processes',
          incident_date: '2026-11-03',
          description: 'Mon résultat à l’examen n’a jamais été publié.',
          desired_outcome: 'Connaître mon résultat.',
        },
      ]);
    } finally {
      await second.close();
      await receiver.stop();
    }
  });

  it('creates one complaint when « Confirmer » is clicked twice at the same time', async () => {
    const running = await startTestApplication({}, { clock: fixedClock(NOW), databaseUrl: await databases.url() });
    const { receiver } = running;
    const client = running.client();
    try {
      for (const text of ['Déposer une plainte', 'Oui', 'Lise Fortin', 'Courriel', 'lise@exemple.ca', 'Autre', 'hier', 'Le formulaire refuse mon adresse.']) {
        await say(client, receiver, text);
      }
      const value = confirmValue(await say(client, receiver, 'Passer cette question'));
      const before = receiver.messagesFor(client.conversationId).length;
      const responses = await Promise.all([1, 2].map(() => client.post(client.activity({ type: 'message', value }))));
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      const replies = receiver.messagesFor(client.conversationId).slice(before);
      const references = replies.map((r) => /PL-\d{4}-\d{6}/.exec(r.text ?? '')?.[0]).filter(Boolean);
      expect(references.length).toBeGreaterThanOrEqual(2);
      expect(new Set(references)).toEqual(new Set(['PL-2026-000001']));
      expect(await running.app.db('complaints').count({ n: '*' })).toEqual([{ n: 1 }]);
    } finally {
      await running.close();
    }
  });
});
