import { Database, openDatabase } from '../../../domain/db/database';
import { LiveHelpError } from '../../../domain/liveHelp/liveHelp';
import { estimatedWaitMinutes, handlingMinutes } from '../../../domain/liveHelp/waitEstimate';
import { liveHelpStatistics, percentile } from '../../../domain/statistics/liveHelpStatistics';
import { describeEachDatabase } from '../../helpers/databases';
import { closedInstant, liveHelpOn, openInstant, request } from '../../helpers/liveHelpFixtures';

describeEachDatabase('Live help queue and sessions', (databases) => {
  let db: Database;
  beforeEach(async () => {
    db = await openDatabase(await databases.url());
  });
  afterEach(() => db.destroy());

  it('says why it is not offered: off, closed, nobody signed in, wait above the limit', async () => {
    expect(await liveHelpOn(db, openInstant(), { enabled: false }).service.request(request())).toEqual({ ok: false, reason: 'disabled' });
    const closed = liveHelpOn(db, closedInstant());
    await closed.service.setAgentStatus('zoe', 'available');
    expect(await closed.service.request(request())).toEqual({ ok: false, reason: 'closed' });
    await closed.service.setAgentStatus('zoe', 'away');
    const open = liveHelpOn(db, openInstant(), { maxWaitMinutes: 10 });
    expect(await open.service.request(request())).toEqual({ ok: false, reason: 'noAgent' });
    await open.service.setAgentStatus('alice', 'away');
    expect(await open.service.request(request())).toEqual({ ok: false, reason: 'noAgent' });
    await open.service.setAgentStatus('alice', 'available');
    // 5 minutes each with one agent: places 1 and 2 fit in 10 minutes, the third does not.
    expect(await open.service.request(request())).toMatchObject({ ok: true, place: 1, waitMinutes: 5 });
    expect(await open.service.request(request())).toMatchObject({ ok: true, place: 2, waitMinutes: 10 });
    expect(await open.service.request(request())).toEqual({ ok: false, reason: 'waitTooLong' });
    const figures = await liveHelpStatistics(open.repository, { startsAt: new Date(0), endsBefore: new Date(openInstant().getTime() + 86_400_000 * 30) });
    expect(figures.refused).toEqual({ closed: 1, noAgent: 2, waitTooLong: 1 });
    expect(figures.inProgress).toBe(2);
  });

  it('queues, updates places, lets one agent accept, relays masked messages only for the agent who holds the session, and ends', async () => {
    const { service, clock } = liveHelpOn(db);
    await service.setAgentStatus('alice', 'available');
    await service.setAgentStatus('bob', 'available');
    const first = await service.request(request('hours'));
    const second = await service.request(request());
    if (!first.ok || !second.ok) throw new Error('not queued');
    expect(second.place).toBe(2);
    // The same conversation asking again gets its place back, not a second item.
    expect(await service.request({ ...request(), conversationId: first.session.conversationId })).toMatchObject({ ok: true, place: 1 });

    clock.set(new Date(clock.now().getTime() + 3 * 60_000));
    const accepted = await service.accept(first.session.id, 'alice');
    expect(accepted).toMatchObject({ status: 'active', agent: 'alice' });
    await expect(service.accept(first.session.id, 'bob')).rejects.toEqual(new LiveHelpError('alreadyTaken'));
    expect(await service.improvedPlaces()).toEqual([expect.objectContaining({ place: 1, session: expect.objectContaining({ id: second.session.id }) })]);
    expect(await service.improvedPlaces()).toEqual([]);

    await service.citizenMessage(accepted, 'Mon NAS est 046 454 286');
    await service.agentMessage(first.session.id, 'alice', 'Bonjour, je regarde votre dossier.');
    // Bob does not hold it: refused, nothing stored.
    await expect(service.agentMessage(first.session.id, 'bob', 'Intrus')).rejects.toEqual(new LiveHelpError('notYours'));
    await expect(service.agentMessage(second.session.id, 'alice', 'Pas encore acceptée')).rejects.toEqual(new LiveHelpError('notYours'));
    await expect(service.addNote(first.session.id, 'bob', 'note')).rejects.toEqual(new LiveHelpError('notYours'));
    await service.addNote(first.session.id, 'alice', 'Rappeler au 418 555 0199');
    const messages = await service.messages(first.session.id);
    expect(messages.map((m) => [m.author, m.text])).toEqual([
      ['citizen', expect.not.stringContaining('046 454 286')],
      ['agent', 'Bonjour, je regarde votre dossier.'],
    ]);
    expect((await service.notes(first.session.id))[0].text).not.toContain('555 0199');

    clock.set(new Date(clock.now().getTime() + 6 * 60_000));
    await service.end(first.session.id, 'alice');
    await expect(service.agentMessage(first.session.id, 'alice', 'Après la fin')).rejects.toEqual(new LiveHelpError('notActive'));
    expect(await service.openSessionOf('directline', first.session.conversationId)).toBeUndefined();

    await service.citizenLeaves(second.session);
    const figures = await liveHelpStatistics(service['repository'], { startsAt: new Date(0), endsBefore: new Date(clock.now().getTime() + 1) });
    expect(figures).toMatchObject({ requested: 2, accepted: 1, abandoned: 1, leftQueue: 1, timedOut: 0, waitMedianMinutes: 3, waitP90Minutes: 3 });
    expect(figures.perAgent).toEqual([{ agent: 'alice', handled: 1 }]);
  });

  it('two agents accepting the same conversation at once: exactly one wins', async () => {
    const { service } = liveHelpOn(db);
    const names = ['alice', 'bob', 'carole', 'denis'];
    for (const name of names) await service.setAgentStatus(name, 'available');
    const queued = await service.request(request());
    if (!queued.ok) throw new Error('not queued');
    const results = await Promise.allSettled(names.map((name) => service.accept(queued.session.id, name)));
    const winners = results.filter((r) => r.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(['alreadyTaken', 'alreadyTaken', 'alreadyTaken']);
    const stored = await service.session(queued.session.id);
    expect(stored?.agent).toBe((winners[0] as PromiseFulfilledResult<{ agent: string }>).value.agent);
  });

  it('an agent who disconnects: after the grace period the conversation is back first in the queue; a long wait times out', async () => {
    const { service, clock, repository } = liveHelpOn(db);
    await service.setAgentStatus('alice', 'available');
    const a = await service.request(request());
    const b = await service.request(request());
    if (!a.ok || !b.ok) throw new Error('not queued');
    await service.accept(a.session.id, 'alice');
    clock.set(new Date(clock.now().getTime() + 30_000));
    expect((await service.sweep()).requeued).toEqual([]);
    clock.set(new Date(clock.now().getTime() + 61_000));
    const swept = await service.sweep();
    expect(swept.requeued.map((s) => s.id)).toEqual([a.session.id]);
    expect((await service.queue()).map((s) => s.id)).toEqual([a.session.id, b.session.id]);
    // A restart changes nothing: the queue is read from the database.
    const again = liveHelpOn(db, clock.now());
    expect((await again.service.queue()).map((s) => s.id)).toEqual([a.session.id, b.session.id]);
    clock.set(new Date(clock.now().getTime() + 31 * 60_000));
    expect((await service.sweep()).timedOut.map((s) => s.id)).toEqual([b.session.id]);
    expect((await repository.session(b.session.id))?.status).toBe('timed_out');
  });

  it('the purge removes finished sessions with their messages and notes, never a waiting one', async () => {
    const { service, clock } = liveHelpOn(db);
    await service.setAgentStatus('alice', 'available');
    const done = await service.request(request());
    const waiting = await service.request(request());
    if (!done.ok || !waiting.ok) throw new Error('not queued');
    await service.accept(done.session.id, 'alice');
    await service.agentMessage(done.session.id, 'alice', 'Bonjour');
    await service.addNote(done.session.id, 'alice', 'note');
    await service.end(done.session.id, 'alice');
    expect(await service.purge(new Date(clock.now().getTime() + 1000))).toBe(1);
    expect(await db('live_help_messages').count({ n: '*' }).first()).toEqual({ n: expect.anything() });
    expect(Number((await db('live_help_messages').count({ n: '*' }).first())?.n)).toBe(0);
    expect(Number((await db('live_help_notes').count({ n: '*' }).first())?.n)).toBe(0);
    expect((await service.queue()).map((s) => s.id)).toEqual([waiting.session.id]);
  });
});

describe('wait estimate and percentiles', () => {
  it('uses the default handling time until five sessions ended, then their median', () => {
    expect(handlingMinutes([1, 2], 8)).toBe(8);
    expect(handlingMinutes([4, 2, 10, 6, 8], 8)).toBe(6);
    expect(estimatedWaitMinutes(3, 2, 6)).toBe(12);
    expect(estimatedWaitMinutes(1, 0, 6)).toBe(6);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 90)).toBeNull();
  });
});
