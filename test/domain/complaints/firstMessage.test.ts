import { readFirstMessage, soundsAngry } from '../../../domain/complaints/firstMessage';

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
  });
});
