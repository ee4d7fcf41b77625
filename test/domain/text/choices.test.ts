import {
  bestMatch,
  choiceKey,
  choiceWords,
  containsPhrase,
  foldChoice,
  isNo,
  isOneOf,
  isSkip,
  isYes,
  isYesNoOrFiller,
  leadingYesNo,
  PhraseSet,
  wordMatches,
} from '../../../domain/text/choices';

describe('choices: the one normalizer', () => {
  it.each([
    ['Téléphone', 'telephone'],
    ['  PASSER!!  ', 'passer'],
    ["J'ai appelé au Téléphone!", 'j ai appele au telephone'],
    ['l’examen', 'l examen'],
    ['Ça va?', 'ca va'],
    ['Oui, merci.', 'oui merci'],
    ['jsp', 'je sais pas'],
    ['JSP!', 'je sais pas'],
    ['dacc', 'd accord'],
    ["D'accord", 'd accord'],
    ['OKAY', 'ok'],
    ['idk', 'i don t know'],
    ["I don't know", 'i don t know'],
    ['?', ''],
  ])('« %s » → "%s"', (text, folded) => {
    expect(foldChoice(text)).toBe(folded);
  });

  it('compares a text that folds to nothing as typed', () => {
    expect(choiceKey(' ? ')).toBe('?');
    expect(isOneOf('?', ['?'])).toBe(true);
    expect(isOneOf('!', ['?'])).toBe(false);
    expect(isOneOf('', [''])).toBe(false);
  });

  it('splits into words', () => {
    expect(choiceWords("Qu'est-ce que c'est")).toEqual(['qu', 'est', 'ce', 'que', 'c', 'est']);
    expect(choiceWords('  ')).toEqual([]);
  });
});

describe('choices: yes, no, skip (French and English)', () => {
  it.each(['oui', 'Oui!', 'OUI', 'ouais', 'Ouin', 'yes', 'Yep', 'yeah', 'bien sûr', 'Of course'])('« %s » is yes', (text) => {
    expect(isYes(text)).toBe(true);
    expect(isNo(text)).toBe(false);
  });

  it.each(['non', 'Non.', 'nan', 'nope', 'No', 'non merci', 'No thanks', 'pas du tout'])('« %s » is no', (text) => {
    expect(isNo(text)).toBe(true);
    expect(isYes(text)).toBe(false);
  });

  it.each(['passer', 'Passer cette question', 'sauter', 'je sais pas', 'Je ne sais pas', 'jsp', 'aucune idée', 'skip', "I don't know", 'idk', 'not sure', '?'])(
    '« %s » skips the question',
    (text) => {
      expect(isSkip(text)).toBe(true);
    },
  );

  it.each(['oui', 'passer par le téléphone', 'je sais pas quoi faire avec mon dossier', 'Agent de bureau', ''])('« %s » does not skip', (text) => {
    expect(isSkip(text)).toBe(false);
  });

  it('only a whole message is a yes or a no', () => {
    expect(isYes('oui, le processus 12345')).toBe(false);
    expect(isNo('non je veux continuer')).toBe(false);
  });
});

describe('choices: yes/no or filler', () => {
  it.each(['oui', 'Non', 'ok', 'OK!', 'okay', "d'accord", 'dac', 'ben oui', 'ouais merci', 'Yes', 'nope', "c'est ça", 'euh', 'thanks'])(
    '« %s » is only yes/no or filler',
    (text) => {
      expect(isYesNoOrFiller(text)).toBe(true);
    },
  );

  it.each(['Processus 12345', 'Agent de bureau', 'examen de français', 'oui, le processus 12345', 'je sais pas', '', 'ok ok ok ok ok'])('« %s » is not', (text) => {
    expect(isYesNoOrFiller(text)).toBe(false);
  });
});

describe('choices: the yes or no a reply starts with', () => {
  it.each([
    ['oui', true],
    ['ouais, en ce moment', true],
    ['ben oui', true],
    ['Yes, right now', true],
    ['non', false],
    ['nope', false],
    ['non, il est terminé', false],
    ['pas encore', false],
    ['euh pas maintenant', false],
    ['not yet', false],
    ['je sais pas', undefined],
    ["c'était hier", undefined],
    ['', undefined],
  ])('« %s » → %s', (text, expected) => {
    expect(leadingYesNo(text)).toBe(expected);
  });
});

describe('choices: phrases within a text', () => {
  it('tolerates a typo, a plural and a prefix', () => {
    expect(wordMatches('telephne', 'telephone')).toBe(true);
    expect(wordMatches('examens', 'examen')).toBe(true);
    expect(wordMatches('connexion', 'connex*')).toBe(true);
    expect(wordMatches('chat', 'chut')).toBe(false);
  });

  it('finds a phrase folded like the text', () => {
    const words = choiceWords("J'ai fait l'Examen en ligne hier");
    expect(containsPhrase(words, "l'examen en ligne")).toBe(true);
    expect(containsPhrase(words, 'en personne')).toBe(false);
    expect(containsPhrase(words, '')).toBe(false);
  });

  it('finds a phrase of a set wherever containsPhrase would, prefixes and typos included', () => {
    const phrases = ["c'est inacceptable", 'tanné', 'écoeur*', 'pas normal'];
    const tolerance = { oneFrom: 8, twoFrom: Number.POSITIVE_INFINITY };
    const set = new PhraseSet(phrases, tolerance);
    for (const text of [
      "C'est INNACCEPTABLE!",
      'je suis tannée',
      'ça m’écoeure',
      // A prefix tolerates a typo in its first letter, so prefixes are tried at every word.
      'vraiment ocoeurant',
      "c'est pas normal",
      'pas',
      'ma tante a appelé',
      '',
    ]) {
      const words = choiceWords(text);
      expect(set.foundIn(words)).toBe(phrases.some((phrase) => containsPhrase(words, phrase, tolerance)));
    }
    expect(set.foundIn(choiceWords('vraiment ocoeurant'))).toBe(true);
    expect(set.foundIn(choiceWords('ma tante a appelé'))).toBe(false);
    expect(new PhraseSet([]).foundIn(choiceWords('rien'))).toBe(false);
  });

  it('picks the longest phrase, and nothing on a tie', () => {
    const phrases = [
      ['online', ['en ligne', "l'examen en ligne"]],
      ['phone', ['téléphone', 'au téléphone']],
    ] as const;
    expect(bestMatch("C'était pour l'examen en ligne", phrases)).toBe('online');
    expect(bestMatch('au TELEPHONE', phrases)).toBe('phone');
    expect(bestMatch('en ligne au téléphone', [['a', ['en ligne']], ['b', ['au telephone']]] as const)).toBeUndefined();
    expect(bestMatch('rien à voir', phrases)).toBeUndefined();
  });
});
