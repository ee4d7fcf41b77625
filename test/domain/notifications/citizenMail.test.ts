import type { Knex } from 'knex';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Activity, Attachment } from 'botbuilder';
import { citizenMailSettings, createCitizenMailService } from '../../../bot/citizenMailJobs';
import { runCli } from '../../../bot/cli/runCli';
import { loadConfig } from '../../../bot/config';
import { createLogger } from '../../../bot/logger';
import { loadPseudonymKey } from '../../../bot/pseudonymKey';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { Complaint, ComplaintInput } from '../../../domain/complaints/complaint';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { contacts } from '../../../domain/contacts';
import { Database, openDatabase } from '../../../domain/db/database';
import { formatLongDate } from '../../../domain/format/dates';
import { CitizenMailRepository } from '../../../domain/notifications/citizenMailRepository';
import { CitizenMailService } from '../../../domain/notifications/citizenMailService';
import { SmtpMailer } from '../../../domain/reminders/mailer';
import { verifySurveyToken } from '../../../domain/satisfaction/surveyLink';
import { ConversationHarness, createConversationHarness } from '../../helpers/conversationHarness';
import { describeEachDatabase, TestDatabases } from '../../helpers/databases';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';
import { tempDir } from '../../helpers/tempDir';
import { parseMail, useSmtpTestServer } from '../../helpers/smtpTestServer';

const calendar = BusinessCalendar.fromDataFile();
const NOW = '2026-11-23T15:00:00Z'; // lundi 23 novembre 2026, 10 h à Québec
const FROM = 'plaintes-citoyens@exemple.gouv.qc.ca';
const BASE_URL = 'https://assistant.exemple.gouv.qc.ca';
const PERSON: ComplaintInput = {
  name: 'Marie-Ève Tremblay',
  contactMethod: 'email',
  contactValue: 'marie-eve.tremblay@courriel.exemple',
  service: 'online-exams',
  description: "L'examen en ligne a figé deux fois pendant la section 2.",
};
const USER = { id: 'citizen-1', name: 'Citoyenne', role: 'user' };

const smtp = useSmtpTestServer();
const mails = () => smtp.messages.map((m) => parseMail(m.raw));

const env = (databaseUrl: string, extra: Record<string, string> = {}) => ({
  DATABASE_URL: databaseUrl,
  SMTP_URL: smtp.url,
  REMINDER_FROM: 'rappels-plaintes@exemple.gouv.qc.ca',
  CITIZEN_MAIL_FROM: FROM,
  STAFF_EMAILS: 'equipe.plaintes@exemple.gouv.qc.ca',
  PUBLIC_BASE_URL: BASE_URL,
  LOG_LEVEL: 'silent',
  ...extra,
});

interface World {
  databaseUrl: string;
  db: Database;
  clock: ReturnType<typeof fixedClock>;
  complaints: ComplaintService;
  service: CitizenMailService;
  logLines: string[];
  file(input?: Partial<ComplaintInput>, locale?: string): Promise<Complaint>;
  close(): Promise<void>;
}

async function world(databases: TestDatabases): Promise<World> {
  const databaseUrl = await databases.url();
  const db = await openDatabase(databaseUrl);
  const clock = fixedClock(NOW);
  const logLines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (c, _e, done) => (logLines.push(String(c)), done()) }));
  const service = (await createCitizenMailService(loadConfig(env(databaseUrl)), db, { clock, logger }))!;
  const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
  let n = 0;
  return {
    databaseUrl,
    db,
    clock,
    complaints,
    service,
    logLines,
    file: async (input = {}, locale = 'fr-CA') => (await complaints.create({ ...PERSON, ...input }, { submissionId: `s-${++n}`, locale })).complaint,
    close: async () => {
      await service.idle();
      await db.destroy();
    },
  };
}

