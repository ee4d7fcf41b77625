import type { Activity, Attachment } from 'botbuilder';
import type { LocalDate } from '../../domain/calendar/businessCalendar';
import { formatLongDate } from '../../domain/format/dates';
import { escapeMarkdown } from '../../domain/format/markdown';
import { Lang, translator } from '../../domain/i18n';
import type { IntentClassifier } from '../../domain/understanding/intents';
import { Intents } from '../../domain/understanding/intents';
import { answerInTurn, COMPLAINT_FORM_EN, COMPLAINT_FORM_FR } from '../helpers/chatFixtures';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';

/** « Forms that listen »: the complaint form reads the first message, free-text services and vague dates. */

/** Every opener is the complaint intent, so these tests exercise the form whatever the recognizer of the day. */
const complaintIntent: IntentClassifier = { classify: (text) => ({ text, intents: [{ intent: Intents.complaintFile, score: 1 }] }) };

const USER = { id: 'citizen-2', name: 'Citoyen', role: 'user' };
const NOW = '2026-11-23T15:00:00Z'; // a Monday, 10 h in Québec
const fr = translator('fr');
const en = translator('en');

const STORY = "Ça fait 3 fois que j'appelle et personne me rappelle, c'est inacceptable";

interface Card {
  body: Array<{ type: string; text?: string }>;
  actions: Array<{ title: string; data?: { complaintAction: string; submissionId: string } }>;
}

