import { readFirstMessage, soundsAngry, speaksOfTheStaff } from '../../../domain/complaints/firstMessage';

describe('what the first message of a complaint says about the person (firstMessage in locales/<lang>/complaint.json)', () => {
  it.each([
    "c'est inacceptable",
    'innacceptable, vraiment',
    'la préposée a été impolie avec ma mère',
    'le gars a été bête avec moi',
    'franchement c’est rire du monde',
    'je vous fais part de mon profond mécontentement',
    'the agent was rude and hung up on me',
    'total incompetence',
    'votre agente a été irrespectueuse',
    'ça a pas d’allure, vous êtes pas capables de vous entendre',
    'il s’est moqué de mon accent, c’est blessant',
    'vous êtes pas sérieux',
    'he made fun of my accent',
    "l'agent m'a envoyé promener",
    'is this how you treat people?',
    'je suis en beau maudit',
    'votre agent m’a ri au nez',
  ])('« %s » sounds angry', (text) => {
    expect(soundsAngry(text)).toBe(true);
  });

  it.each([
    "j'aime mieux parler face à face",
    "ma tante m'a aidée à remplir le formulaire",
    "c'est une question bête, mais quelles sont vos heures?",
    'la fâcheuse habitude de tout remettre à demain',
  ])('« %s » does not: a short feeling word is never read one letter away (« face » is not « fâché »)', (text) => {
    expect(soundsAngry(text)).toBe(false);
  });

  it('offers back a first message that tells what happened, and hears frustration in it', () => {
    expect(readFirstMessage("Ça fait 3 fois que j'appelle et personne me rappelle, c'est inacceptable")).toEqual({
      story: "Ça fait 3 fois que j'appelle et personne me rappelle, c'est inacceptable",
      upset: true,
    });
    expect(readFirstMessage('Je veux porter plainte')).toEqual({ story: undefined, upset: false });
    // « si jamais » supposes: no frustration in it; « jamais » alone is.
    expect(readFirstMessage('si jamais je suis pas content du service je fais quoi').upset).toBe(false);
    expect(readFirstMessage('on ne m’a jamais rappelé pour mon dossier').upset).toBe(true);
  });

  it.each([
    ['l’agent voulait rien savoir', true],
    ['la dame au téléphone a raccroché', true],
    ['the rep never called back', true],
    ['mon voisin a été impoli', false],
    ['le site plante quand je me connecte', false],
  ] as const)('« %s » speaks of someone who served the person: %s', (text, expected) => {
    expect(speaksOfTheStaff(text)).toBe(expected);
  });
});
