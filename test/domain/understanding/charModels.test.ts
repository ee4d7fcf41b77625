import { charGrams, GramWeights, gramText, NearestPhrasings } from '../../../domain/understanding/charModels';
import { FrenchTextPreparer } from '../../../domain/understanding/frenchText';

const preparer = new FrenchTextPreparer();
const POLITENESS = new Set(['bonjour', 'merci']);
const grams = (text: string): string[] => charGrams(preparer.prepare(text), POLITENESS);

/** What `weighted` gives, as the map `vector` gives. */
const weightedVector = (weights: GramWeights, text: string): Map<string, number> => {
  const { slots, values } = weights.weighted(gramText(preparer.prepare(text), POLITENESS));
  return new Map(slots.map((slot, i) => [weights.grams[slot], values[i]]));
};

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

  it('weighs a message the same from its text as from its grams, in the same order, with or without gram codes', () => {
    const messages = ['le numéro de téléphone svp', 'numero numero numero', 'courriel ☎ 2026', 'zzzz', 'merci', 'heures d ouverture lundi'];
    const coded = GramWeights.of(['numero de telephone', 'adresse courriel 2026', 'heures d ouverture'].map(grams));
    // More than 63 distinct characters: no codes, the grams are looked up as strings.
    const many = ['numero de telephone', 'adresse courriel 2026', 'heures d ouverture', 'αβγδεζηθικλμνξοπρστυφχψω абвгдежзиклмнопрстуфхцчшщыэюя'].map(grams);
    expect(new Set(many.join('').split('')).size).toBeGreaterThan(63);
    const uncoded = GramWeights.of(many);
    for (const weights of [coded, uncoded]) {
      for (const message of messages) expect([...weightedVector(weights, message)]).toEqual([...weights.vector(grams(message))]);
    }
    expect(weightedVector(coded, 'le numéro de téléphone').size).toBeGreaterThan(10);
    expect(weightedVector(coded, 'courriel ☎').size).toBe(weightedVector(coded, 'courriel').size);
  });
});
