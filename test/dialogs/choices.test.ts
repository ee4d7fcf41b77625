import { translator } from '../../domain/i18n';
import { buttonChoices, isButton, isOneOfKey, isSkipAnswer, yesNoChoices } from '../../dialogs/shared/choices';

describe('dialog choices: buttons and the word lists of locales', () => {
  const fr = translator('fr');

  it('recognizes a button by its title in either language, folded', () => {
    expect(isButton('passer cette question', 'complaint:intake.skip')).toBe(true);
    expect(isButton('Skip this question', 'complaint:intake.skip')).toBe(true);
    expect(isButton('passer', 'complaint:intake.skip')).toBe(false);
  });

  it('a skip word or a skip button skips', () => {
    expect(isSkipAnswer('passer')).toBe(true);
    expect(isSkipAnswer('je sais pas')).toBe(true);
    expect(isSkipAnswer("I don't remember", 'exam:choices.timeUnknown')).toBe(true);
    expect(isSkipAnswer('hier soir', 'exam:choices.timeUnknown')).toBe(false);
  });

  it('reads the words of a locale key, plus a label', () => {
    expect(isOneOfKey('Modifier', fr, 'complaint:intake.storyEditWords')).toBe(true);
    expect(isOneOfKey('réécrire', fr, 'complaint:intake.storyEditWords')).toBe(true);
    expect(isOneOfKey('Garder ça', fr, 'complaint:intake.storyEditWords', 'Garder ça')).toBe(true);
    expect(isOneOfKey('peut-être', fr, 'complaint:intake.storyEditWords')).toBe(false);
  });

  it('gives buttons their folded title and position as synonyms', () => {
    const [first, second] = buttonChoices(['Téléphone', 'Courriel'], [[], ['email']]);
    expect(first.synonyms).toEqual(['telephone', '1']);
    expect(second.synonyms).toEqual(['courriel', '2', 'email']);
    expect(second.action).toEqual({ type: 'imBack', title: 'Courriel', value: 'Courriel' });
  });

  it('gives yes and no buttons the yes and no words of both languages', () => {
    const [yes, no] = yesNoChoices('Oui, abandonner', 'Non, continuer', { yes: ['annuler'] });
    expect(yes.synonyms).toEqual(expect.arrayContaining(['oui', 'ouais', 'yes', 'annuler']));
    expect(no.synonyms).toEqual(expect.arrayContaining(['non', 'nope', 'no']));
    expect(no.synonyms).not.toContain('oui');
  });
});
