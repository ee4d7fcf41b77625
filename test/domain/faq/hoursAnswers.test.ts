import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { ConversationHarness, createConversationHarness } from '../../helpers/conversationHarness';

/** The hours answers are computed at the moment of the question (America/Toronto), holidays included. */
describe('time-dependent answers', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  it('while open (Monday 10 h): open until noon', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z' });
    const reply = await h.say("Quelles sont vos heures d'ouverture?");
    expect(reply).toContain('mercredi\u00a0: de 10\u00a0h à 12\u00a0h et de 13\u00a0h à 16\u00a0h\u00a030');
    expect(reply).toContain("Le Centre est ouvert en ce moment, jusqu'à 12\u00a0h.");
  });

  it('at lunch (Tuesday 12 h 30): closed for lunch, reopens at 13 h', async () => {
    h = await createConversationHarness({ now: '2026-11-24T17:30:00Z' });
    const reply = await h.say('vous fermez tu pour le dîner?');
    expect(reply).toContain('de 12\u00a0h à 13\u00a0h');
    expect(reply).toContain("Le Centre est fermé pour le dîner. Il rouvre aujourd'hui à 13\u00a0h.");
  });

  it('in the evening (Thursday 18 h): closed, reopens tomorrow at 8 h 30', async () => {
    h = await createConversationHarness({ now: '2026-11-26T23:00:00Z' });
    expect(await h.say('horaire du centre')).toContain('Le Centre est fermé en ce moment. Il rouvre demain à 8\u00a0h\u00a030.');
  });

  it('on Wednesday at 9 h: opens at 10 h, and a question about Wednesday gets Wednesday first', async () => {
    h = await createConversationHarness({ now: '2026-11-25T14:00:00Z' });
    const reply = await h.say('heures douverture mercredi');
    expect(reply.startsWith('Le mercredi, le Centre est ouvert de 10\u00a0h à 12\u00a0h et de 13\u00a0h à 16\u00a0h\u00a030.')).toBe(true);
    expect(reply).toContain("Le Centre est fermé en ce moment. Il rouvre aujourd'hui à 10\u00a0h.");
  });

  it('on a holiday (Christmas): closed today, and the weekend/holiday answer names the next holiday', async () => {
    h = await createConversationHarness({ now: '2026-12-25T15:00:00Z' });
    expect(await h.say('vous êtes ouverts aujourd’hui?')).toContain("Le Centre est fermé aujourd'hui (Noël).");
    const calendar = BusinessCalendar.fromDataFile();
    const next = calendar.holidaysIn(2026).find((d) => d.date > '2026-12-25')!;
    const reply = await h.say('êtes-vous ouverts les jours fériés?');
    expect(reply).toContain('fermé la fin de semaine (samedi et dimanche) et les jours fériés');
    expect(reply).toContain(`Prochain jour férié\u00a0: ${next.name.fr}`);
  });

  it('computes the date of a 10-business-day answer from today', async () => {
    h = await createConversationHarness({ now: '2026-11-23T15:00:00Z' });
    const reply = await h.say('dans combien de jours allez-vous répondre à ma demande écrite?');
    expect(reply).toContain('10 jours ouvrables');
    expect(reply).toContain('au plus tard le lundi 7 décembre 2026');
  });
});
