import type { BrowserContext, Page } from 'playwright-core';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { verifySurveyToken } from '../../../domain/satisfaction/surveyLink';
import { axeViolations, describeInBrowser, launchChromium, TestBrowser } from '../../helpers/browser';
import { parseMail, useSmtpTestServer } from '../../helpers/smtpTestServer';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
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
const OFFICER_TEXT = 'Nous avons vérifié la séance du 3 : le délai perdu vous a été redonné.\n\nMerci de votre patience.';

describeInBrowser('« Répondre par courriel » on the complaint page (Chromium, axe-core, a real SMTP server)', () => {
  const smtp = useSmtpTestServer();
  let running: RunningTestApplication;
  let off: RunningTestApplication;
  let browser: TestBrowser;
  let context: BrowserContext;
  let french: string;
  let english: string;
  let byPhone: string;
  let whenOff: string;

  beforeAll(async () => {
    const clock = fixedClock(calendar.instantAt('2026-11-23', 10, 0));
    running = await startTestApplication(
      {
        ADMIN_TOKENS: `staff:alice:${STAFF}`,
        SMTP_URL: smtp.url,
        REMINDER_FROM: 'rappels-plaintes@exemple.gouv.qc.ca',
        STAFF_EMAILS: 'equipe.plaintes@exemple.gouv.qc.ca',
        CITIZEN_MAIL_FROM: 'plaintes-citoyens@exemple.gouv.qc.ca',
        PUBLIC_BASE_URL: BASE_URL,
        PSEUDONYM_KEY: KEY,
      },
      { clock },
    );
    off = await startTestApplication({ ADMIN_TOKENS: `staff:alice:${STAFF}` }, { clock });
    const create = async (app: RunningTestApplication, input: Partial<ComplaintInput>, id: string, locale = 'fr-CA') =>
      (await app.app.services.complaints.create({ ...PERSON, ...input }, { submissionId: id, locale })).complaint.reference;
    french = await create(running, {}, 'b-1');
    english = await create(running, { name: 'John Smith' }, 'b-2', 'en-CA');
    byPhone = await create(running, { contactMethod: 'phone', contactValue: '418 555-0199' }, 'b-3');
    whenOff = await create(off, {}, 'b-4');
    clock.set(calendar.instantAt('2026-11-24', 9, 0));
    browser = await launchChromium({ clockStart: clock.now() });
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await off?.close();
  });

  async function signedIn(app: RunningTestApplication, path: string, width: number): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${app.botUrl}${path}`);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('#token', STAFF);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#answer-mail');
    return page;
  }
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const statusSays = (page: Page, text: string) =>
    page.waitForFunction((expected) => document.getElementById('status')?.textContent?.includes(expected), text);
  const alertSays = (page: Page, text: string) => page.waitForFunction((expected) => document.getElementById('alert')?.textContent?.includes(expected), text);

  it('edits the template, previews the e-mail, sends it once and records the answer under the officer’s name', async () => {
    const page = await signedIn(running, `/admin/complaints/${french}`, 375);
    const message = page.getByLabel('Votre réponse');
    await message.waitFor();
    expect(await message.inputValue()).toMatch(/^Nous avons terminé l'examen de votre plainte\.\n\nCe que nous avons constaté\u00a0: \[à compléter\]/);
    expect(await page.textContent('#answer-message-help')).toContain('la salutation et le numéro de la plainte');
    expect(await axeViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);

    // Sending the template as it is: the page says what to replace, and nothing leaves.
    await page.click('#answer-send');
    await alertSays(page, 'Remplacez les passages [à compléter]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-message');

    // With the keyboard: write, then Tab to « Aperçu » and press Enter.
    await message.fill(OFFICER_TEXT);
    await message.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-preview-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#answer-preview:not([hidden])');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-preview');
    const preview = (await page.textContent('#answer-preview'))!;
    expect(preview).toContain('Aperçu du courriel');
    expect(preview).toContain(`Objet\u00a0: Réponse à votre plainte ${french}`);
    expect(preview).toContain('Bonjour Marie-Ève Tremblay,');
    expect(preview).toContain('le délai perdu vous a été redonné');
    expect(preview).toContain(`${BASE_URL}/satisfaction/`);
    expect(await page.getAttribute('#answer-preview', 'role')).toBe('region');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(smtp.messages).toHaveLength(0);

    // Changing the text hides a preview that no longer matches it; « Aperçu » shows the new one.
    await message.fill(`${OFFICER_TEXT}\n\nBonne fin de journée.`);
    expect(await page.isHidden('#answer-preview')).toBe(true);
    await page.click('#answer-preview-button');
    await page.waitForFunction(() => document.getElementById('answer-preview')?.textContent?.includes('Bonne fin de journée.'));
    expect(await axeViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);

    // Two clicks in a row: one confirmation, one answer, one e-mail.
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.accept();
    });
    await page.evaluate(() => {
      const send = document.getElementById('answer-send') as HTMLButtonElement;
      send.click();
      send.click();
    });
    await statusSays(page, `Réponse envoyée par courriel et consignée pour ${french}.`);
    expect(dialogs).toBe(1);
    await running.app.services.citizenMail!.idle();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0].envelopeTo).toEqual([PERSON.contactValue]);
    const mail = parseMail(smtp.messages[0].raw);
    expect(mail.subject).toBe(`Réponse à votre plainte ${french}`);
    expect(mail.text).toContain('le délai perdu vous a été redonné');
    expect(mail.text).toContain('Merci de votre patience.');
    expect(mail.text).toContain('Bonne fin de journée.');
    expect(mail.text).toContain(french);
    const link = new RegExp(`${BASE_URL}/satisfaction/([^\\s]+)`).exec(mail.text)![1];
    expect(verifySurveyToken(decodeURIComponent(link), KEY)).toBe(french);

    // The page shows the complaint again: answered, in the history under alice's name, no more form.
    await page.waitForFunction(() => !document.getElementById('answer-mail'));
    expect(await page.textContent('#complaint')).toContain('répondue');
    const last = (await page.locator('#history tbody tr').allTextContents()).at(-1)!;
    expect(last).toContain('réponse donnée');
    expect(last).toContain('alice');
    expect(await axeViolations(page)).toEqual([]);

    // Sending again (another tab, an old page): refused, and still one e-mail.
    const again = await page.evaluate(
      async ({ reference, token }) =>
        (
          await fetch(`/api/admin/complaints/${reference}/answer`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ send: true, message: 'Encore' }),
          })
        ).status,
      { reference: french, token: STAFF },
    );
    expect(again).toBe(409);
    await running.app.services.citizenMail!.idle();
    expect(smtp.messages).toHaveLength(1);
    await page.close();
  });

  it('in English (?lang=en), a complaint filed in English gets the English template', async () => {
    const page = await signedIn(running, `/admin/complaints/${english}?lang=en`, 1280);
    const message = page.getByLabel('Your answer');
    await message.waitFor();
    expect(await page.textContent('#answer-mail-title')).toBe('Answer by e-mail');
    expect(await message.inputValue()).toMatch(/^We have completed our review of your complaint\./);
    expect(await page.textContent('#answer-send')).toBe('Send the answer and record it');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says why there is no form for a phone contact, and when e-mail is off', async () => {
    const phone = await signedIn(running, `/admin/complaints/${byPhone}`, 375);
    expect(await phone.textContent('#answer-mail-unavailable')).toContain('communiquez la réponse par téléphone');
    expect(await phone.locator('#answer-message').count()).toBe(0);
    expect(await axeViolations(phone)).toEqual([]);
    await phone.close();

    const page = await signedIn(off, `/admin/complaints/${whenOff}`, 320);
    await page.waitForSelector('#answer-mail-unavailable');
    expect(await page.textContent('#answer-mail-unavailable')).toContain('Les courriels aux citoyens sont désactivés');
    expect(await page.locator('#answer-message').count()).toBe(0);
    expect(await page.textContent('#alert')).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.close();
  });
});
