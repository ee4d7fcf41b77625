import { readFileSync } from 'node:fs';
import { citizenMessagesFileSchema } from '../../domain/faq/knowledgeBase';
import { projectPath } from '../../domain/paths';
import { placedCases, retiredMessages } from './heldOutPairs';
import { normalizedSentence } from './nearDuplicates';

const training = ['Quelles sont vos heures d’ouverture?', 'numéro de téléphone sans frais du centre'].map(normalizedSentence);

describe('placing a held-out pair', () => {
  it('keeps each case once, removes those near a training sentence, and keeps the other questions asked', () => {
    const { kept, repeated, nearTraining } = placedCases(
      [
        { text: 'quelles sont vos heures douverture', intent: 'faq.hours' },
        { text: 'Le numéro sans frais du centre de téléphone', intent: 'faq.phone' },
        { text: 'Vous fermez à quelle heure le vendredi?', intent: 'faq.hours', also: [] },
        { text: 'vous fermez a quelle heure le vendredi', intent: 'faq.hours' },
        { text: 'C’est quoi SAGIR, pis votre courriel?', intent: 'faq.sagir', also: ['faq.email-general'] },
      ],
      training,
    );
    expect({ repeated, nearTraining }).toEqual({ repeated: 1, nearTraining: 2 });
    expect(kept).toEqual([
      { text: 'Vous fermez à quelle heure le vendredi?', intent: 'faq.hours' },
      { text: 'C’est quoi SAGIR, pis votre courriel?', intent: 'faq.sagir', also: ['faq.email-general'] },
    ]);
  });
});

describe('retiring a spent pair', () => {
  it('trains on the single questions only, never on one near a sentence still held out', () => {
    const heldOut = ['Êtes-vous ouverts le samedi matin?'].map(normalizedSentence);
    const { messages, several, nearHeldOut } = retiredMessages(
      [
        { text: 'etes vous ouvert le samedi matin', intent: 'faq.closed-days' },
        { text: 'vos heures pis votre numéro', intent: 'faq.hours', also: ['faq.phone'] },
        { text: 'Je veux porter plainte contre un agent', intent: 'complaint.file' },
      ],
      heldOut,
    );
    expect({ several, nearHeldOut }).toEqual({ several: 1, nearHeldOut: 1 });
    expect(messages).toEqual([{ text: 'Je veux porter plainte contre un agent', intent: 'complaint.file' }]);
  });

  it('accounts for every message of each retired set in data/knowledge-base/citizen-messages.json', () => {
    const file = citizenMessagesFileSchema.parse(JSON.parse(readFileSync(projectPath('data', 'knowledge-base', 'citizen-messages.json'), 'utf8')));
    for (const set of file.sets) expect({ pair: set.pair, lang: set.lang, written: set.messages.length + set.several + set.nearHeldOut }).toEqual({ pair: set.pair, lang: set.lang, written: set.written });
    expect(file.description).toContain(String(file.sets.reduce((total, set) => total + set.written, 0)));
  });
});
