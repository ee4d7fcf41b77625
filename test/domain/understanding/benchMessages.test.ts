import { decide } from '../../../domain/understanding/decision';
import { sharedIntentClassifier } from '../../helpers/sharedClassifier';
import { FAQ_MESSAGES } from '../../bench/benchMessages';

describe('the HTTP bench’s FAQ turns', () => {
  it.each(FAQ_MESSAGES)('« %s » is answered by a single FAQ entry', (text) => {
    const decision = decide(sharedIntentClassifier().classify(text, 'fr'));
    expect(decision.kind).toBe('answer');
    if (decision.kind !== 'answer') return;
    expect(decision.intent).toMatch(/^faq\./);
    expect(decision.also ?? []).toEqual([]);
  });
});
