import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { contacts } from '../../../domain/contacts';
import { verifySurveyToken } from '../../../domain/satisfaction/surveyLink';
import { useSmtpTestServer } from '../../helpers/smtpTestServer';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const KEY = 'cle-de-pseudonymisation-de-test';
const BASE_URL = 'https://assistant.exemple.gouv.qc.ca';
const calendar = BusinessCalendar.fromDataFile();

const PERSON: ComplaintInput = {
  name: 'Marie-Ève Tremblay',
  contactMethod: 'email',
  contactValue: 'marie-eve.tremblay@courriel.exemple',
  service: 'online-exams',
  description: "L'examen en ligne a figé deux fois pendant la section 2.",
};

interface Preview {
  reference: string;
  lang: string;
  template: string;
  placeholder: string;
  preview: { to: string; subject: string; text: string };
}

describe('POST /api/admin/complaints/:reference/answer-mail: the template and the preview, nothing recorded', () => {
  const smtp = useSmtpTestServer();
  let running: RunningTestApplication;
  let off: RunningTestApplication;
  const clock = fixedClock(calendar.instantAt('2026-11-23', 10, 0));
  let french: string;
  let english: string;
  let byPhone: string;
  let answered: string;

  beforeAll(async () => {
    const tokens = `staff:alice:${STAFF},manager:bob:${MANAGER}`;
    running = await startTestApplication(
      {
        ADMIN_TOKENS: tokens,
        SMTP_URL: smtp.url,
        REMINDER_FROM: 'rappels-plaintes@exemple.gouv.qc.ca',
        STAFF_EMAILS: 'equipe.plaintes@exemple.gouv.qc.ca',
        CITIZEN_MAIL_FROM: 'plaintes-citoyens@exemple.gouv.qc.ca',
        PUBLIC_BASE_URL: BASE_URL,
        PSEUDONYM_KEY: KEY,
      },
      { clock },
    );
    off = await startTestApplication({ ADMIN_TOKENS: tokens }, { clock });
    const create = async (input: Partial<ComplaintInput>, id: string, locale = 'fr-CA') =>
      (await running.app.services.complaints.create({ ...PERSON, ...input }, { submissionId: id, locale })).complaint.reference;
    french = await create({}, 'm-1');
    english = await create({ name: 'John Smith' }, 'm-2', 'en-CA');
    byPhone = await create({ contactMethod: 'phone', contactValue: '418 555-0199' }, 'm-3');
    answered = await create({}, 'm-4');
    await running.app.services.complaints.recordAnswer(answered, { actor: 'alice' });
    clock.set(calendar.instantAt('2026-11-24', 9, 0));
  });
  afterAll(async () => {
    await running?.close();
    await off?.close();
  });

  const post = async (app: RunningTestApplication, reference: string, body: unknown, token: string | null = STAFF, raw?: string) => {
    const res = await fetch(`${app.botUrl}/api/admin/complaints/${reference}/answer-mail`, {
      method: 'POST',
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Preview & { error?: { code: string } } };
  };

  it('gives the French template and the whole e-mail built by the sending code, and records nothing', async () => {
    const { status, body } = await post(running, french, {});
    expect(status).toBe(200);
    expect(body.lang).toBe('fr');
    expect(body.template.split('\n\n')).toEqual([
      "Nous avons terminé l'examen de votre plainte.",
      'Ce que nous avons constaté\u00a0: [à compléter]',
      'Ce que nous faisons pour corriger la situation\u00a0: [à compléter]',
      'Nous vous remercions de nous avoir fait part de votre insatisfaction\u00a0: vos commentaires nous aident à mieux vous servir.',
    ]);
    expect(body.placeholder).toBe('[à compléter]');
    expect(body.preview.to).toBe(PERSON.contactValue);
    expect(body.preview.subject).toBe(`Réponse à votre plainte ${french}`);
    const text = body.preview.text;
    expect(text).toContain('Bonjour Marie-Ève Tremblay,');
    expect(text).toContain(`Voici la réponse du Ministère à votre plainte ${french}`);
    expect(text).toContain("Nous avons terminé l'examen de votre plainte.");
    expect(text).toContain(contacts().protecteurDuCitoyen.phone.display);
    const link = new RegExp(`${BASE_URL}/satisfaction/([^\\s]+)`).exec(text)![1];
    expect(verifySurveyToken(decodeURIComponent(link), KEY)).toBe(french);

    // The officer's own text replaces the template; managers may preview too.
    const own = await post(running, french, { message: 'Votre examen est rétabli.\n\nMerci de votre patience.' }, MANAGER);
    expect(own.status).toBe(200);
    expect(own.body.preview.text).toContain('Votre examen est rétabli.');
    expect(own.body.preview.text).not.toContain('[à compléter]');

    const complaint = await running.app.services.complaints.require(french);
    expect(complaint.status).toBe('received');
    expect(await running.app.services.citizenMail!.find(complaint, 'answer')).toBeUndefined();
    await running.app.services.citizenMail!.idle();
    expect(smtp.messages).toHaveLength(0);
  });

  it('gives the English template for a complaint filed in English', async () => {
    const { status, body } = await post(running, english, {});
    expect(status).toBe(200);
    expect(body.lang).toBe('en');
    expect(body.template).toMatch(/^We have completed our review of your complaint\./);
    expect(body.placeholder).toBe('[to be completed]');
    expect(body.preview.subject).toBe(`Answer to your complaint ${english}`);
    expect(body.preview.text).toContain('John Smith');
  });

  it('answers 409 with the send’s codes: e-mail off, a phone contact, a complaint already answered', async () => {
    const mailOff = await post(off, french, {});
    expect(mailOff.status).toBe(409);
    expect(mailOff.body.error!.code).toBe('CitizenMailOff');
    const phone = await post(running, byPhone, {});
    expect(phone.status).toBe(409);
    expect(phone.body.error!.code).toBe('NoEmailContact');
    const done = await post(running, answered, {});
    expect(done.status).toBe(409);
    expect(done.body.error!.code).toBe('InvalidTransition');
  });

  it('refuses to send an answer that still holds a « [à compléter] » of the template, and sends nothing', async () => {
    const template = (await post(running, french, {})).body.template as string;
    const before = smtp.messages.length;
    for (const message of [template, `Hello\n\n${'[to be completed]'}`]) {
      const res = await fetch(`${running.botUrl}/api/admin/complaints/${french}/answer`, {
        method: 'POST',
        headers: { authorization: `Bearer ${STAFF}`, 'content-type': 'application/json' },
        body: JSON.stringify({ send: true, message }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('TemplateNotFilled');
    }
    expect((await running.app.services.complaints.require(french)).status).toBe('received');
    expect(smtp.messages.length).toBe(before);
  });

  it('answers 401 without a valid token, 400 for a bad reference, 404 for an unknown one', async () => {
    expect((await post(running, french, {}, null)).status).toBe(401);
    expect((await post(running, french, {}, 'x'.repeat(40))).status).toBe(401);
    expect((await post(running, 'PL-2026-1%27%3B--', {})).status).toBe(400);
    const unknown = await post(running, 'PL-2026-999999', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error!.code).toBe('ComplaintNotFound');
  });

  it.each([
    ['a message too long', { message: 'x'.repeat(20_001) }, undefined],
    ['a message that is not text', { message: 42 }, undefined],
    ['a blank message', { message: ' \n\t ' }, undefined],
    ['an unknown field', { message: 'Bonjour', send: true }, undefined],
    ['an array', [1, 2], undefined],
    ['a prototype key', undefined, '{"__proto__":{"admin":true},"message":"Bonjour"}'],
    ['broken JSON', undefined, '{"message": "Bon'],
  ])('answers 400 to %s, and records nothing', async (_what, body, raw) => {
    const res = await post(running, french, body, STAFF, raw);
    expect(res.status).toBe(400);
    expect(res.body.error!.code).toEqual(expect.any(String));
    expect((await running.app.services.complaints.require(french)).status).toBe('received');
  });
});