/** Walks the chat's complaint form and confirms; returns the confirmation's text. */
async function fileInChat(h: ConversationHarness, method = 'Courriel', contact = 'Marie.Tremblay@Exemple.QC.ca'): Promise<string> {
  const send = (text: string) => h.turn({ type: 'message', text, from: USER });
  for (const text of ['Déposer une plainte', "Oui, j'accepte", 'Marie Tremblay', method, contact, 'Examens en ligne', 'le 3 novembre']) await send(text);
  await send("L'examen en ligne a figé deux fois pendant la section 2.");
  const summary = await send('Pouvoir reprendre mon examen.');
  const card = summary.flatMap((a) => a.attachments ?? []).find((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive')!.content as {
    actions: Array<{ data?: { complaintAction: string } }>;
  };
  const value = card.actions.find((a) => a.data?.complaintAction === 'confirm')!.data!;
  const confirm = () => h.turn({ type: 'message', value, from: USER } as Partial<Activity>);
  const text = (await confirm()).map((r) => r.text).join('\n');
  return text;
}

describeEachDatabase('the citizen kept informed by e-mail', (databases) => {
  it('acknowledges a complaint filed in the chat: queued once, sent in the background, with the deadlines, the recourse and the privacy notice', async () => {
    const w = await world(databases);
    const h = await createConversationHarness({ now: NOW, db: w.db, domain: { citizenMail: w.service } });
    try {
      const text = await fileInChat(h);
      expect(text).toContain('Un accusé de réception vous sera envoyé par courriel dans quelques minutes');
      await w.service.idle();
      expect(smtp.messages).toHaveLength(1);
      const raw = smtp.messages[0];
      expect(raw.envelopeFrom).toBe(FROM);
      expect(raw.envelopeTo).toEqual(['marie.tremblay@exemple.qc.ca']);
      const mail = parseMail(raw.raw);
      const complaint = (await w.complaints.get('PL-2026-000001'))!;
      const { complaints, protecteurDuCitoyen: pdc } = contacts();

      expect(mail.contentTypes).toEqual(['text/plain', 'text/html']);
      expect(mail.subject).toBe('Accusé de réception de votre plainte PL-2026-000001');
      expect(mail.headers['reply-to']).toBe(complaints.email.display);
      expect(mail.headers['message-id']).toMatch(/^<accuse-reception-PL-2026-000001-\d+@exemple\.gouv\.qc\.ca>$/);
      expect(mail.text).toMatch(/^Bonjour Marie Tremblay,\n/);
      expect(mail.text).toContain(`Nous avons bien reçu votre plainte le ${formatLongDate(complaint.receivedAt, 'fr')}. Son numéro est PL-2026-000001\u00a0:`);
      expect(mail.text).toContain(`Nous communiquerons avec vous au plus tard le ${formatLongDate(complaint.firstContactDueAt, 'fr')} (5 jours ouvrables).`);
      expect(mail.text).toContain(`Nous vous donnerons une réponse au plus tard le ${formatLongDate(complaint.answerDueAt, 'fr')} (20 jours ouvrables).`);
      expect(mail.text).toContain('LA SUITE');
      expect(mail.text).toContain('«\u00a0Suivre une plainte\u00a0»');
      // The recourse as the seeds give it: the ministry's declaration first, then the Protecteur du citoyen as the SCT's names it.
      expect(mail.text).toContain(`La Déclaration de services du ministère vous invite à écrire à ${complaints.email.display}`);
      for (const fact of [pdc.phone.display, pdc.email.display, pdc.web.display, pdc.address.display]) expect(mail.text).toContain(fact);
      expect(mail.text.indexOf(complaints.email.display)).toBeLessThan(mail.text.indexOf('Protecteur du citoyen'));
      // The privacy notice: what, why, who, how long (COMPLAINT_RETENTION_DAYS = 730), the policy.
      expect(mail.text).toContain('Votre nom, votre adresse courriel et la description de la situation servent uniquement à traiter votre plainte');
      expect(mail.text).toContain('Ils sont conservés 2 ans après la fermeture de votre plainte');
      expect(mail.text).toContain(`Politique de confidentialité\u00a0: ${BASE_URL}/confidentialite`);

      expect(mail.html).toContain('<html lang="fr">');
      expect(mail.html).toContain('<h2>Vos renseignements personnels</h2>');
      expect(mail.html).toContain('<span class="nowrap" style="white-space: nowrap">PL\u20112026\u2011000001</span>');
      expect(mail.html).toContain(`<a href="${BASE_URL}/confidentialite">`);

      // Sent: the address and the bodies leave the outbox.
      const [row] = await w.db('citizen_mails');
      expect(row).toMatchObject({ kind: 'acknowledgement', status: 'sent', attempts: 1, recipient: '', text_body: '', html_body: '', reference: 'PL-2026-000001' });

      // A second « Confirmer » repeats the confirmation, and queues nothing more.
      const again = await h.turn({ type: 'message', text: 'Confirmer', from: USER });
      expect(again.map((r) => r.text).join('\n')).toContain('PL-2026-000001');
      await w.service.idle();
      expect(smtp.messages).toHaveLength(1);
      expect(await w.db('citizen_mails')).toHaveLength(1);

      const log = w.logLines.join('');
      expect(log).toContain('citizen e-mail sent');
      for (const pi of ['Marie', 'Tremblay', 'marie.tremblay', 'PL-2026-000001']) expect(log).not.toContain(pi);
    } finally {
      await h.close();
      await w.close();
    }
  });

  it('says so in the chat and queues nothing without SMTP; for a phone contact, says the Centre will call', async () => {
    const w = await world(databases);
    const off = await createConversationHarness({ now: NOW, db: w.db });
    const phone = await createConversationHarness({ now: NOW, db: w.db, domain: { citizenMail: w.service } });
    try {
      expect(await fileInChat(off)).toContain('Aucun accusé de réception ne sera envoyé par courriel; notez votre numéro de référence.');
      expect(await fileInChat(phone, 'Téléphone', '418 555-0199')).toContain('Le Centre vous appellera au numéro que vous avez donné.');
      await w.service.idle();
      expect(await w.db('complaints')).toHaveLength(2);
      expect(await w.db('citizen_mails')).toHaveLength(0);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await off.close();
      await phone.close();
      await w.close();
    }
  });

  it('writes in English for a complaint filed in English', async () => {
    const w = await world(databases);
    try {
      const complaint = await w.file({}, 'en-CA');
      expect(await w.service.acknowledge(complaint)).toBe('queued');
      await w.service.idle();
      const mail = mails()[0];
      expect(mail.subject).toBe(`Acknowledgement of your complaint ${complaint.reference}`);
      expect(mail.text).toContain(`We will contact you no later than ${formatLongDate(complaint.firstContactDueAt, 'en')} (5 business days).`);
      expect(mail.text).toContain('Protecteur du citoyen (Québec Ombudsman)');
      expect(mail.html).toContain('<html lang="en">');
    } finally {
      await w.close();
    }
  });

  it('queues the acknowledgement in the transaction that stores the complaint: both or neither', async () => {
    const w = await world(databases);
    try {
      const alsoInTransaction = (trx: Knex.Transaction, stored: Complaint) => w.service.queueAcknowledgement(trx, stored);
      const { complaint } = await w.complaints.create(PERSON, { submissionId: 'atomic-1' }, { alsoInTransaction });
      // Queued before any delivery pass or kick: a process killed now still has it in the outbox.
      expect(await w.db('citizen_mails').where({ complaint_id: complaint.id })).toMatchObject([{ kind: 'acknowledgement', status: 'pending', recipient: PERSON.contactValue }]);

      const failing = async () => {
        throw new Error('queue failed');
      };
      await expect(w.complaints.create(PERSON, { submissionId: 'atomic-2' }, { alsoInTransaction: failing })).rejects.toThrow('queue failed');
      expect(await w.db('complaints').where({ submission_id: 'atomic-2' })).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('keeps a mail queued while SMTP is down, retries it with backoff, and two instances send it once', async () => {
    const w = await world(databases);
    const second = await openDatabase(w.databaseUrl);
    try {
      const complaint = await w.file();
      await smtp.stop();
      await w.service.acknowledge(complaint);
      await w.service.idle();
      let [row] = await w.db('citizen_mails');
      expect(row).toMatchObject({ status: 'failed', attempts: 1, sent_at: null });
      expect(row.last_error_code).toMatch(/^E[A-Z]+/);
      expect(row.next_attempt_at).toBe(new Date(new Date(NOW).getTime() + 5 * 60_000).toISOString());
      const failure = w.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'citizen e-mail not sent; kept in the outbox for retry');
      expect(failure).toMatchObject({ mailId: row.id, kind: 'acknowledgement', attempt: 1, errorCode: row.last_error_code });
      for (const pi of [PERSON.name, PERSON.contactValue]) expect(w.logLines.join('')).not.toContain(pi);

      await smtp.start();
      // Before the backoff has passed: nothing.
      expect(await w.service.deliverDue(new Date(new Date(NOW).getTime() + 60_000))).toEqual([]);
      const other = new CitizenMailService(new CitizenMailRepository(second), w.clock, w.service.settings, new SmtpMailer(smtp.url));
      const due = new Date(new Date(NOW).getTime() + 5 * 60_000);
      const outcomes = await Promise.all([w.service.deliverDue(due), other.deliverDue(due)]);
      expect(outcomes.flat().map((o) => o.status)).toEqual(['sent']);
      expect(smtp.messages).toHaveLength(1);
      [row] = await w.db('citizen_mails');
      expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error_code: null, recipient: '' });
      expect(await w.service.deliverDue(new Date(due.getTime() + 3_600_000))).toEqual([]);
    } finally {
      await smtp.ensureStarted();
      await second.destroy();
      await w.close();
    }
  });

  it('e-mails the answer from the template with the satisfaction link (`answer --send`), and `--preview` prints it without recording anything', async () => {
    const w = await world(databases);
    const dir = tempDir();
    try {
      const complaint = await w.file();
      const byPhone = await w.file({ contactMethod: 'phone', contactValue: '418 555-0199' });
      const capture = () => {
        const out: string[] = [];
        const sink = new Writable({ write: (c, _e, done) => (out.push(String(c)), done()) });
        return { io: { stdout: sink, stderr: sink }, out: () => out.join('') };
      };
      const message = 'Nous avons vérifié la plateforme.\n\nVous pourrez reprendre votre examen le 2 décembre.';

      const preview = capture();
      expect(await runCli(['complaints', 'answer', complaint.reference, '--preview', '--message', message], preview.io, env(w.databaseUrl))).toBe(0);
      expect(preview.out()).toContain(`Aperçu (rien n'est enregistré ni envoyé) — courriel à ${PERSON.contactValue}\u00a0:`);
      expect(preview.out()).toContain(`Objet\u00a0: Réponse à votre plainte ${complaint.reference}`);
      expect(preview.out()).toContain('Vous pourrez reprendre votre examen le 2 décembre.');
      expect((await w.complaints.require(complaint.reference)).status).toBe('received');
      expect(smtp.messages).toHaveLength(0);

      const file = join(dir.path, 'reponse.txt');
      writeFileSync(file, message, 'utf8');
      const sent = capture();
      expect(await runCli(['complaints', 'answer', complaint.reference, '--send', '--message-file', file, '--by', 'alice'], sent.io, env(w.databaseUrl))).toBe(0);
      expect(sent.out()).toMatch(/Courriel de réponse no \d+ envoyé\./);
      expect((await w.complaints.require(complaint.reference)).status).toBe('answered');
      const history = await w.complaints.history(complaint.reference);
      expect(history.at(-1)).toMatchObject({ type: 'answered', actor: 'alice', note: 'Réponse envoyée par courriel.' });

      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0].envelopeTo).toEqual([PERSON.contactValue]);
      const mail = mails()[0];
      expect(mail.subject).toBe(`Réponse à votre plainte ${complaint.reference}`);
      expect(mail.text).toMatch(/^Bonjour Marie-Ève Tremblay,\n/);
      expect(mail.text).toContain(`Voici la réponse du Ministère à votre plainte ${complaint.reference}, reçue le ${formatLongDate(complaint.receivedAt, 'fr')}.`);
      expect(mail.text).toContain(message);
      expect(mail.html).toContain('<blockquote><p>Nous avons vérifié la plateforme.</p><p>Vous pourrez reprendre votre examen le 2 décembre.</p></blockquote>');
      expect(mail.text).toContain(`Le recours que nomme la Déclaration de services du Secrétariat du Conseil du trésor (2023)`);
      // The one-question survey, signed with the pseudonymizer's key (here the one stored in the database).
      const link = new RegExp(`${BASE_URL}/satisfaction/([^\\s]+)`).exec(mail.text)![1];
      expect(verifySurveyToken(decodeURIComponent(link), await loadPseudonymKey(loadConfig(env(w.databaseUrl)), w.db))).toBe(complaint.reference);
      expect(mail.html).toContain(`<a href="${BASE_URL}/satisfaction/${link}">Donner mon avis</a>`);

      const fails = async (argv: string[], code: number, pattern: RegExp, extra: Record<string, string> = {}) => {
        const c = capture();
        expect(await runCli(argv, c.io, env(w.databaseUrl, extra))).toBe(code);
        expect(c.out()).toMatch(pattern);
      };
      await fails(['complaints', 'answer', byPhone.reference, '--send'], 2, /la réponse à envoyer est requise/);
      await fails(['complaints', 'answer', byPhone.reference, '--send', '--message', 'Bonjour'], 1, /n'a pas d'adresse courriel/);
      await fails(['complaints', 'answer', byPhone.reference, '--send', '--message', 'Bonjour'], 2, /SMTP_URL n'est pas configurée/, { SMTP_URL: '' });
      await fails(['complaints', 'answer', byPhone.reference, '--message', 'Bonjour'], 2, /vont avec --send ou --preview/);
      await fails(['complaints', 'answer', byPhone.reference, '--send', '--message', 'Ce que nous avons constaté : [à compléter]'], 2, /Remplacez les passages \[à compléter\]/);
      expect((await w.complaints.require(byPhone.reference)).status).toBe('received');
      expect(smtp.messages).toHaveLength(1);
    } finally {
      dir.cleanup();
      await w.close();
    }
  });
});

