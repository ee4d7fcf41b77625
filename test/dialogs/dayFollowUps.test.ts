import { ConversationHarness, createConversationHarness } from '../helpers/conversationHarness';

/**
 * Issue 12, follow-ups about a day after an hours answer: « pis le 2? » is the next 2nd of a month, and
 * « lundi? » asked on a Monday is today (once the Centre has closed for the day, the answer says so and
 * gives the next opening). Dates and holidays from the project's calendar, on the injected clock.
 */
const MONDAY_10H = '2026-11-23T15:00:00Z'; // lundi 23 novembre 2026, 10 h à Québec
const MONDAY_17H = '2026-11-23T22:00:00Z'; // the same Monday, after the 16 h 30 closing
const SATURDAY = '2026-11-28T15:00:00Z';
const HOURS = "Quelles sont vos heures d'ouverture?";
const NBSP = '\u00a0';
const WEEKDAY_PERIODS = `de 8${NBSP}h${NBSP}30 à 12${NBSP}h et de 13${NBSP}h à 16${NBSP}h${NBSP}30`;
const WEDNESDAY_PERIODS = `de 10${NBSP}h à 12${NBSP}h et de 13${NBSP}h à 16${NBSP}h${NBSP}30`;

describe('follow-ups about a day', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  async function after(now: string, question = HOURS, locale?: string): Promise<void> {
    h = await createConversationHarness({ now, locale });
    await h.say(question);
  }

  it('« pis le 2? », « et le 15? »: the next such day of the month from today', async () => {
    await after(MONDAY_10H);
    const second = await h.say('pis le 2?');
    expect(second).toContain(`Le mercredi 2 décembre 2026, le Centre est ouvert ${WEDNESDAY_PERIODS}.`);
    expect(second).not.toContain("Heures d'ouverture du Centre"); // only that day, not the whole answer again
    expect(await h.say('et le 15?')).toContain(`Le mardi 15 décembre 2026, le Centre est ouvert ${WEEKDAY_PERIODS}.`);
    expect(await h.say('et le 23?')).toContain(`Aujourd'hui, le Centre est ouvert ${WEEKDAY_PERIODS}.`);
  });

  it('« et le 31? » in November is December 31, a holiday in the calendar, with the next opening', async () => {
    await after(MONDAY_10H);
    const holiday = h.core.services.calendar.holidayOn('2026-12-31');
    expect(holiday).toBeDefined();
    const reply = await h.say('et le 31?');
    expect(reply).toContain(`Le jeudi 31 décembre 2026, le Centre est fermé${NBSP}: c'est un jour férié (${holiday!.name.fr}).`);
    expect(reply).toContain(`Prochaine ouverture${NBSP}: le mardi 5 janvier 2027 à 8${NBSP}h${NBSP}30.`);
  });

  it('« pas vraiment, je voulais savoir pour le samedi » after « non » to « utile ? »: the Saturday, not « pas compris »', async () => {
    await after(MONDAY_10H);
    await h.say('non');
    const reply = await h.say('pas vraiment, je voulais savoir pour le samedi');
    expect(reply).toContain('Le samedi, le Centre est fermé.');
    expect(reply).not.toContain("Je n'ai pas bien compris");
    // A new question that names a day is not a follow-up: « les examens » is its topic.
    expect(await h.say('je voulais savoir pour les examens de samedi')).not.toContain('Le samedi, le Centre est');
  });

  it('« le 2 à 9 h? »: that day at that time', async () => {
    await after(MONDAY_10H);
    expect(await h.say('et le 2 à 9 h?')).toContain(`Le mercredi 2 décembre 2026 à 9${NBSP}h, le Centre est fermé${NBSP}: ce jour-là, il est ouvert ${WEDNESDAY_PERIODS}.`);
  });

  it('“and the 15th?” in English', async () => {
    await after(MONDAY_10H, 'What are your opening hours?', 'en-CA');
    expect(await h.say('and the 15th?')).toContain('On Tuesday, December 15, 2026, the Centre is open from 8:30 a.m. to 12:00 p.m. and from 1:00 p.m. to 4:30 p.m.');
  });

  it('« lundi? » asked on a Monday morning is today: the Monday hours', async () => {
    await after(MONDAY_10H);
    const reply = await h.say('lundi?');
    expect(reply).toContain(`Le lundi, le Centre est ouvert ${WEEKDAY_PERIODS}.`);
    expect(reply).not.toContain('fermé');
  });

  it('« lundi? » asked on a Monday after closing: closed for today, and the next opening', async () => {
    await after(MONDAY_17H);
    const reply = await h.say('lundi?');
    expect(reply).toContain(`Aujourd'hui à 17${NBSP}h, le Centre est fermé${NBSP}: ce jour-là, il est ouvert ${WEEKDAY_PERIODS}.`);
    expect(reply).toContain(`Prochaine ouverture${NBSP}: demain à 8${NBSP}h${NBSP}30.`);
    // « lundi prochain » is next week's.
    expect(await h.say('pis lundi prochain?')).toContain(`Le lundi, le Centre est ouvert ${WEEKDAY_PERIODS}.`);
  });

  it('« Êtes-vous ouverts lundi? » asked on a Monday after closing: « Non », closed for today, the next opening', async () => {
    h = await createConversationHarness({ now: MONDAY_17H });
    const reply = await h.say('Êtes-vous ouverts lundi?');
    expect(reply).toContain(`Non, aujourd'hui à 17${NBSP}h, le Centre est fermé`);
    expect(reply).toContain(`Prochaine ouverture${NBSP}: demain à 8${NBSP}h${NBSP}30.`);
  });

  it('« et aujourd’hui? » after closing says the Centre is closed for today', async () => {
    await after(MONDAY_17H);
    const reply = await h.say("et aujourd'hui?");
    expect(reply).toContain(`Aujourd'hui à 17${NBSP}h, le Centre est fermé`);
    expect(reply).toContain(`Prochaine ouverture${NBSP}: demain à 8${NBSP}h${NBSP}30.`);
  });

  it('« samedi? » asked on a Saturday: closed today, the weekend, and the next opening', async () => {
    await after(SATURDAY);
    expect(await h.say('samedi?')).toContain(`Aujourd'hui, le Centre est fermé${NBSP}: c'est la fin de semaine. Prochaine ouverture${NBSP}: lundi à 8${NBSP}h${NBSP}30.`);
  });
});
