import { BusinessCalendar, LocalDate } from '../../domain/calendar/businessCalendar';
import { contacts } from '../../domain/contacts';
import { renderAnswer } from '../../domain/faq/faqAnswers';
import { knowledgeBase, parseKnowledgeBase } from '../../domain/faq/knowledgeBase';
import { matchOutOfMandate, outOfMandateTopics } from '../../domain/faq/outOfMandate';
import { formatLongDate } from '../../domain/format/dates';
import { translator } from '../../domain/i18n';
import { ServiceHours } from '../../domain/serviceHours';
import type { IntentClassifier } from '../../domain/understanding/intents';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';

/** « Issue 12, never stuck »: every answer says what to do next, in context. Dates come from the project's calendar. */
const NOW = '2026-11-23T15:00:00Z';
const calendar = BusinessCalendar.fromDataFile();
const today = calendar.localDateOf(new Date(NOW));
const long = (date: LocalDate, lang: 'fr' | 'en' = 'fr') => formatLongDate(calendar.instantAt(date, 12, 0), lang, calendar.timeZone);
/** The next date after today that falls on a weekday (0 = Sunday … 6 = Saturday). */
const next = (weekday: number): LocalDate => {
  let date = calendar.addCalendarDays(today, 1);
  while (calendar.weekdayOf(date) !== weekday) date = calendar.addCalendarDays(date, 1);
  return date;
};
const QUEBEC_CA = '[Déclaration de services aux citoyens du ministère (Québec.ca)](https://www.quebec.ca/gouvernement/ministere/cybersecurite-numerique)';
const c = contacts();

async function loggedIntents(h: ConversationHarness): Promise<Array<string | null>> {
  await h.transcriptStore.flush();
  return (await h.db('interactions').where({ direction: 'in', activity_type: 'message' }).orderBy('id').select('intent')).map((r) => r.intent as string | null);
}