describe('complaint intake that listens (fr-CA)', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  const send = (text: string) => h.turn({ type: 'message', text, from: USER });
  const say = async (text: string) =>
    (await send(text))
      .filter((a) => a.type === 'message')
      .map((a) => a.text ?? '')
      .join('\n');
  const cardOf = (replies: Partial<Activity>[]): Card =>
    replies.flatMap((a) => a.attachments ?? []).find((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive')!.content as Card;
  const cardTexts = (card: Card) => card.body.filter((e) => e.type === 'TextBlock').map((e) => e.text ?? '');
  const confirm = (card: Card) => h.turn({ type: 'message', value: card.actions.find((a) => a.data?.complaintAction === 'confirm')!.data, from: USER });
  const complaints = () => h.db('complaints').select();

  /** The project's calendar: today in Québec, days around it, and dates as the assistant writes them. */
  const calendar = () => h.core.services.calendar;
  const today = () => calendar().localDateOf(h.clock.now());
  const addDays = (date: LocalDate, days: number) => calendar().addCalendarDays(date, days);
  const longDate = (date: LocalDate, lang: Lang = 'fr') => formatLongDate(calendar().instantAt(date, 12, 0), lang, calendar().timeZone);
  const period = (from: LocalDate, to: LocalDate, lang: Lang = 'fr') =>
    (lang === 'fr' ? fr : en)('complaint:intake.period', { from: longDate(from, lang), to: longDate(to, lang) });
  /** Monday and Sunday of the week before today's. */
  const lastWeek = () => {
    const monday = addDays(today(), -((calendar().weekdayOf(today()) + 6) % 7) - 7);
    return { from: monday, to: addDays(monday, 6) };
  };

  async function startForm(opener: string): Promise<string> {
    const notice = await say(opener);
    await answerInTurn(send, COMPLAINT_FORM_FR.slice(1));
    return notice;
  }

  describe('the first message', () => {
    it('answers an upset story with one empathetic sentence before the collection notice, then offers it back as the description', async () => {
      h = await createConversationHarness({ now: NOW, classifier: complaintIntent });
      const notice = await startForm(STORY);
      expect(notice.startsWith(fr('complaint:intake.empathy'))).toBe(true);
      expect(notice.indexOf(fr('complaint:intake.empathy'))).toBeLessThan(notice.indexOf('voici comment nous traitons vos renseignements'));
      expect(notice.split(fr('complaint:intake.empathy'))).toHaveLength(2); // one sentence, once

      await send('au téléphone');
      const offer = await send('hier');
      expect(offer[0].text).toBe(`Voici ce que vous m'avez écrit\u00a0: «\u00a0${escapeMarkdown(STORY)}\u00a0»\n\nVoulez-vous l'utiliser comme description de la situation?`);
      expect(suggestedTitles(offer)).toEqual(['Oui', 'Modifier']);
      expect(offer.map((a) => a.text).join('\n')).not.toContain('Décrivez la situation');

      expect(await say('Oui')).toContain('Quel résultat souhaitez-vous');
      const card = cardOf(await send('Passer cette question'));
      expect(cardTexts(card)).toContain(escapeMarkdown(STORY));
      await confirm(card);
      expect(await complaints()).toMatchObject([{ description: STORY, service: 'ca-dotation-phone', incident_date: addDays(today(), -1) }]);
    });

    it('asks the description question on « Modifier », and takes a new description typed instead of a button', async () => {
      h = await createConversationHarness({ now: NOW, classifier: complaintIntent });
      await startForm(STORY);
      await send('Autre');
      await send('Passer cette question');
      expect(await say('Modifier')).toContain('Décrivez la situation');
      expect(await say("L'agent m'a promis un rappel qui n'est jamais venu.")).toContain('Quel résultat souhaitez-vous');
      const card = cardOf(await send('Passer cette question'));
      expect(cardTexts(card)).toContain("L'agent m'a promis un rappel qui n'est jamais venu.");
    });

    it('takes a new description typed right away in answer to the offer', async () => {
      h = await createConversationHarness({ now: NOW, classifier: complaintIntent });
      await startForm(STORY);
      await send('Autre');
      await send('Passer cette question');
      expect(await say('Personne ne m’a rappelée malgré trois messages laissés.')).toContain('Quel résultat souhaitez-vous');
      await say('Passer cette question');
      await say('Confirmer');
      expect(await complaints()).toMatchObject([{ description: 'Personne ne m’a rappelée malgré trois messages laissés.' }]);
    });

    it('neither sympathizes nor offers anything back when the message only asks for the form', async () => {
      h = await createConversationHarness({ now: NOW, classifier: complaintIntent });
      const notice = await startForm('Je veux porter plainte');
      expect(notice).not.toContain(fr('complaint:intake.empathy'));
      expect(notice.startsWith(fr('complaint:intake.intro'))).toBe(true);
      await send('Autre');
      expect(await say('Passer cette question')).toContain('Décrivez la situation');
    });

    it('sympathizes with a short upset message without offering it as a description', async () => {
      h = await createConversationHarness({ now: NOW, classifier: complaintIntent });
      const notice = await startForm("C'est inacceptable!!");
      expect(notice.startsWith(fr('complaint:intake.empathy'))).toBe(true);
      await send('Autre');
      expect(await say('Passer cette question')).toContain('Décrivez la situation');
    });
  });

  describe('the service in free text', () => {
    it.each([
      ['le téléphone', 'ca-dotation-phone'],
      ['au téléphone', 'ca-dotation-phone'],
      ['au telefone', 'ca-dotation-phone'],
      ["j'ai appelé trois fois", 'ca-dotation-phone'],
      ['par courriel', 'ca-dotation-email'],
      ['Par couriel', 'ca-dotation-email'],
      ["l'examen en ligne", 'online-exams'],
      ['examin en ligne', 'online-exams'],
      ['SAGIR', 'online-exams'],
      ['le processus de qualification', 'qualification-processes'],
      ['le site web', 'online-staffing-systems'],
      ['Systemes de dotation en ligne', 'online-staffing-systems'],
    ])('understands « %s »', async (typed, service) => {
      h = await createConversationHarness({ now: NOW });
      await startForm('Déposer une plainte');
      expect(await say(typed)).toContain('Quand la situation');
      await send('Passer cette question');
      await send('Le service ne m’a pas répondu comme prévu.');
      await confirm(cardOf(await send('Passer cette question')));
      expect(await complaints()).toMatchObject([{ service }]);
    });

    it('asks again, with examples and the buttons, only when nothing matches', async () => {
      h = await createConversationHarness({ now: NOW });
      await startForm('Déposer une plainte');
      const retry = await send('bof');
      expect(retry[0].text).toBe(fr('complaint:intake.serviceRetry'));
      expect(suggestedTitles(retry)).toContain('Examens en ligne');
      expect(await say('téléphone et courriel')).toContain("Je n'ai pas reconnu le service"); // two services: not a guess
      expect(await say('par courriel')).toContain('Quand la situation');
    });

    it('understands English free text too', async () => {
      h = await createConversationHarness({ now: NOW, locale: 'en-CA' });
      await answerInTurn(say, COMPLAINT_FORM_EN);
      expect(await say('the online exam')).toContain('When did it happen?');
      await say('Skip this question');
      await say('The exam froze twice during part 2.');
      await confirm(cardOf(await send('Skip this question')));
      expect(await complaints()).toMatchObject([{ service: 'online-exams' }]);
    });
  });

  describe('vague dates', () => {
    async function upToDate(): Promise<void> {
      await startForm('Déposer une plainte');
      await send('Autre');
    }

    it('proposes the week for « la semaine passée », and keeps it as a period when the day is unknown', async () => {
      h = await createConversationHarness({ now: NOW });
      await upToDate();
      const week = lastWeek();
      const proposal = await send('la semaine passée');
      expect(proposal[0].text).toBe(fr('complaint:intake.periodConfirm', { period: period(week.from, week.to), example: longDate(week.from) }));
      expect(proposal[0].text).not.toContain('Décrivez la situation');
      expect(suggestedTitles(proposal)).toEqual(['Garder cette période', 'Passer cette question']);

      expect(await say('Garder cette période')).toContain('Décrivez la situation');
      await send("J'ai attendu 45 minutes au téléphone.");
      const card = cardOf(await send('Passer cette question'));
      const shown = period(week.from, week.to);
      expect(cardTexts(card)).toContain(shown.charAt(0).toUpperCase() + shown.slice(1));
      await confirm(card);
      // No column holds a period: no date is stored as if it were exact, and the staff read the period in the description.
      expect(await complaints()).toMatchObject([
        { incident_date: null, description: `J'ai attendu 45 minutes au téléphone.\n\n${fr('complaint:intake.periodNote', { period: shown })}` },
      ]);
    });

    it('takes the story told instead of the day: the period kept, the story offered back as the description, stored once confirmed', async () => {
      h = await createConversationHarness({ now: NOW });
      await upToDate();
      const week = lastWeek();
      await send('la semaine passée');
      const told = "l'agente a été impolie et m'a raccroché au nez quand j'ai demandé de l'aide";
      const offer = await send(told);
      expect(offer[0].text).toBe(`Voici ce que vous m'avez écrit\u00a0: «\u00a0${escapeMarkdown(told)}\u00a0»\n\nVoulez-vous l'utiliser comme description de la situation?`);
      expect(offer.map((a) => a.text).join('\n')).not.toContain("Je n'ai pas reconnu cette date");
      await send('Oui');
      const card = cardOf(await send('Passer cette question'));
      await confirm(card);
      const shown = period(week.from, week.to);
      expect(await complaints()).toMatchObject([{ incident_date: null, description: `${told}\n\n${fr('complaint:intake.periodNote', { period: shown })}` }]);
    });

    it('takes the day and the story told together (« hier, l’agente… »), and still asks again when the answer only talks about the date', async () => {
      h = await createConversationHarness({ now: NOW });
      await upToDate();
      const told = "hier l'agente m'a raccroché au nez quand j'ai demandé de l'aide";
      expect(await say(told)).toContain('Voici ce que vous m');
      await send('Oui');
      await confirm(cardOf(await send('Passer cette question')));
      expect(await complaints()).toMatchObject([{ incident_date: addDays(today(), -1), description: told }]);
    });

    it.each(['je me rappelle pas de la date exacte, désolé', 'ça fait longtemps, genre au début de l’automne'])(
      'does not take « %s » for the story: the date question is asked again',
      async (answer) => {
        h = await createConversationHarness({ now: NOW });
        await upToDate();
        expect(await say(answer)).toContain(fr('complaint:intake.invalidWhen').slice(0, 20));
      },
    );

    it('takes the exact day given in answer to the proposal', async () => {
      h = await createConversationHarness({ now: NOW });
      await upToDate();
      const week = lastWeek();
      await send('la semaine dernière');
      const wednesday = addDays(week.from, 2);
      expect(await say(longDate(wednesday))).toContain('Décrivez la situation');
      await send("J'ai attendu 45 minutes au téléphone.");
      const card = cardOf(await send('Passer cette question'));
      expect(cardTexts(card)).toContain(longDate(wednesday));
      await confirm(card);
      expect(await complaints()).toMatchObject([{ incident_date: wednesday, description: "J'ai attendu 45 minutes au téléphone." }]);
    });

    it('proposes the whole month for « le mois dernier », a new period for another vague answer, and asks again on « non »', async () => {
      h = await createConversationHarness({ now: NOW });
      await upToDate();
      const [y, m] = today().split('-').map(Number);
      const firstOfLastMonth = `${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}-01` as LocalDate;
      const lastOfLastMonth = addDays(`${y}-${String(m).padStart(2, '0')}-01`, -1);
      expect(await say('le mois dernier')).toContain(period(firstOfLastMonth, lastOfLastMonth));

      const fewDays = await say('il y a quelques jours');
      expect(fewDays).toContain(period(addDays(today(), -6), addDays(today(), -2)));

      const refused = await send('non');
      expect(refused[0].text).toContain("Je n'ai pas reconnu cette date. Écrivez le jour exact");
      expect(suggestedTitles(refused)).toEqual(['Garder cette période', 'Passer cette question']);
      expect(await say('demain')).toContain('Cette date est dans le futur');
      expect(await say('Passer cette question')).toContain('Décrivez la situation');
      await send("J'ai attendu 45 minutes au téléphone.");
      await confirm(cardOf(await send('Passer cette question')));
      expect(await complaints()).toMatchObject([{ incident_date: null, description: "J'ai attendu 45 minutes au téléphone." }]);
    });

    it('proposes the month for « en octobre », the month so far for « ce mois-ci », and the week for « la semaine du 9 novembre »', async () => {
      h = await createConversationHarness({ now: NOW }); // lundi 23 novembre 2026
      await upToDate();
      const october = await send('en octobre');
      expect(october[0].text).toBe(fr('complaint:intake.periodConfirm', { period: period('2026-10-01', '2026-10-31'), example: longDate('2026-10-01') }));
      expect(suggestedTitles(october)).toEqual(['Garder cette période', 'Passer cette question']);
      // Another vague answer replaces the proposal.
      expect(await say('ce mois-ci')).toContain(period('2026-11-01', today()));
      expect(await say('la semaine du 9 novembre')).toContain(period('2026-11-09', '2026-11-15'));
      expect(await say('Garder cette période')).toContain('Décrivez la situation');
      await send("J'ai attendu 45 minutes au téléphone.");
      await confirm(cardOf(await send('Passer cette question')));
      expect(await complaints()).toMatchObject([
        { incident_date: null, description: `J'ai attendu 45 minutes au téléphone.\n\n${fr('complaint:intake.periodNote', { period: period('2026-11-09', '2026-11-15') })}` },
      ]);
    });

    it('keeps exact relative dates as they were: « lundi dernier » is stored without a question', async () => {
      h = await createConversationHarness({ now: NOW });
      await upToDate();
      expect(await say('lundi dernier')).toContain('Décrivez la situation');
      await send("J'ai attendu 45 minutes au téléphone.");
      await confirm(cardOf(await send('Passer cette question')));
      expect(await complaints()).toMatchObject([{ incident_date: lastWeek().from }]);
    });

    it('confirms “last week” in English', async () => {
      h = await createConversationHarness({ now: NOW, locale: 'en-CA' });
      await answerInTurn(say, COMPLAINT_FORM_EN);
      await say('Other');
      const week = lastWeek();
      const proposal = await send('last week');
      expect(proposal[0].text).toContain(period(week.from, week.to, 'en'));
      expect(suggestedTitles(proposal)).toEqual(['Keep this period', 'Skip this question']);
      expect(await say("I don't know")).toContain('Describe the situation');
    });
  });
});
