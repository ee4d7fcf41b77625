import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { ClientAddressMiddleware, rememberClientAddress, throttleAddress } from '../../bot/clientAddressMiddleware';
import type { ComplaintInput } from '../../domain/complaints/complaint';
import { findReference } from '../../dialogs/complaintStatusDialog';
import { MARIE as marie } from '../helpers/chatFixtures';
import { ConversationHarness, createConversationHarness, suggestedTitles } from '../helpers/conversationHarness';

const USER = { id: 'citizen-2', name: 'Citoyen', role: 'user' };
const NOW = '2026-11-23T15:00:00Z'; // lundi 23 novembre 2026, 10 h à Québec

const jean: ComplaintInput = { ...marie, name: 'Jean Roy', contactMethod: 'phone', contactValue: '418 555-0199' };

describe('complaint status lookup (fr-CA)', () => {
  let h: ConversationHarness;
  afterEach(async () => h.close());

  const send = (text: string, extra: Partial<Activity> = {}) => h.turn({ type: 'message', text, from: USER, ...extra });
  const say = async (text: string) =>
    (await send(text))
      .filter((a) => a.type === 'message')
      .map((a) => a.text ?? '')
      .join('\n');
  const lookup = async (reference: string, contact: string): Promise<string> => {
    expect(await say('Suivre une plainte')).toContain('Quel est le numéro de votre plainte?');
    expect(await say(reference)).toContain('quelle adresse courriel ou quel numéro de téléphone');
    return say(contact);
  };

  beforeEach(async () => {
    h = await createConversationHarness({ now: NOW });
    await h.core.services.complaints.create(marie, { submissionId: 'status-1' }); // PL-2026-000001
    await h.core.services.complaints.create(jean, { submissionId: 'status-2' }); // PL-2026-000002
  });

  it('gives the status and the deadlines for the right reference and e-mail', async () => {
    const answer = await lookup('PL-2026-000001', 'Marie.Tremblay@exemple.qc.ca');
    expect(answer).toContain('Plainte **PL-2026-000001**\u00a0: reçue.');
    expect(answer).toContain('reçue le lundi 23 novembre 2026');
    expect(answer).toContain('au plus tard le lundi 30 novembre 2026');
    expect(answer).toContain('au plus tard le lundi 21 décembre 2026');
  });

  it('accepts loose references and any usual phone format', async () => {
    expect(await lookup('pl 2026 2', '(418) 555-0199')).toContain('Plainte **PL-2026-000002**\u00a0: reçue.');
    expect(await lookup('pl2026000002', '1-418-555-0199')).toContain('PL-2026-000002');
    expect(await lookup('2026-000002', '418.555.0199')).toContain('PL-2026-000002');
  });

  it('takes the reference from the first message when it is there', async () => {
    expect(await say('Où en est ma plainte PL-2026-000001?')).toContain('quelle adresse courriel ou quel numéro de téléphone');
    expect(await say('marie.tremblay@exemple.qc.ca')).toContain('PL-2026-000001');
  });

  it('re-asks a reference or a contact it cannot read, without counting a failure', async () => {
    await say('Suivre une plainte');
    expect(await say('ma plainte de la semaine passée')).toBe("Je n'ai pas reconnu ce numéro. Un numéro de plainte a la forme PL-2026-000123.");
    await say('PL-2026-000001');
    expect(await say('marie')).toContain("Écrivez l'adresse courriel ou le numéro de téléphone");
    expect(await say('marie.tremblay@exemple.qc.ca')).toContain('reçue');
  });

  it('words each status with its date', async () => {
    const { complaints } = h.core.services;
    h.clock.set('2026-11-25T19:00:00Z');
    await complaints.recordFirstContact('PL-2026-000001', { actor: 'alice' });
    expect(await lookup('PL-2026-000001', 'marie.tremblay@exemple.qc.ca')).toMatch(
      /Plainte \*\*PL-2026-000001\*\*\u00a0: prise en charge\.\n\nElle a été prise en charge le mercredi 25 novembre 2026\. La réponse est prévue au plus tard le lundi 21 décembre 2026\./,
    );
    h.clock.set('2026-12-10T19:00:00Z');
    await complaints.recordAnswer('PL-2026-000001', { actor: 'bob' });
    const answered = await lookup('PL-2026-000001', 'marie.tremblay@exemple.qc.ca');
    expect(answered).toContain(': répondue.');
    expect(answered).toContain('Une réponse a été donnée le jeudi 10 décembre 2026.');
    expect(answered).toContain('Protecteur du citoyen\u00a0: 1\u00a0800\u00a0463-5070');
    h.clock.set('2026-12-14T19:00:00Z');
    await complaints.close('PL-2026-000001', { actor: 'bob' });
    expect(await lookup('PL-2026-000001', 'marie.tremblay@exemple.qc.ca')).toContain(': fermée.\n\nElle a été fermée le lundi 14 décembre 2026.');
    await complaints.abandon('PL-2026-000002', { actor: 'alice' });
    expect(await lookup('PL-2026-000002', '418\u00a0555-0199')).toContain(': abandonnée.\n\nElle a été abandonnée le lundi 14 décembre 2026.');
  });

  it('says when the first-contact deadline has passed', async () => {
    h.clock.set('2026-12-01T15:00:00Z'); // mardi 1er décembre: the 30 November deadline has passed
    const answer = await lookup('PL-2026-000001', 'marie.tremblay@exemple.qc.ca');
    expect(answer).toContain('Nous devions communiquer avec vous au plus tard le lundi 30 novembre 2026.');
    expect(answer).toContain('commentaires-plaintes@mcn.gouv.qc.ca');
  });

  it('gives exactly the same answer to a wrong contact and to an unknown reference', async () => {
    const wrongContact = await lookup('PL-2026-000001', 'quelquun@exemple.qc.ca');
    const wrongPhone = await lookup('PL-2026-000001', '418 555-0199'); // another complaint's phone
    h.clock.set('2026-11-23T16:00:00Z');
    const unknown = await lookup('PL-2026-999999', 'marie.tremblay@exemple.qc.ca');
    expect(wrongContact).toContain('Je ne trouve aucune plainte qui correspond à ce numéro et à ces coordonnées.');
    expect(wrongPhone).toBe(wrongContact);
    expect(unknown.startsWith(wrongContact)).toBe(true); // the third failure adds the throttling notice
  });

  it('refuses new attempts for 15 minutes after 3 failures, with the phone alternative', async () => {
    await lookup('PL-2026-000001', 'autre@exemple.qc.ca');
    await lookup('PL-2026-000009', 'marie.tremblay@exemple.qc.ca');
    const third = await lookup('PL-2026-000001', 'encore@exemple.qc.ca');
    expect(third).toContain('Je ne trouve aucune plainte');
    expect(third).toContain("je ne peux pas faire d'autre recherche de plainte avant 10\u00a0h\u00a015");
    expect(third).toContain('418\u00a0528-7157');
    expect(third).toContain('1\u00a0866\u00a0672-3460');

    h.clock.set('2026-11-23T15:14:00Z');
    const refused = await send('Suivre une plainte');
    expect(refused[0].text).toContain("je ne peux pas faire d'autre recherche de plainte avant 10\u00a0h\u00a015");
    expect(suggestedTitles(refused)).toContain('Suivre une plainte');
    expect(await say('Où en est ma plainte PL-2026-000001?')).toContain("je ne peux pas faire d'autre recherche"); // even with the right reference

    h.clock.set('2026-11-23T15:15:00Z');
    expect(await lookup('PL-2026-000001', 'marie.tremblay@exemple.qc.ca')).toContain(': reçue.');
  });

  it('resets the failure count after a successful lookup', async () => {
    await lookup('PL-2026-000001', 'autre@exemple.qc.ca');
    await lookup('PL-2026-000001', 'autre@exemple.qc.ca');
    await lookup('PL-2026-000001', 'marie.tremblay@exemple.qc.ca');
    expect(await lookup('PL-2026-000001', 'autre@exemple.qc.ca')).not.toContain('je ne peux pas');
  });

  it('never finds an anonymized complaint', async () => {
    const { complaints } = h.core.services;
    await complaints.abandon('PL-2026-000001', { actor: 'alice' });
    h.clock.set('2029-01-01T15:00:00Z');
    await complaints.anonymizeFinished(730);
    expect(await lookup('PL-2026-000001', 'marie.tremblay@exemple.qc.ca')).toContain('Je ne trouve aucune plainte');
  });

  it('keeps the contact given for the lookup out of the interaction log', async () => {
    await lookup('PL-2026-000001', 'marie.tremblay@exemple.qc.ca');
    await lookup('PL-2026-000002', '418 555-0199');
    await h.transcriptStore.flush();
    const rows = (await h.db('interactions').where({ direction: 'in' }).select('text', 'redacted')) as Array<{ text: string; redacted: number }>;
    expect(rows.filter((r) => r.redacted).map((r) => r.text)).toEqual(['[retiré]', '[retiré]']);
    expect(JSON.stringify(await h.db('interactions').select())).not.toMatch(/marie\.tremblay|555-0199/);
  });
});

