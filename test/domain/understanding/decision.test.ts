import { decide, DEFAULT_THRESHOLDS } from '../../../domain/understanding/decision';
import { Intents } from '../../../domain/understanding/intents';

const ranking = (top: number) => [
  { intent: 'complaint.file', score: top },
  { intent: 'complaint.status', score: (1 - top) / 2 },
  { intent: 'faq.complaints', score: (1 - top) / 2 },
];
const between = (DEFAULT_THRESHOLDS.answer + DEFAULT_THRESHOLDS.keywordAnswer) / 2;

describe('decide', () => {
  it('answers a sentence from the answer threshold on', () => {
    expect(decide({ text: 'je veux porter plainte contre le service', intents: ranking(between) })).toMatchObject({ kind: 'answer', intent: 'complaint.file' });
  });

  it('offers choices for a bare keyword of one or two words at the same probability', () => {
    for (const text of ['plainte', 'une plainte?', 'dépôt plainte']) {
      const decision = decide({ text, intents: ranking(between) });
      expect(decision.kind).toBe('clarify');
      if (decision.kind === 'clarify') expect(decision.options.map((o) => o.intent)).toEqual(['complaint.file', 'complaint.status', 'faq.complaints']);
    }
  });

  it('answers a bare keyword from the keyword threshold on', () => {
    expect(decide({ text: 'plainte', intents: ranking(DEFAULT_THRESHOLDS.keywordAnswer) })).toMatchObject({ kind: 'answer', intent: 'complaint.file' });
  });

  it('never answers below the answer threshold', () => {
    expect(decide({ text: 'je veux porter plainte contre le service', intents: ranking(DEFAULT_THRESHOLDS.answer - 0.01) }).kind).toBe('clarify');
  });

  it('answers small talk and help below the answer threshold when they lead clearly, and declines them otherwise', () => {
    const smallTalk = (top: number, second: number) => [
      { intent: 'greeting', score: top },
      { intent: 'outOfScope', score: second },
      { intent: 'faq.contact', score: 1 - top - second },
    ];
    const low = DEFAULT_THRESHOLDS.smallTalk;
    expect(decide({ text: 'Bonsoir, madame ou monsieur.', intents: smallTalk(low, low - 0.2) })).toMatchObject({ kind: 'answer', intent: 'greeting' });
    expect(decide({ text: 'Bonsoir, madame ou monsieur.', intents: smallTalk(low, low - 0.1) })).toMatchObject({ kind: 'decline', intent: Intents.none });
    expect(decide({ text: 'Bonsoir, madame ou monsieur.', intents: smallTalk(low - 0.01, 0.1) })).toMatchObject({ kind: 'decline', intent: Intents.none });
    // An FAQ entry at the same probability is still offered as a choice, never answered.
    expect(decide({ text: 'je veux porter plainte contre le service', intents: ranking(low + 0.05) }).kind).toBe('clarify');
  });

  it('answers a person asked for with how or when to reach the Centre by the handoff, whose answer gives both', () => {
    const text = 'je veux parler à un agent, vous fermez à quelle heure?';
    const split = (a: string, b: string, top: number) => [
      { intent: a, score: top },
      { intent: b, score: DEFAULT_THRESHOLDS.answer - top },
      { intent: 'faq.services', score: 1 - DEFAULT_THRESHOLDS.answer },
    ];
    for (const reach of ['faq.hours', 'faq.phone', 'faq.contact']) {
      expect(decide({ text, intents: split(Intents.handoff, reach, 0.4) })).toMatchObject({ kind: 'answer', intent: Intents.handoff });
      expect(decide({ text, intents: split(reach, Intents.handoff, 0.4) })).toMatchObject({ kind: 'answer', intent: Intents.handoff });
    }
    // Together below the answer threshold, or the other choice not about reaching the Centre: still a choice.
    expect(decide({ text, intents: split(Intents.handoff, 'faq.hours', 0.4).map((i, n) => (n === 1 ? { ...i, score: i.score - 0.02 } : i)) }).kind).toBe(
      'clarify',
    );
    expect(decide({ text, intents: split(Intents.handoff, 'faq.complaints', 0.4) }).kind).toBe('clarify');
  });

  it('answers a question torn between the complaints entry and the form with the entry, which says how to file one here', () => {
    const text = 'comment porter plainte sur la qualité du service';
    const torn = (a: string, b: string, top: number, second: number) => [
      { intent: a, score: top },
      { intent: b, score: second },
      { intent: 'complaint.status', score: 1 - top - second },
    ];
    expect(decide({ text, intents: torn('faq.complaints', 'complaint.file', 0.5, 0.45) })).toMatchObject({ kind: 'answer', intent: 'faq.complaints' });
    // The form leading, or the two together below the answer threshold: still a choice.
    expect(decide({ text, intents: torn('complaint.file', 'faq.complaints', 0.5, 0.45) }).kind).toBe('clarify');
    expect(decide({ text, intents: torn('faq.complaints', 'complaint.file', 0.4, DEFAULT_THRESHOLDS.answer - 0.41) }).kind).toBe('clarify');
    // A bare keyword needs the keyword threshold.
    expect(decide({ text: 'plainte', intents: torn('faq.complaints', 'complaint.file', 0.4, DEFAULT_THRESHOLDS.keywordAnswer - 0.41) }).kind).toBe('clarify');
  });

  it('answers the first of two entries whose answers overlap, when the two together reach the answer threshold', () => {
    const torn = (a: string, b: string) => [
      { intent: a, score: 0.5 },
      { intent: b, score: 0.45 },
      { intent: 'faq.hours', score: 0.05 },
    ];
    const text = 'je suis pas capable de creer mon compte sur le portail carrieres';
    expect(decide({ text, intents: torn('faq.online-systems', 'faq.portals') })).toMatchObject({ kind: 'answer', intent: 'faq.online-systems' });
    expect(decide({ text, intents: torn('faq.portals', 'faq.online-systems') })).toMatchObject({ kind: 'answer', intent: 'faq.portals' });
    expect(decide({ text, intents: torn('faq.complaints', 'faq.request-delay') })).toMatchObject({ kind: 'answer', intent: 'faq.complaints' });
    expect(decide({ text, intents: torn('complaint.file', Intents.handoff) })).toMatchObject({ kind: 'answer', intent: 'complaint.file' });
    // The general delay before the complaints entry, or the person before the complaint: a choice.
    expect(decide({ text, intents: torn('faq.request-delay', 'faq.complaints') }).kind).toBe('clarify');
    expect(decide({ text, intents: torn(Intents.handoff, 'complaint.file') }).kind).toBe('clarify');
  });

  it('answers the entry that holds the other, in either order, and once when a message asks both', () => {
    const torn = (a: string, b: string, top: number, second: number) => [
      { intent: a, score: top },
      { intent: b, score: second },
      { intent: 'faq.hours', score: 1 - top - second },
    ];
    const text = 'existe-t-il un numero de telecopieur pour le centre';
    expect(decide({ text, intents: torn('faq.contact', 'faq.phone', 0.48, 0.47) })).toMatchObject({ kind: 'answer', intent: 'faq.contact' });
    expect(decide({ text, intents: torn('faq.phone', 'faq.contact', 0.49, 0.36) })).toMatchObject({ kind: 'answer', intent: 'faq.contact' });
    expect(decide({ text, intents: torn('faq.email-general', 'faq.contact', 0.4, 0.35) })).toMatchObject({ kind: 'answer', intent: 'faq.contact' });
    // Below the answer threshold together, or two entries neither of which holds the other: a choice.
    expect(decide({ text, intents: torn('faq.contact', 'faq.phone', 0.34, DEFAULT_THRESHOLDS.answer - 0.35) }).kind).toBe('clarify');
    expect(decide({ text, intents: torn('faq.phone', 'faq.email-general', 0.48, 0.47) }).kind).toBe('clarify');

    const both = { text: 'ya tu un comptoir ou juste le telephone pis le courriel', intents: torn('faq.contact', 'faq.email-general', 0.87, 0.03) };
    const questions = [
      { intent: 'faq.contact', score: 0.8 },
      { intent: 'faq.email-general', score: 0.75 },
    ];
    expect(decide({ ...both, questions })).toEqual({ kind: 'answer', intent: 'faq.contact', score: 0.8 });
    const three = [...questions, { intent: 'faq.hours', score: 0.72 }];
    expect(decide({ ...both, questions: three })).toEqual({ kind: 'answer', intent: 'faq.contact', score: 0.8, also: ['faq.hours'] });
  });

  it('answers once two questions that the first of an overlapping pair answers', () => {
    const intents = [
      { intent: 'faq.complaints', score: 0.6 },
      { intent: 'faq.request-delay', score: 0.3 },
    ];
    const questions = [
      { intent: 'faq.complaints', score: 0.9 },
      { intent: 'faq.request-delay', score: 0.8 },
    ];
    const text = 'où envoyer une plainte et en combien de temps on me répond';
    expect(decide({ text, intents, questions })).toEqual({ kind: 'answer', intent: 'faq.complaints', score: 0.9 });
    // The other way round, the delay first: both, as asked.
    expect(decide({ text, intents, questions: [...questions].reverse() })).toMatchObject({ intent: 'faq.request-delay', also: ['faq.complaints'] });
  });

  it('keeps the complaint form asked after the complaints entry, and a delay read for the whole message is the complaint’s', () => {
    const text = 'Je suis fâchée. C’est quoi votre délai? Et je veux déposer une plainte.';
    const questions = [
      { intent: 'faq.complaints', score: 0.9 },
      { intent: Intents.complaintFile, score: 0.95 },
    ];
    // The whole message read as the delay of a request: beside a complaint, that is the complaints entry, which was asked.
    const intents = [
      { intent: 'faq.request-delay', score: 0.8 },
      { intent: 'faq.complaints', score: 0.15 },
    ];
    expect(decide({ text, intents, questions })).toEqual({ kind: 'answer', intent: 'faq.complaints', score: 0.9, also: [Intents.complaintFile] });
    // Without a complaint asked, a whole message confidently about something else is answered as such.
    expect(decide({ text, intents, questions: [questions[0], { intent: 'faq.hours', score: 0.9 }] })).toMatchObject({ intent: 'faq.request-delay' });
  });

  it('answers whether there is a way to complain with the complaints entry, not the form opened unasked', () => {
    const intents = [
      { intent: Intents.complaintFile, score: 0.72 },
      { intent: 'faq.complaints', score: 0.26 },
    ];
    expect(decide({ text: 'Y a-t-il un formulaire pour déposer une plainte?', intents })).toMatchObject({ kind: 'answer', intent: 'faq.complaints' });
    expect(decide({ text: 'Is there a form to file a complaint?', intents })).toMatchObject({ kind: 'answer', intent: 'faq.complaints' });
    expect(decide({ text: 'Je veux déposer une plainte', intents })).toMatchObject({ kind: 'answer', intent: Intents.complaintFile });
  });

  it('answers a person asked for in one or two words from the answer threshold, not the keyword one', () => {
    const intents = [
      { intent: Intents.handoff, score: DEFAULT_THRESHOLDS.answer + 0.01 },
      { intent: 'complaint.file', score: 0.98 - DEFAULT_THRESHOLDS.answer },
      { intent: 'faq.hours', score: 0.01 },
    ];
    expect(decide({ text: 'agent please', intents })).toMatchObject({ kind: 'answer', intent: Intents.handoff });
    expect(decide({ text: 'plainte svp', intents: intents.map((i, n) => (n === 0 ? { ...i, intent: 'complaint.status' } : i)) }).kind).toBe('clarify');
  });
});
