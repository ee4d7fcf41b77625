import { publicContactValues } from '../../../domain/contacts';
import { PersonalInformationMasker, TOO_DEEP } from '../../../domain/privacy/masking';
import { luhnValid } from '../../../domain/privacy/numberRules';
import { MASKING_RULES } from '../../../domain/privacy/rules';
import { detectSensitiveData } from '../../../domain/privacy/sensitiveData';

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
    ['NAS : 046.454.286', 'NAS : [NAS]'],
    ['046 - 454 - 286', '[NAS]'],
    ['418 555 01 42', '[téléphone]'],
    ['Mon numéro en France : +33 1 23 45 67 89.', 'Mon numéro en France : [téléphone].'],
    ['+33 (0)1 23 45 67 89', '[téléphone]'],
    ['+442079460000', '[téléphone]'],
    // No-break spaces, as the assistant writes numbers (the complaint summary shows the person's own phone so).
    ['Téléphone\u00a0: 418\u00a0555-0199', 'Téléphone\u00a0: [téléphone]'],
    ['1\u00a0418\u202f555-0199', '[téléphone]'],
    ['NAS 046\u00a0454\u00a0286', 'NAS [NAS]'],
  ])('masks %s', (input, expected) => {
    expect(masker.mask(input)).toBe(expected);
  });

  it.each([
    'Téléphonez au 418 528-7157 ou au 1 866 672-3460 (sans frais).',
    'Téléphonez au 418\u00a0528-7157 ou au 1\u00a0866\u00a0672-3460 (sans frais).',
    'Écrivez à carrieres@mcn.gouv.qc.ca ou à assistance.examensenligne@mcn.gouv.qc.ca.',
    'Protecteur du citoyen : 1 800 463-5070',
    'Votre référence est PL-2026-000123, reçue le 2026-11-23 à 10:15.',
    'Examen EX-2026-000045',
    'Secrétariat du Conseil du trésor, 875, Grande Allée Est, Québec (Québec) G1R 5R8',
  ])('leaves public contact information and references readable: %s', (text) => {
    expect(masker.mask(text)).toBe(text);
  });

  it('finds a digit in every span of the rules that only search text with one (needsDigit)', () => {
    const samples = [
      'NAS 046 454 286, carte 4539 1488 0343 6467, RAMQ TREJ 8512 2514',
      'Tél. (418) 555-0199 ou +33 1 23 45 67 89, code postal G1R 5R9',
      'Je suis née le 3 mars 1985. Date de naissance : 1985-03-03. DOB March 3, 1985. Born in 1985.',
      "J'habite au 123, rue Saint-Jean, app. 4, et au 4500 boul. Henri-Bourassa",
      'Je m’appelle Jean Tremblay, né le premier mars, au coin de la rue des Érables',
    ];
    let spans = 0;
    for (const rule of MASKING_RULES.filter((r) => r.needsDigit)) {
      for (const text of samples) {
        for (const span of rule.find(text)) {
          spans += 1;
          expect(text.slice(span.start, span.end)).toMatch(/\d/);
        }
      }
    }
    expect(spans).toBeGreaterThanOrEqual(10);
    // Without a digit, only the e-mail and name rules are searched, and they still mask.
    expect(masker.mask("Je m'appelle Jean Tremblay, écrivez à jean@exemple.ca")).toBe("Je m'appelle [nom], écrivez à [courriel]");
  });

  it('masks every string inside a card submission', () => {
    expect(masker.maskDeep({ contact: { email: 'a@b.ca', phone: '418 555 0199' }, n: 3, list: ['G1R5R9'] })).toEqual({
      contact: { email: '[courriel]', phone: '[téléphone]' },
      n: 3,
      list: ['[code postal]'],
    });
  });

  it.each([
    ["je m'appelle Hélène Gagnon et j'ai un problème", "je m'appelle [nom] et j'ai un problème"],
    ['je m’appelle hélène gagnon', 'je m’appelle [nom]'],
    ['Je me nomme Jean-François Lévesque.', 'Je me nomme [nom].'],
    ["Bonjour, mon nom est Marie-Ève O'Neil-Tremblay.", 'Bonjour, mon nom est [nom].'],
    ['Nom : Jean Tremblay', 'Nom : [nom]'],
    ['Nom: Jean de la Fontaine', 'Nom: [nom]'],
    ['Prénom : Hélène', 'Prénom : [nom]'],
    ['Merci, signé Jean Tremblay', 'Merci, signé [nom]'],
    ["Cordialement,\nJean-François D'Amours", 'Cordialement,\n[nom]'],
    ['my name is John Smith and I need help', 'my name is [nom] and I need help'],
  ])('masks a name introduced by a cue: %s', (input, expected) => {
    expect(masker.mask(input)).toBe(expected);
  });

  it.each([
    ['carte 4111 1111 1111 1111 merci', 'carte [carte] merci'],
    ['4111-1111-1111-1111', '[carte]'],
    ['5555555555554444', '[carte]'],
    ['Amex 3782 822463 10005', 'Amex [carte]'],
    ['TREJ 8512 2514', '[assurance maladie]'],
    ['ma carte soleil : trej85122514', 'ma carte soleil : [assurance maladie]'],
    ['GAGH 5703 1512', '[assurance maladie]'],
    ['je suis né le 12 mars 1985', 'je suis né le [date de naissance]'],
    ['née le 1er avril 1990, à Lévis', 'née le [date de naissance], à Lévis'],
    ['date de naissance : 1985-03-12', 'date de naissance : [date de naissance]'],
    ['DDN 12/03/1985', 'DDN [date de naissance]'],
    ['born on March 12, 1985', 'born on [date de naissance]'],
    ['my date of birth is 1985-03-12', 'my date of birth is [date de naissance]'],
    ["j'habite au 123, rue Saint-Jean à Québec", "j'habite au [adresse] à Québec"],
    ['4500 boul. Henri-Bourassa Est, app. 3', '[adresse]'],
    ['10 chemin du Lac', '[adresse]'],
    ['au 55 avenue des Pins.', 'au [adresse].'],
  ])('masks %s', (input, expected) => {
    expect(masker.mask(input)).toBe(expected);
  });

  it.each([
    'mon nom est mal écrit dans mon dossier',
    'Nom de l’examen : Processus 12345',
    'Je suis Marie, candidate au processus',
    'référence 1234567890123456',
    '4111 1111 1111 1112',
    'code 1234 5678 et ABCD 1234 5678',
    'mon examen du 12 mars 1985 a planté',
    'le 2026-11-23, le 12/03/2026',
    'il reste 2 places',
    'traversez les 12 rues à pied',
    'Bureau 1.25, 525, boulevard René-Lévesque Est, Québec (Québec) G1R 5Y4',
  ])('leaves ordinary text readable: %s', (text) => {
    expect(masker.mask(text)).toBe(text);
  });

  it('checks the Luhn digit of card numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('0000000000')).toBe(false);
  });

  it('detects the identifiers a person should not type in the chat', () => {
    expect(detectSensitiveData('Mon NAS est 046 454 286 et je suis née le 12 mars 1985')).toEqual(['sin', 'birthDate']);
    expect(detectSensitiveData('TREJ 8512 2514, carte 4111 1111 1111 1111')).toEqual(['healthCard', 'paymentCard']);
    expect(detectSensitiveData('mon courriel est jean@exemple.ca, mon examen du 12 mars')).toEqual([]);
    expect(detectSensitiveData('')).toEqual([]);
  });

  it('replaces a value nested too deeply, or met inside itself, instead of overflowing the stack', () => {
    let deep: unknown = 'NAS 046 454 286';
    for (let i = 0; i < 100_000; i++) deep = { child: deep };
    let node = masker.maskDeep(deep) as Record<string, unknown>;
    let depth = 0;
    while (typeof node === 'object') {
      node = node.child as Record<string, unknown>;
      depth++;
    }
    expect(node).toBe(TOO_DEEP);
    expect(depth).toBe(64);
    expect(masker.maskDeep([[['a@b.ca']]])).toEqual([[['[courriel]']]]);
    const cyclic: Record<string, unknown> = { text: '418 555-0199' };
    cyclic.self = cyclic;
    expect(masker.maskDeep(cyclic)).toEqual({ text: '[téléphone]', self: TOO_DEEP });
  });

  describe('runs in linear time on adversarial input (each would take minutes if quadratic)', () => {
    const MB = 1_000_000;
    it.each([
      ['letters without @', 'a'.repeat(MB)],
      ['a.a.a.a…', 'a.'.repeat(MB / 2)],
      ['a@a@a@…', 'a@'.repeat(MB / 2)],
      ['an endless domain', 'x@' + 'a.'.repeat(MB / 2) + '1'],
      ['one long digit run', '1'.repeat(MB)],
      ['digits separated by spaces', '1 '.repeat(MB / 2)],
      ['digits separated by dots', '1.'.repeat(MB / 2)],
      ['digits separated by dashes', '12-'.repeat(MB / 3)],
      ['card-like groups', '4111 '.repeat(MB / 5)],
      ['plus signs and digits', '+3 '.repeat(MB / 3)],
      ['name cues', 'nom : '.repeat(MB / 6)],
      ['a name cue before endless capitalised words', 'Nom : ' + 'Aaaa '.repeat(MB / 5)],
      ['birth cues', 'né le '.repeat(MB / 6)],
      ['civic numbers and street types', '1 rue '.repeat(MB / 6)],
      ['letters and digits', 'ABCD1'.repeat(MB / 5)],
    ])('%s', (_name, text) => {
      expect(typeof masker.mask(text)).toBe('string');
    });
  });
});