describe('never stuck', () => {
  let h: ConversationHarness;
  afterEach(async () => h?.close());

  describe('questions outside the mandate', () => {
    it('says plainly that the Centre does not handle a driver’s licence, with its phone and e-mail, not « Je n’ai pas bien compris »', async () => {
      h = await createConversationHarness({ now: NOW });
      const replies = await h.turn('Comment renouveler mon permis de conduire?');
      const text = replies.map((r) => r.text).join('\n');
      expect(text).toContain("ne s'occupe pas des permis de conduire");
      expect(text).toContain('Les documents du Centre ne disent pas à qui vous adresser');
      expect(text).toContain(c.caDotation.phoneLocal.display);
      expect(text).toContain(c.caDotation.emailGeneral.display);
      expect(text).toContain(`Source\u00a0: ${QUEBEC_CA}`);
      expect(text).not.toContain("Je n'ai pas bien compris");
      expect(suggestedTitles(replies)).toContain('Parler à une personne');
      expect(['outOfScope', 'None']).toContain((await loggedIntents(h))[0]);
      // Answered: the next miss is a first miss, not « Une personne du CA-dotation… ».
      expect(await h.say('xyzzy plugh')).toContain("Je n'ai pas bien compris");
    });

    it('answers pay, employment insurance and a health card, and in English', async () => {
      h = await createConversationHarness({ now: NOW });
      expect(await h.say('ma paie est en retard')).toContain("ne s'occupe pas de la paie");
      expect(await h.say('assurance-emploi')).toContain("ne s'occupe pas de l'assurance-emploi");
      expect(await h.say('ma carte soleil est expirée')).toContain("ne s'occupe pas de la carte d'assurance maladie");
      const en = await h.say({ type: 'message', text: 'my pay is late', locale: 'en-US' });
      expect(en).toContain('does not handle pay');
      expect(en).toContain(c.caDotation.phoneTollFree.display);
    });

    it('answers other government services the Centre does not handle: permits, civil status, social assistance, housing', async () => {
      h = await createConversationHarness({ now: NOW });
      const fishing = await h.say('comment avoir un permis de pêche?');
      expect(fishing).toContain("ne s'occupe pas des permis de chasse et de pêche");
      expect(fishing).toContain(c.caDotation.emailGeneral.display);
      expect(fishing).not.toContain("Je n'ai pas bien compris");
      expect(await h.say("j'ai besoin d'une copie de mon certificat de naissance")).toContain("ne s'occupe pas des certificats de naissance");
      expect(await h.say("c'est quand le prochain chèque d'aide sociale?")).toContain("ne s'occupe pas de l'aide sociale");
      expect(await h.say({ type: 'message', text: 'how do I get a fishing licence', locale: 'en-US' })).toContain('does not handle hunting and fishing licences');
    });

    it('uses the topic when the recognizer’s top intent is outOfScope', async () => {
      const classifier: IntentClassifier = { classify: (text) => ({ text, intents: [{ intent: 'outOfScope', score: 0.95 }] }) };
      h = await createConversationHarness({ now: NOW, classifier });
      const reply = await h.say('je veux renouveler mon passeport');
      expect(reply).toContain("ne s'occupe pas des passeports");
      expect(reply).toContain(c.caDotation.emailGeneral.display);
    });

    it('puts the topic before small talk or help that the message ranks first', async () => {
      h = await createConversationHarness({ now: NOW });
      const goodbye = await h.say('bonne journée, et mon chômage?');
      expect(goodbye).toContain("ne s'occupe pas de l'assurance-emploi");
      expect(await h.say({ type: 'message', text: 'help me with taxes', locale: 'en-US' })).toContain('does not handle');
      expect(await loggedIntents(h)).toEqual(['outOfScope', 'outOfScope']);
      // Small talk alone is still small talk.
      expect(await h.say('Bonsoir, madame ou monsieur.')).toContain(translator('fr')('common:smallTalk.greeting'));
    });

    it('uses the topic instead of « Voulez-vous dire… ? » when the recognizer hesitates', async () => {
      const classifier: IntentClassifier = {
        classify: (text) => ({
          text,
          intents: [
            { intent: 'faq.job-postings', score: 0.62 },
            { intent: 'faq.sagir', score: 0.2 },
          ],
        }),
      };
      h = await createConversationHarness({ now: NOW, classifier });
      const pay = await h.say("c'est quoi le salaire d'un technicien en administration au gouvernement");
      expect(pay).toContain("ne s'occupe pas de la paie");
      expect(pay).not.toContain('Voulez-vous dire');
      // Without such a topic, the same hesitation still offers the choices.
      expect(await h.say("c'est quoi l'horaire d'un technicien en administration au gouvernement")).toContain('Voulez-vous dire');
    });

    it('keeps the plain fallback for a topic it does not know', async () => {
      h = await createConversationHarness({ now: NOW });
      expect(await h.say('quelle est la météo pour demain à Québec')).toContain("Je n'ai pas bien compris");
    });

    it('matches whole words only, and every topic has a label in both languages', () => {
      expect(matchOutOfMandate('quel pays?')).toBeUndefined();
      expect(matchOutOfMandate('Où en est ma candidature?')?.id).toBe('application-follow-up');
      // « paie » and “pay” as verbs ask what the service costs.
      expect(matchOutOfMandate('ma paie est en retard')?.id).toBe('pay');
      expect(matchOutOfMandate('when is pay day')?.id).toBe('pay');
      for (const verb of ['qui paie pour ça?', 'Est-ce que je paie quelque chose?', 'ça se paye?', 'do I have to pay for the service?', 'who pays for it?']) {
        expect(matchOutOfMandate(verb)).toBeUndefined();
      }
      for (const lang of ['fr', 'en'] as const) {
        const t = translator(lang);
        for (const topic of outOfMandateTopics().filter((x) => x.answer === 'generic' || x.answer === 'employee'))
          expect(t(`resolve:mandate.topics.${topic.id}`)).not.toBe(`mandate.topics.${topic.id}`);
      }
    });

    it('ends every FAQ answer that says the documents do not say with whom to call or write', () => {
      const hours = ServiceHours.fromDataFile(calendar);
      const reachable = [c.caDotation.phoneLocal, c.caDotation.phoneTollFree, c.caDotation.emailGeneral, c.complaints.email, c.protecteurDuCitoyen.phone].map((f) => f.display);
      const deadEnd = /ne précisent pas|ne disent pas|ne mentionne pas|n'avons pas|do not say|mentions no|don't have/i;
      let checked = 0;
      for (const entry of knowledgeBase().entries)
        for (const lang of ['fr', 'en'] as const) {
          if (!deadEnd.test(entry.answer[lang])) continue;
          checked += 1;
          const text = renderAnswer(entry, { now: new Date(NOW), hours, calendar, t: translator(lang), lang });
          const after = text.slice(text.search(deadEnd));
          expect([entry.id, lang, reachable.some((value) => after.includes(value))]).toEqual([entry.id, lang, true]);
        }
      expect(checked).toBeGreaterThanOrEqual(4);
    });
  });

  describe('yes/no questions about the hours', () => {
    it('« Êtes-vous ouverts le 24 décembre? » → « Non, … » with the holiday and the next opening', async () => {
      h = await createConversationHarness({ now: NOW });
      const eve = calendar.holidaysIn(2026).find((d) => d.date.endsWith('-12-24'))!;
      const reply = await h.say('Êtes-vous ouverts le 24 décembre?');
      expect(reply.startsWith(`Non, le ${long(eve.date)}, le Centre est fermé\u00a0: c'est un jour férié (${eve.name.fr}).`)).toBe(true);
      expect(reply).toContain('Prochaine ouverture\u00a0:');
    });

    it('« jveux savoir si vous etes ouvert le vendredi saint », asked indirectly, → « Non, … » with the holiday', async () => {
      h = await createConversationHarness({ now: NOW });
      const year = Number(today.slice(0, 4));
      const goodFriday = [...calendar.holidaysIn(year), ...calendar.holidaysIn(year + 1)].find((d) => d.id === 'vendredi-saint' && d.date >= today)!;
      const reply = await h.say('allo, jveux savoir si vous etes ouvert le vendredi saint');
      expect(reply.startsWith(`Non, le ${long(goodFriday.date)}, le Centre est fermé\u00a0: c'est un jour férié (Vendredi saint).`)).toBe(true);
      const english = await h.say({ type: 'message', text: "I'd like to know if you are open on Good Friday", locale: 'en-CA' });
      expect(english.startsWith('No, ')).toBe(true);
    });

    it('« Est-ce ouvert samedi? » → « Non, … » because of the weekend', async () => {
      h = await createConversationHarness({ now: NOW });
      const reply = await h.say('Est-ce ouvert samedi?');
      expect(reply.startsWith(`Non, le ${long(next(6))}, le Centre est fermé\u00a0: c'est la fin de semaine.`)).toBe(true);
      expect(reply).toContain(`Source\u00a0: ${QUEBEC_CA}`);
    });

    it('« Êtes-vous ouverts demain à 9 h? » → « Oui, … » on a business day that opens at 8 h 30', async () => {
      h = await createConversationHarness({ now: NOW });
      const tomorrow = calendar.addCalendarDays(today, 1);
      expect(calendar.isBusinessDay(tomorrow)).toBe(true);
      expect(calendar.weekdayOf(tomorrow)).not.toBe(3);
      expect((await h.say('Êtes-vous ouverts demain à 9\u00a0h?')).startsWith('Oui, demain à 9\u00a0h, le Centre est ouvert (de 8\u00a0h\u00a030 à 12\u00a0h).')).toBe(true);
    });

    it('« … mercredi à 9 h? » → « Non, … » outside the Wednesday hours; « fermés? » is answered the other way round', async () => {
      h = await createConversationHarness({ now: NOW });
      const wednesday = await h.say('Est-ce que vous êtes ouverts mercredi à 9 h?');
      expect(wednesday.startsWith(`Non, le ${long(next(3))} à 9\u00a0h, le Centre est fermé\u00a0: ce jour-là, il est ouvert de 10\u00a0h à 12\u00a0h et de 13\u00a0h à 16\u00a0h\u00a030.`)).toBe(true);
      expect(await h.say('menu')).toBeTruthy();
      expect((await h.say('Êtes-vous fermés samedi?')).startsWith(`Oui, le ${long(next(6))}, le Centre est fermé`)).toBe(true);
    });

    it('answers « now » once, and an open question without « Oui »', async () => {
      h = await createConversationHarness({ now: NOW });
      const now = await h.say('Êtes-vous ouverts maintenant?');
      expect(now.startsWith("Oui, le Centre est ouvert en ce moment, jusqu'à 12\u00a0h.")).toBe(true);
      expect(now.match(/en ce moment/g)).toHaveLength(1);
      await h.say('menu');
      const open = await h.say('heures douverture mercredi');
      expect(open.startsWith('Le mercredi, le Centre est ouvert de 10\u00a0h à 12\u00a0h et de 13\u00a0h à 16\u00a0h\u00a030.')).toBe(true);
    });

    it('answers in English: “Are you open on December 24?” → “No, …”', async () => {
      h = await createConversationHarness({ now: NOW, locale: 'en-US' });
      const reply = await h.say('are you open on December 24?');
      expect(reply.startsWith(`No, on ${long(calendar.holidaysIn(2026).find((d) => d.date.endsWith('-12-24'))!.date, 'en')}, the Centre is closed`)).toBe(true);
    });
  });

  describe('follow-ups in context', () => {
    it('« pis le samedi? », « et demain? », « le 2 janvier? » after an hours answer are answered about that day', async () => {
      h = await createConversationHarness({ now: NOW });
      await h.say("Quelles sont vos heures d'ouverture?");
      expect((await h.say('pis le samedi?')).startsWith('Le samedi, le Centre est fermé.')).toBe(true);
      const tomorrow = await h.say('et demain?');
      expect(tomorrow.startsWith('Demain, le Centre est ouvert de 8\u00a0h\u00a030 à 12\u00a0h et de 13\u00a0h à 16\u00a0h\u00a030.')).toBe(true);
      const thisYear = `${today.slice(0, 4)}-01-02`;
      const janTwo = today <= thisYear ? thisYear : `${Number(today.slice(0, 4)) + 1}-01-02`;
      const reply = await h.say('le 2 janvier?');
      expect(reply).toContain(`${long(janTwo)}, le Centre est fermé`);
      expect(reply).toContain('Prochaine ouverture\u00a0:');
      expect(await loggedIntents(h)).toEqual(['faq.hours', 'faq.hours', 'faq.hours', 'faq.hours']);
    });

    it('keeps « Oui » / « Non » after a yes/no question, in French and in English', async () => {
      h = await createConversationHarness({ now: NOW });
      await h.say('Est-ce ouvert samedi?');
      expect((await h.say('pis dimanche?')).startsWith(`Non, le ${long(next(0))}, le Centre est fermé`)).toBe(true);
      await h.close();
      h = await createConversationHarness({ now: NOW, locale: 'en-US' });
      await h.say('is it open Saturday?');
      expect((await h.say('and Sunday?')).startsWith(`No, on ${long(next(0), 'en')}, the Centre is closed`)).toBe(true);
      expect((await h.say('what about tomorrow?')).startsWith('Yes, tomorrow, the Centre is open')).toBe(true);
    });

    it('forgets the topic after a while and after another answer', async () => {
      h = await createConversationHarness({ now: NOW });
      await h.say("heures d'ouverture");
      h.clock.set(new Date(new Date(NOW).getTime() + 20 * 60_000));
      expect(await h.say('et demain?')).not.toContain('Demain, le Centre est ouvert');
      await h.say("heures d'ouverture");
      await h.say('numero de telephone');
      expect(await h.say('et demain?')).not.toContain('Demain, le Centre est ouvert');
    });
  });

  describe('references typed anywhere', () => {
    it('a PL- reference typed instead of answering « utile ? » starts the complaint follow-up, and again after a failed lookup', async () => {
      h = await createConversationHarness({ now: NOW });
      await h.say('numero de telephone');
      expect(await h.say('Où en est ma plainte PL-2026-000123?')).toContain('quelle adresse courriel ou quel numéro de téléphone');
      expect(await h.say('personne@example.com')).toContain('Je ne trouve aucune plainte');
      expect(await h.say('pl 2026 124')).toContain('quelle adresse courriel ou quel numéro de téléphone');
    });

    it('an EX- reference gives how to follow the exam incident up, even during the complaint follow-up', async () => {
      h = await createConversationHarness({ now: NOW });
      const reply = await h.say('EX-2026-000045');
      expect(reply).toContain('EX-2026-000045');
      expect(reply).toContain(c.caDotation.emailExam.display);
      expect(reply).toContain(c.caDotation.phoneTollFree.display);
      await h.say('PL-2026-000001');
      expect(await h.say('mon numéro ex 2026 46')).toContain(`${c.caDotation.emailExam.display} en indiquant votre numéro, EX-2026-000046`);
    });
  });

  describe('handoff after a complaint', () => {
    it('gives the complaints address during and after a complaint follow-up, the general one otherwise', async () => {
      h = await createConversationHarness({ now: NOW });
      const general = await h.say('parler à un agent');
      expect(general).toContain(c.caDotation.emailGeneral.display);
      expect(general).not.toContain(c.complaints.email.display);
      await h.say('PL-2026-000123');
      const during = await h.say('parler à un agent');
      expect(during).toContain(c.complaints.email.display);
      expect(during).not.toContain(c.caDotation.emailGeneral.display);
      await h.say('personne@example.com');
      const after = await h.say('Parler à une personne');
      expect(after).toContain(c.complaints.email.display);
      expect(after).not.toContain(c.caDotation.emailGeneral.display);
    });
  });

  describe('official sources', () => {
    it('links the recourse answer to the ministry’s own declaration first', async () => {
      h = await createConversationHarness({ now: NOW });
      const reply = await h.say('Quel est le recours si je ne suis pas satisfait de votre réponse à ma plainte?');
      expect(reply).toContain(c.complaints.email.display);
      expect(reply).toContain(`Sources\u00a0: ${QUEBEC_CA}; [Site du Protecteur du citoyen](https://www.protecteurducitoyen.qc.ca)`);
    });

    it('refuses a source address that is not https', () => {
      const raw = JSON.parse(JSON.stringify({ description: '', reviewed: knowledgeBase().reviewed, entries: knowledgeBase().entries }));
      raw.entries[0].source[0].url = 'http://www.quebec.ca/gouvernement/ministere/cybersecurite-numerique';
      expect(() => parseKnowledgeBase(raw)).toThrow(/https/);
    });
  });
});
