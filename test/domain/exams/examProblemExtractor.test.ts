import {
  detectDeviceAndBrowser,
  detectExamReference,
  detectInProgress,
  detectProblemKind,
  detectProblemTime,
  extractExamProblem,
  parseInProgressAnswer,
} from '../../../domain/exams/problemExtractor';
import { isYesNoOrFiller } from '../../../domain/text/choices';

const TZ = 'America/Toronto';
const MONDAY_10H = new Date('2026-11-23T15:00:00Z'); // lundi 23 novembre 2026, 10 h à Québec
const at = (iso: string) => new Date(iso);

describe('exam problem extractor: kind of problem', () => {
  it.each([
    ['mon examen plante', 'frozen'],
    ['Mon examen a planté!', 'frozen'],
    ['la page ne se charge pas', 'frozen'],
    ["l'écran est figé depuis 5 minutes", 'frozen'],
    ['ca gele tout le temps', 'frozen'],
    ['la page est blanche', 'frozen'],
    ['the page stays blank', 'frozen'],
    ["j'ai été déconnecté en plein milieu", 'frozen'],
    ["la page s'est fermée toute seule", 'frozen'],
    ['mon examen a gelé', 'frozen'],
    ['je suis pu capable de me reconnecter a mon examen', 'access'],
    ["je peux pas me connecter à l'examen", 'access'],
    ['jpeux pas me conecter a lexamen', 'access'],
    ['mot de passe refusé', 'access'],
    ["Je n'arrive pas à accéder à mon examen", 'access'],
    ["le chrono s'est arrêté", 'timer'],
    ['le chorno est arreter', 'timer'],
    ['la minuterie est bloquée', 'timer'],
    ['le temps restant ne bouge plus', 'timer'],
    ["j'ai pas pu soumettre mes réponses", 'submission'],
    ['jai pas pu soumetre mes reponse', 'submission'],
    ["mes réponses ne s'enregistrent pas", 'submission'],
    ['le son de la vidéo ne marche pas', 'display'],
    ["l'affichage est tout croche", 'display'],
    ['my exam is frozen', 'frozen'],
    ["I can't log in to the exam", 'access'],
    ["on m'a expulsée de l'examen", 'access'],
    ['ma session a expiré en plein examen', 'access'],
    ['I got kicked out of the exam', 'access'],
    ['the timer stopped', 'timer'],
    ["I couldn't submit my answers", 'submission'],
  ])('%s → %s', (text, kind) => {
    expect(detectProblemKind(text)).toBe(kind);
  });

  it.each(["Problème technique lors d'un examen en ligne", 'bonjour', "j'ai une question", 'examen 12345'])('finds no kind in « %s »', (text) => {
    expect(detectProblemKind(text)).toBeUndefined();
  });
});

describe('exam problem extractor: exam in progress now', () => {
  it.each([
    ['mon examen plante en ce moment', true],
    ['mon examen plante', true],
    ["je suis en train de faire l'examen et la page est figée", true],
    ['je suis bloqué, il me reste 20 minutes', true],
    ['presentement la page charge pas', true],
    ['mon examen a planté hier', false],
    ["c'est terminé mais le chrono s'est arrêté", false],
    ['mon examen était hier', false],
    ["l'examen n'a pas encore commencé", false],
    ["le chrono s'est arrêté", undefined],
    ["j'ai pas pu soumettre mes réponses", undefined],
    ["je peux pas me connecter à l'examen", undefined],
    ["pendant mon examen de ce matin la page s'est fermée", undefined],
  ])('%s → %s', (text, expected) => {
    expect(detectInProgress(text)).toBe(expected);
  });

  it.each([
    ['Oui, en ce moment', true],
    ['oui', true],
    ['ouais', true],
    ['Yes, right now', true],
    ['Non', false],
    ['non, il est terminé', false],
    ['pas encore', false],
    ["c'était hier", false],
    ['je sais pas', undefined],
  ])('answer « %s » → %s', (text, expected) => {
    expect(parseInProgressAnswer(text)).toBe(expected);
  });
});

