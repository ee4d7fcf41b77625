import type { TrainingExample } from '../../../domain/faq/knowledgeBase';
import { TrainedIntentClassifier } from '../../../domain/understanding/trainedClassifier';

const examples: TrainingExample[] = [
  { text: 'adresse courriel pour une plainte', intent: 'faq.complaints', lang: 'fr' },
  { text: 'délai de traitement des plaintes', intent: 'faq.complaints', lang: 'fr' },
  { text: 'protecteur du citoyen', intent: 'faq.recourse', lang: 'fr' },
  { text: 'je conteste la réponse à ma plainte', intent: 'faq.recourse', lang: 'fr' },
  { text: 'quelles sont vos heures', intent: 'faq.hours', lang: 'fr' },
  { text: 'vous ouvrez à quelle heure', intent: 'faq.hours', lang: 'fr' },
];

const train = (lexicalBoost: number): TrainedIntentClassifier => TrainedIntentClassifier.train(examples, { lexicalBoost, smallTalk: false, topN: 10 });

describe('BM25 boost of the recognizer', () => {
  it('keeps a probability distribution over the intents', () => {
    const { intents } = train(2).classify('le protecteur du citoyen, c’est qui?', 'fr');
    expect(intents.reduce((sum, i) => sum + i.score, 0)).toBeCloseTo(1, 6);
    expect(intents[0].intent).toBe('faq.recourse');
  });

  it('raises the confidence of the intent whose phrasings share the message’s words', () => {
    const text = 'contester la réponse à ma plainte';
    const score = (boost: number): number => train(boost).classify(text, 'fr').intents.find((i) => i.intent === 'faq.recourse')?.score ?? 0;
    expect(score(2)).toBeGreaterThan(score(0));
  });

  it('changes nothing for a message none of whose words the phrasings share', () => {
    const text = 'xylophone zèbre';
    expect(train(2).classify(text, 'fr').intents).toEqual(train(0).classify(text, 'fr').intents);
  });
});