describe('complaint lookup throttling across conversations and addresses (fr-CA)', () => {
  let h: ConversationHarness;
  let conversations = 0;
  afterEach(async () => h.close());

  beforeEach(async () => {
    h = await createConversationHarness({ now: NOW });
    h.adapter.use(new ClientAddressMiddleware());
    await h.core.services.complaints.create(marie, { submissionId: 'status-1' }); // PL-2026-000001
    await h.core.services.complaints.create(jean, { submissionId: 'status-2' }); // PL-2026-000002
  });

  /** One message in a conversation, from an address as the HTTP edge would report it (none: unknown). */
  const sayIn = async (conversation: string, address: string | undefined, text: string): Promise<string> => {
    const id = randomUUID();
    rememberClientAddress(id, address);
    const replies = await h.turn({ id, type: 'message', text, from: USER, conversation: { id: conversation } as Activity['conversation'] });
    return replies
      .filter((a) => a.type === 'message')
      .map((a) => a.text ?? '')
      .join('\n');
  };
  /** A whole lookup in a new conversation: a new conversation for every guess, as the attack did. */
  const lookupFrom = async (address: string | undefined, reference: string, contact: string): Promise<string> => {
    const conversation = `throttle-${(conversations += 1)}`;
    expect(await sayIn(conversation, address, 'Suivre une plainte')).toContain('Quel est le numéro de votre plainte?');
    expect(await sayIn(conversation, address, reference)).toContain('quelle adresse courriel ou quel numéro de téléphone');
    return sayIn(conversation, address, contact);
  };
  const NOT_FOUND = 'Je ne trouve aucune plainte qui correspond à ce numéro et à ces coordonnées.';
  const NOT_FOUND_TEXT = `${NOT_FOUND} Vérifiez le numéro (par exemple PL-2026-000123) et l'adresse courriel ou le numéro de téléphone donné lors du dépôt.`;
  const REFUSED = "Par mesure de sécurité, je ne peux pas faire d'autre recherche de plainte avant";

  it('locks a reference for an hour after 5 failures, whatever the conversation and the address', async () => {
    for (let i = 1; i <= 4; i += 1) {
      // A wrong contact and an unknown reference read exactly the same.
      const wrongContact = await lookupFrom(`198.51.100.${i}`, 'PL-2026-000001', `418 555-010${i}`);
      expect(wrongContact).toBe(NOT_FOUND_TEXT);
      expect(await lookupFrom(`198.51.100.${i + 10}`, 'PL-2026-999999', `418 555-010${i}`)).toBe(wrongContact);
    }
    const fifth = await lookupFrom('198.51.100.5', 'PL-2026-000001', '418 555-0105');
    expect(fifth).toContain(NOT_FOUND);
    expect(fifth).toContain(`${REFUSED} 11\u00a0h.`);
    expect(fifth).toContain('418\u00a0528-7157');

    // Another address and the right contact: still refused, and the status is not given.
    const owner = await lookupFrom('203.0.113.9', 'PL-2026-000001', 'marie.tremblay@exemple.qc.ca');
    expect(owner).toContain(`${REFUSED} 11\u00a0h.`);
    expect(owner).not.toContain(NOT_FOUND);
    expect(owner).not.toContain('Plainte **');
    expect(await lookupFrom(undefined, 'PL-2026-000001', 'marie.tremblay@exemple.qc.ca')).toContain(REFUSED);
    // Other references are not locked.
    expect(await lookupFrom('203.0.113.9', 'PL-2026-000002', '418\u00a0555-0199')).toContain('Plainte **PL-2026-000002**\u00a0: reçue.');

    h.clock.set('2026-11-23T15:59:00Z');
    expect(await lookupFrom('203.0.113.9', 'PL-2026-000001', 'marie.tremblay@exemple.qc.ca')).toContain(REFUSED);
    h.clock.set('2026-11-23T16:00:00Z');
    expect(await lookupFrom('203.0.113.9', 'PL-2026-000001', 'marie.tremblay@exemple.qc.ca')).toContain('Plainte **PL-2026-000001**\u00a0: reçue.');
  });

  it('locks an address for 15 minutes after 10 failures across conversations and references', async () => {
    const address = '2001:db8:1:2::7';
    const answers: string[] = [];
    for (let i = 1; i <= 10; i += 1) {
      // Another address of the same /64: the same client.
      answers.push(await lookupFrom(i % 2 ? address : '2001:db8:1:2:ffff::1', `PL-2026-0001${String(i).padStart(2, '0')}`, 'x@exemple.qc.ca'));
    }
    expect(new Set(answers.slice(0, 9))).toEqual(new Set([NOT_FOUND_TEXT]));
    expect(answers[9]).toContain(`${REFUSED} 10\u00a0h\u00a015.`);

    // From that address, refused at once, in any new conversation, even for the owner's own reference.
    const refused = await sayIn('throttle-new', address, 'Suivre une plainte');
    expect(refused).toContain(`${REFUSED} 10\u00a0h\u00a015.`);
    expect(refused).not.toContain('Quel est le numéro');
    // Another address is not affected.
    expect(await lookupFrom('203.0.113.20', 'PL-2026-000001', 'marie.tremblay@exemple.qc.ca')).toContain(': reçue.');

    h.clock.set('2026-11-23T15:15:00Z');
    expect(await lookupFrom(address, 'PL-2026-000001', 'marie.tremblay@exemple.qc.ca')).toContain(': reçue.');
  });

  it('reads the same whichever limit refused the lookup, except for the time', async () => {
    for (let i = 1; i <= 5; i += 1) await lookupFrom(`198.51.100.${i}`, 'PL-2026-000001', 'x@exemple.qc.ca');
    for (let i = 1; i <= 10; i += 1) await lookupFrom('203.0.113.50', `PL-2026-0002${String(i).padStart(2, '0')}`, 'x@exemple.qc.ca');
    const byReference = await lookupFrom('203.0.113.51', 'PL-2026-000001', 'marie.tremblay@exemple.qc.ca');
    const byAddress = await sayIn('throttle-by-address', '203.0.113.50', 'Suivre une plainte');
    const withoutTime = (text: string) => text.replace(/avant \d+\u00a0h(\u00a0\d+)?\./, 'avant …');
    expect(byReference).toContain(REFUSED);
    expect(withoutTime(byAddress)).toBe(withoutTime(byReference));
  });

  it('counts parallel guesses one by one: a burst cannot slip past the limit', async () => {
    const conversationsReady = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const conversation = `burst-${i}`;
        await sayIn(conversation, `192.0.2.${i + 1}`, 'Suivre une plainte');
        await sayIn(conversation, `192.0.2.${i + 1}`, 'PL-2026-000002');
        return conversation;
      }),
    );
    const answers = await Promise.all(
      conversationsReady.map((c, i) => sayIn(c, `192.0.2.${i + 1}`, i === 11 ? '418 555-0199' : `418 555-02${String(i).padStart(2, '0')}`)),
    );
    expect(answers.filter((a) => a.startsWith(NOT_FOUND))).toHaveLength(5);
    expect(answers.filter((a) => a.startsWith(REFUSED))).toHaveLength(7);
    expect(answers[11]).not.toContain('Plainte **'); // the right contact came after the lock
  });

  it('works without a client address (per conversation and per reference only)', async () => {
    for (let i = 1; i <= 4; i += 1) expect(await lookupFrom(undefined, 'PL-2026-000002', 'x@exemple.qc.ca')).toBe(NOT_FOUND_TEXT);
    expect(await lookupFrom(undefined, 'PL-2026-000002', 'x@exemple.qc.ca')).toContain(REFUSED);
  });

  it('stores neither a reference nor an address in clear', async () => {
    await lookupFrom('198.51.100.77', 'PL-2026-000001', 'x@exemple.qc.ca');
    const rows = JSON.stringify(await h.db('lookup_throttle').select());
    expect(rows).not.toMatch(/PL-2026|198\.51|throttle-/);
    expect(((await h.db('lookup_throttle').select('key')) as Array<{ key: string }>).map((r) => r.key.split(':')[0]).sort()).toEqual([
      'address',
      'conversation',
      'reference',
    ]);
  });
});

describe('throttleAddress', () => {
  it.each([
    ['203.0.113.5', '203.0.113.5'],
    ['::ffff:203.0.113.5', '203.0.113.5'],
    ['2001:db8:1:2::7', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:0:0:1', '2001:db8:1:2::/64'],
    ['[2001:db8::1]', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s → %s', (address, key) => expect(throttleAddress(address)).toBe(key));

  it.each(['unknown', '', 'example.org'])('ignores %j', (address) => expect(throttleAddress(address)).toBeUndefined());
});

describe('findReference', () => {
  it.each([
    ['PL-2026-000123', 'PL-2026-000123'],
    ['pl 2026 123', 'PL-2026-000123'],
    ['pl2026000123', 'PL-2026-000123'],
    ['Où en est la plainte PL-2026-45 svp', 'PL-2026-000045'],
    ['2026-000123', 'PL-2026-000123'],
    ['2026 123', 'PL-2026-000123'],
  ])('%s → %s', (text, reference) => expect(findReference(text)).toBe(reference));

  it.each(['ma plainte', 'EX-2026-000123', 'PL-2026-1234567', '123', 'simplement 2026'])('finds nothing in %s', (text) =>
    expect(findReference(text)).toBeUndefined(),
  );
});