describe('citizen e-mail settings', () => {
  it('uses CITIZEN_MAIL_FROM, else REMINDER_FROM, and validates it', () => {
    expect(citizenMailSettings(loadConfig(env('sqlite:x.sqlite')), 'k').from).toBe(FROM);
    expect(citizenMailSettings(loadConfig(env('sqlite:x.sqlite', { CITIZEN_MAIL_FROM: '' })), 'k').from).toBe('rappels-plaintes@exemple.gouv.qc.ca');
    expect(() => loadConfig(env('sqlite:x.sqlite', { CITIZEN_MAIL_FROM: 'pas une adresse' }))).toThrow(/CITIZEN_MAIL_FROM/);
    expect(() => loadConfig(env('sqlite:x.sqlite', { REMINDER_ESCALATION_BUSINESS_DAYS: '0' }))).toThrow(/REMINDER_ESCALATION_BUSINESS_DAYS/);
    expect(loadConfig(env('sqlite:x.sqlite')).REMINDER_ESCALATION_BUSINESS_DAYS).toBe(3);
  });
});

describe('the answer e-mail from the admin API', () => {
  const STAFF_TOKEN = 'a'.repeat(32);
  const KEY = 'cle-de-pseudonymisation-de-test';
  const post = (running: RunningTestApplication, reference: string, body: unknown) =>
    fetch(`${running.botUrl}/api/admin/complaints/${reference}/answer`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${STAFF_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('records the answer and e-mails it with { send: true, message }; refuses clearly what it cannot send', async () => {
    const { DATABASE_URL: _unused, ...mailEnv } = env('sqlite:unused');
    const running = await startTestApplication({ ...mailEnv, ADMIN_TOKENS: `staff:alice:${STAFF_TOKEN}`, PSEUDONYM_KEY: KEY });
    try {
      const { app } = running;
      expect(app.services.citizenMail).toBeDefined();
      expect(await app.jobs.runTickOf('citizen-mail-outbox', new Date('2026-11-23T15:05:00Z'))).toBe(true);
      const create = (input: Partial<ComplaintInput>, id: string) => app.services.complaints.create({ ...PERSON, ...input }, { submissionId: id, locale: 'fr-CA' });
      const { complaint } = await create({}, 'api-1');
      const { complaint: byPhone } = await create({ contactMethod: 'phone', contactValue: '418 555-0199' }, 'api-2');

      let res = await post(running, complaint.reference, { send: true });
      expect(res.status).toBe(400);
      res = await post(running, complaint.reference, { send: 'oui', message: 'x' });
      expect(res.status).toBe(400);
      res = await post(running, byPhone.reference, { send: true, message: 'Bonjour' });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NoEmailContact');
      expect((await app.services.complaints.require(byPhone.reference)).status).toBe('received');

      res = await post(running, complaint.reference, { send: true, message: 'Votre examen est rétabli.', note: 'Réponse écrite' });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { status: string; mail: { id: number; kind: string; queued: boolean } };
      expect(body.status).toBe('answered');
      expect(body.mail).toMatchObject({ kind: 'answer', queued: true });
      await app.services.citizenMail!.idle();
      expect(smtp.messages).toHaveLength(1);
      const mail = mails()[0];
      expect(mail.subject).toBe(`Réponse à votre plainte ${complaint.reference}`);
      expect(mail.text).toContain('Votre examen est rétabli.');
      const link = new RegExp(`${BASE_URL}/satisfaction/([^\\s]+)`).exec(mail.text)![1];
      expect(verifySurveyToken(decodeURIComponent(link), KEY)).toBe(complaint.reference);
      // The answer step is done: asking again is a 409, and nothing more is sent.
      expect((await post(running, complaint.reference, { send: true, message: 'Encore' })).status).toBe(409);
      await app.services.citizenMail!.idle();
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await running.close();
    }
  });

  it('says e-mail is off without SMTP_URL (409), and the server registers no citizen mail job', async () => {
    const running = await startTestApplication({ ADMIN_TOKENS: `staff:alice:${STAFF_TOKEN}` });
    try {
      expect(running.app.services.citizenMail).toBeUndefined();
      const { complaint } = await running.app.services.complaints.create(PERSON, { submissionId: 'off-1' });
      const res = await post(running, complaint.reference, { send: true, message: 'Bonjour' });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CitizenMailOff');
      expect(() => running.app.jobs.runTickOf('citizen-mail-outbox', new Date())).toThrow();
    } finally {
      await running.close();
    }
  });
});
