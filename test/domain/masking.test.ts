import { publicContactValues } from '../../domain/contacts';
import { PersonalInformationMasker } from '../../domain/privacy/masking';

const masker = new PersonalInformationMasker(publicContactValues());

describe('PersonalInformationMasker', () => {
  it.each([
    ['jean.tremblay@exemple.qc.ca', '[courriel]'],
    ["Écrivez-moi à Marie-Ève.O'Neil+bot@courriel.example.com svp", 'Écrivez-moi à [courriel] svp'],
    ['418 555-0199', '[téléphone]'],
    ['(418) 555-0199', '[téléphone]'],
    ['+1 418 555 0199', '[téléphone]'],
    ['4185550199', '[téléphone]'],
    ['1-418-555-0199', '[téléphone]'],
    ['418.555.0199 poste 1234', '[téléphone]'],
    ['mon cell est le 514 555-0123, merci', 'mon cell est le [téléphone], merci'],
    ['NAS 046 454 286', 'NAS [NAS]'],
    ['046-454-286', '[NAS]'],
    ['046454286', '[NAS]'],
    ['J’habite au G1R 5R9', 'J’habite au [code postal]'],
    ['h2x3y7', '[code postal]'],
  ])('masks %s', (input, expected) => {
    expect(masker.mask(input)).toBe(expected);
  });

  it.each([
    'Téléphonez au 418 528-7157 ou au 1 866 672-3460 (sans frais).',
    'Écrivez à carrieres@mcn.gouv.qc.ca ou à assistance.examensenligne@mcn.gouv.qc.ca.',
    'Protecteur du citoyen : 1 800 463-5070',
    'Votre référence est PL-2026-000123, reçue le 2026-11-23 à 10:15.',
    'Examen EX-2026-000045',
    'Secrétariat du Conseil du trésor, 875, Grande Allée Est, Québec (Québec) G1R 5R8',
  ])('leaves public contact information and references readable: %s', (text) => {
    expect(masker.mask(text)).toBe(text);
  });

  it('masks every string inside a card submission', () => {
    expect(masker.maskDeep({ contact: { email: 'a@b.ca', phone: '418 555 0199' }, n: 3, list: ['G1R5R9'] })).toEqual({
      contact: { email: '[courriel]', phone: '[téléphone]' },
      n: 3,
      list: ['[code postal]'],
    });
  });
});
