import MiniSearch from 'minisearch';
import { trainingExamples } from '../../../domain/faq/knowledgeBase';
import { FrenchTextPreparer } from '../../../domain/understanding/frenchText';
import { LexicalIndex } from '../../../domain/understanding/lexicalIndex';

/** The knowledge base's phrasings, prepared as the recognizer prepares them. */
const examples = trainingExamples();
const preparer = new FrenchTextPreparer(FrenchTextPreparer.vocabularyOf(examples.map((e) => e.text)));
const stems = (text: string): string[] => preparer.prepare(text).contentStems;

/** What the recognizer read from MiniSearch before LexicalIndex: each intent's first (best) hit of an exact OR search. */
function miniSearchBest(search: MiniSearch, text: string): Map<string, { score: number; matched: number }> {
  const best = new Map<string, { score: number; matched: number }>();
  for (const hit of search.search(text)) if (!best.has(hit.intent as string)) best.set(hit.intent as string, { score: hit.score, matched: hit.terms.length });
  return best;
}

describe('LexicalIndex', () => {
  const index = new LexicalIndex(examples.map((e) => ({ stems: stems(e.text), intent: e.intent })));
  const search = new MiniSearch({ fields: ['text'], storeFields: ['intent'], tokenize: stems, processTerm: (t) => t, searchOptions: { fuzzy: false, prefix: false, combineWith: 'OR' } });
  search.addAll(examples.map((e, id) => ({ id, text: e.text, intent: e.intent })));

  it.each([
    'heures d’ouverture mercredi',
    'mon examen en ligne a planté, je vous écris où?',
    'plainte plainte plainte sur le service',
    'le protecteur du citoyen, c’est qui?',
    'what is your phone number',
    'xylophone zèbre',
  ])('scores « %s » as MiniSearch’s exact search did, best phrasing per intent', (text) => {
    const expected = miniSearchBest(search, text);
    const actual = index.bestByIntent(stems(text));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [intent, { score, matched }] of expected) {
      expect(actual.get(intent)?.score).toBeCloseTo(score, 10);
      expect(actual.get(intent)?.matched).toBe(matched);
    }
  });

  it('can be asked again: one query leaves nothing behind for the next', () => {
    const first = index.bestByIntent(stems('numéro de téléphone'));
    index.bestByIntent(stems('heures d’ouverture'));
    expect(index.bestByIntent(stems('numéro de téléphone'))).toEqual(first);
  });
});
