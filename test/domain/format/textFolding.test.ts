import { foldText, withoutAccents } from '../../../domain/format/textFolding';

describe('withoutAccents', () => {
  it('takes off the accents of French and other Latin letters, and leaves the rest as written', () => {
    expect(withoutAccents('Été à l’hôpital, où ça? Noël, maïs, cœur')).toBe('Ete a l’hopital, ou ca? Noel, mais, cœur');
    expect(withoutAccents('ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ')).toBe('AAACEEEEIIOOUUUY');
    expect(withoutAccents('e\u0301te\u0301')).toBe('ete');
    expect(withoutAccents('plain ASCII, 8 h 30!')).toBe('plain ASCII, 8 h 30!');
  });

  it('gives the same text as the decomposition it stands for, whichever text came before (the last one is remembered)', () => {
    const texts = ['Été', 'ete', 'Été', 'naïve', '', 'ＡＢＣ', 'İstanbul', 'Ǣ', 'Été'];
    for (const text of texts) expect(withoutAccents(text)).toBe(text.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  });

  it('is what foldText builds on', () => {
    expect(foldText('J’peux pas m’connecter à SAGIR!')).toBe('j peux pas m connecter a sagir');
  });
});
