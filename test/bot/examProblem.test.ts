import { fixedClock } from '../../domain/clock';
import { RunningTestApplication, startTestApplication } from '../helpers/testApplication';

/** Through /api/messages as the Bot Framework Emulator does, on a Monday at 10 h in Québec. */
describe('online exam problem over HTTP (Emulator mode)', () => {
  let running: RunningTestApplication;

  beforeAll(async () => {
    running = await startTestApplication({}, { clock: fixedClock('2026-11-23T15:00:00Z') });
  });
  afterAll(async () => {
    await running.close();
  });

  it('triages from the menu button and ends with an incident row and its confirmation number', async () => {
    const client = running.client();
    let expected = 0;
    const say = async (text: string, replies: number) => {
      expect((await client.say(text)).status).toBe(200);
      expected += replies;
      const messages = await running.receiver.waitForMessages(client.conversationId, expected);
      return messages.slice(expected - replies);
    };

    const [q1] = await say("Problème technique lors d'un examen en ligne", 1);
    expect(q1.text).toContain("Êtes-vous en train de faire l'examen");
    expect(q1.suggestedActions?.actions.map((a) => a.title)).toEqual(['Oui, en ce moment', 'Non']);
    const [q2] = await say('Oui, en ce moment', 1);
    expect(q2.text).toContain('Quel est le problème?');
    const [q3] = await say("Accès ou connexion à l'examen", 1);
    expect(q3.text).toContain("Quel est le nom ou le numéro de l'examen");
    // Urgent: one bubble with one card (call and write buttons) and the menu.
    const result = await say('Processus 2026-0456', 1);

    const [answer] = result;
    const reference = /\*\*(EX-2026-\d{6})\*\*/.exec(answer.text ?? '')?.[1];
    expect(reference).toBe('EX-2026-000001');
    expect(answer.text).toContain('Priorité\u00a0: urgente');
    expect(answer.text).toContain('Téléphonez tout de suite au CA-dotation');
    expect(answer.attachments?.map((a) => a.contentType)).toEqual(['application/vnd.microsoft.card.hero']);
    expect(answer.suggestedActions?.actions.length).toBeGreaterThan(0);
    expect(answer.replyToId).toBeDefined();

    const rows = await running.app.db('exam_incidents').where({ reference });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      problem_kind: 'access',
      exam_name: 'Processus 2026-0456',
      priority: 'urgent',
      route: 'phone-now',
      channel_id: 'emulator',
      conversation_id: client.conversationId,
      locale: 'fr-CA',
      created_at: '2026-11-23T15:00:00.000Z',
    });
  });

  it('answers in one turn when the first message says it all, and the same activity posted twice stays one incident', async () => {
    const client = running.client();
    const activity = client.activity({ type: 'message', text: 'Mon examen 12345 plante en ce moment' });
    expect((await client.post(activity)).status).toBe(200);
    const first = await running.receiver.waitForMessages(client.conversationId, 1);
    expect((await client.post(activity)).status).toBe(200);
    const second = await running.receiver.waitForMessages(client.conversationId, 2);
    const refs = [first[0], second[1]].map((m) => /\*\*(EX-\d{4}-\d{6})\*\*/.exec(m.text ?? '')?.[1]);
    expect(refs[0]).toMatch(/^EX-2026-\d{6}$/);
    expect(refs[1]).toBe(refs[0]);
    expect(await running.app.db('exam_incidents').where({ conversation_id: client.conversationId })).toHaveLength(1);
  });
});
