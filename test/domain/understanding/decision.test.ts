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
});
