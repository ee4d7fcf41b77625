import { detectLanguage, languageScores } from '../../../domain/understanding/languageDetector';

describe('detectLanguage', () => {
  it.each([
    'Quelles sont vos heures d’ouverture?',
    'bonjour',
    'merci!',
    'c koi le numero sans frais',
    'Je voudrais savoir comment déposer une plainte',
    'vous etes ouvert le mercredi',
    'allo',
    'merci bye',
    'télécopieur',
    'Bonjour, pourriez-vous me dire si le centre est fermé sur l’heure du dîner? Merci beaucoup.',
  ])('« %s » is French', (text) => {
    expect(detectLanguage(text)).toBe('fr');
  });

  it.each([
    'What are your opening hours?',
    'hi',
    'thanks',
    'I want to talk to a person',
    'how do I file a complaint',
    "what's the phone number",
    'is the centre closed at lunch',
    'Hello, could you please tell me when I can call the Centre? Thank you very much.',
  ])('« %s » is English', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });

  it.each(['', '   ', '😀', '12345', 'SAGIR', 'CA-dotation', 'ok', 'email', 'bye', 'bye bye'])('is unsure about « %s »', (text) => {
    expect(detectLanguage(text)).toBeUndefined();
  });

  // « bye » closes many a French chat in Québec: alone, it says nothing of the language.
  it('is unsure when the clues disagree evenly', () => {
    expect(detectLanguage('bonjour hello')).toBeUndefined();
  });

  it('lets the clear majority win in a mixed message', () => {
    expect(detectLanguage('Hi, I would like to know the hours of the Centre d’assistance en dotation')).toBe('en');
    expect(detectLanguage('Bonjour, je voudrais savoir si je peux appeler le help desk')).toBe('fr');
  });

  it('counts accents as French clues', () => {
    expect(languageScores('été').fr).toBeGreaterThan(0);
    expect(languageScores('été').en).toBe(0);
  });
});
