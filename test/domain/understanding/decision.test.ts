import { decide, DEFAULT_THRESHOLDS } from '../../../domain/understanding/decision';

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
});
