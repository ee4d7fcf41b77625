import { loadConfig } from '../../bot/config';
import { topicLabel } from '../../bot/liveHelp/agentState';
import { knowledgeBase } from '../../domain/faq/knowledgeBase';
import type { LiveHelpService } from '../../domain/liveHelp/liveHelpService';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';
import { closedInstant, openInstant } from '../helpers/liveHelpFixtures';

const ON = loadConfig({ LIVE_HELP_ENABLED: 'true', LIVE_HELP_HANDLING_MINUTES: '4' });

describe('Live help dialog (TestAdapter harness)', () => {
  let harness: ConversationHarness;
  let liveHelp: LiveHelpService;
  afterEach(() => harness.close());

  async function start(now: Date, config = ON): Promise<void> {
    harness = await createConversationHarness({ now: now.toISOString(), config });
    liveHelp = harness.core.services.liveHelp!;
  }

  it('queues the citizen with place and wait, sends handoff.initiate with the transcript, relays messages, and « annuler » leaves the queue', async () => {
    await start(openInstant());
    await liveHelp.setAgentStatus('alice', 'available');
    await harness.say('Quelles sont vos heures?');
    await harness.transcriptStore.flush();
    const activities = await harness.turn('parler à une personne');
    const handoff = activities.find((a) => a.type === 'event');
    expect(handoff?.name).toBe('handoff.initiate');
    const value = handoff?.value as { sessionId: number; lang: string };
    expect(value.lang).toBe('fr');
    const transcript = (handoff?.attachments?.[0]?.content as { activities?: Array<{ text: string }> } | undefined)?.activities ?? [];
    expect(transcript.map((a) => a.text)).toContain('Quelles sont vos heures?');
    const queued = activities.filter((a) => a.type === 'message').map((a) => a.text).join('\n');
    expect(queued).toContain('au rang 1');
    expect(queued).toContain('environ 4\u00a0min');

    // While waiting, a message is kept for the agent (masked) and the place is repeated; no assistant answer.
    expect(await harness.say('Mon courriel est marie@example.com')).toContain('toujours dans la file, au rang 1');
    const [session] = await liveHelp.queue();
    expect(session.topic).toBe('hours');
    expect(topicLabel(session.topic, 'fr')).toBe(knowledgeBase().byId.get('hours')?.title.fr);
    expect((await liveHelp.messages(session.id)).map((m) => m.text)).toEqual([expect.not.stringContaining('marie@example.com')]);

    expect(await harness.say('annuler')).toContain('quitté la file');
    expect(await liveHelp.queue()).toEqual([]);
    expect((await liveHelp.session(session.id))?.status).toBe('left');
    // Back with the assistant.
    expect(await harness.say('Quelles sont vos heures?')).toMatch(/8\u00a0h\u00a030/);
  });

  it('with an agent: the citizen’s messages go to the session, and once the agent ends, the next message is answered by the assistant', async () => {
    await start(openInstant());
    await liveHelp.setAgentStatus('alice', 'available');
    await harness.say('parler à un agent');
    const [waiting] = await liveHelp.queue();
    await liveHelp.accept(waiting.id, 'alice');
    expect(await harness.say('Bonjour, ma question porte sur un concours')).toBe('');
    expect((await liveHelp.messages(waiting.id)).map((m) => m.text)).toEqual(['Bonjour, ma question porte sur un concours']);
    await liveHelp.end(waiting.id, 'alice');
    expect(await harness.say('Quelles sont vos heures?')).toMatch(/8\u00a0h\u00a030/);
  });

  it('not offered (off, closed, nobody signed in): the phone numbers and hours, saying why, and the callback request offered', async () => {
    await start(openInstant(), loadConfig({}));
    const off = await harness.say('parler à une personne');
    expect(off).toContain('Heures');
    expect(off).not.toContain('clavarder');
    await harness.close();

    await start(openInstant());
    const nobody = await harness.turn('parler à une personne');
    expect(nobody.map((a) => a.text).join('\n')).toContain("Personne n'est disponible pour clavarder en ce moment.");
    expect(suggestedTitles(nobody)).toContain('Demander un rappel');
    expect(await harness.say('Demander un rappel')).toContain('Acceptez-vous');
    await harness.close();

    await start(closedInstant());
    await liveHelp.setAgentStatus('alice', 'available');
    expect(await harness.say('parler à une personne')).toContain("offert pendant les heures d'ouverture");
  });
});
