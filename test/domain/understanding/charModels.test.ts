import { charGrams, GramWeights, NearestPhrasings } from '../../../domain/understanding/charModels';
import { FrenchTextPreparer } from '../../../domain/understanding/frenchText';

const preparer = new FrenchTextPreparer();
const grams = (text: string): string[] => charGrams(preparer.prepare(text), new Set(['bonjour', 'merci']));

describe('character grams (second view of a message)', () => {
  it('keeps 3- to 5-grams of the content words only, across word boundaries', () => {
    const g = grams('Bonjour, le numéro du Centre, merci');
    expect(g).toContain('num');
    expect(g).toContain('numer');
    expect(g).toContain('o ce');
    expect(g.some((x) => x.includes('bonj') || x.includes('merc'))).toBe(false);
    expect(grams('bonjour merci')).toEqual([]);
  });

  it('finds the nearest phrasing by cosine over TF-IDF grams, and ignores unseen grams', () => {
    const docs = ['numero de telephone', 'adresse courriel', 'heures d ouverture'].map(grams);
    const weights = GramWeights.of(docs);
    const index = new NearestPhrasings(docs.map((d) => weights.vector(d)), ['phone', 'email', 'hours']);
    expect(index.scores(weights.vector(grams('le numéro de téléphone svp')))[0].label).toBe('phone');
    expect(index.scores(weights.vector(grams('courriels')))[0].label).toBe('email');
    expect(weights.vector(grams('zzzz')).size).toBe(0);
  });
});