describe('exam problem extractor: answers that are not an exam name', () => {
  it.each(['oui', 'Non', 'ok', 'OK!', "d'accord", 'ben oui', 'Yes', 'nope', "c'est ça"])('« %s » is only yes/no or filler', (text) => {
    expect(isYesNoOrFiller(text)).toBe(true);
  });

  it.each(['Processus 12345', 'Agent de bureau', 'examen de français', 'oui, le processus 12345', ''])('« %s » is not', (text) => {
    expect(isYesNoOrFiller(text)).toBe(false);
  });
});

describe('exam problem extractor: exam reference, device and browser', () => {
  it.each([
    ['mon examen 12345 plante', 'examen 12345'],
    ['Processus de qualification no 2026-0456', 'Processus de qualification no 2026-0456'],
    ['concours #A123-45 bloqué', 'concours #A123-45'],
    ["l'examen « Agent de bureau » plante", 'Agent de bureau'],
    ['examen de 9 h', undefined],
    ['mon examen plante', undefined],
    ['le test 2 ne marche pas', undefined],
  ])('%s → %s', (text, expected) => {
    expect(detectExamReference(text)).toBe(expected);
  });

  it.each([
    ['Ordinateur – Chrome', { device: 'ordinateur', browser: 'Chrome' }],
    ['sur mon portable avec firefox', { device: 'ordinateur portable', browser: 'Firefox' }],
    ['Mac, Safari', { device: 'Mac', browser: 'Safari' }],
    ['chromebook', { device: 'Chromebook', browser: undefined }],
    ['mon cell', { device: 'téléphone', browser: undefined }],
    ['je ne sais pas', { device: undefined, browser: undefined }],
  ])('%s → %o', (text, expected) => {
    expect(detectDeviceAndBrowser(text)).toEqual(expected);
  });
});

describe('exam problem extractor: when it happened (America/Toronto)', () => {
  const ctx = { now: MONDAY_10H, timeZone: TZ };
  it.each([
    ['à 9 h 30', '2026-11-23T14:30:00Z'],
    ['vers 9h05', '2026-11-23T14:05:00Z'],
    ['hier vers 14 h', '2026-11-22T19:00:00Z'],
    ['il y a 10 minutes', '2026-11-23T14:50:00Z'],
    ['ce matin vers 8 h 45', '2026-11-23T13:45:00Z'],
    ['samedi à midi', '2026-11-21T17:00:00Z'],
    ['yesterday at 2 pm', '2026-11-22T19:00:00Z'],
  ])('%s → %s', (text, iso) => {
    expect(detectProblemTime(text, ctx)).toEqual(at(iso));
  });

  it.each(['hier', 'à 14 h', 'processus 12345', 'mon examen plante', 'ce matin'])('no precise past time in « %s »', (text) => {
    expect(detectProblemTime(text, ctx)).toBeUndefined();
  });

  it('uses the Québec offset in summer too', () => {
    expect(detectProblemTime('à 9 h 30', { now: new Date('2026-07-06T14:00:00Z'), timeZone: TZ })).toEqual(at('2026-07-06T13:30:00Z'));
  });
});

describe('extractExamProblem', () => {
  it('reads everything the first message says', () => {
    const clues = extractExamProblem('Mon examen 12345 plante en ce moment sur Chrome, depuis 9 h 50', { now: MONDAY_10H, timeZone: TZ });
    expect(clues).toEqual({
      examInProgress: true,
      problemKind: 'frozen',
      examName: 'examen 12345',
      problemAt: at('2026-11-23T14:50:00Z'),
      device: undefined,
      browser: 'Chrome',
    });
  });

  it('says nothing about the menu choice', () => {
    const clues = extractExamProblem("Problème technique lors d'un examen en ligne", { now: MONDAY_10H, timeZone: TZ });
    expect(clues.examInProgress).toBeUndefined();
    expect(clues.problemKind).toBeUndefined();
    expect(clues.examName).toBeUndefined();
    expect(clues.problemAt).toBeUndefined();
  });

  it('flags a question that is not a technical problem', () => {
    expect(extractExamProblem('quand vais-je avoir le résultat de mon examen', { now: MONDAY_10H, timeZone: TZ }).notTechnical).toBe(true);
  });
});
