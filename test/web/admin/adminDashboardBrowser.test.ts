import type { BrowserContext } from 'playwright-core';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { axeViolations, describeInBrowser, launchChromium, TestBrowser } from '../../helpers/browser';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const calendar = BusinessCalendar.fromDataFile();

describeInBrowser('dashboard in a browser (Chromium, axe-core)', () => {
  let running: RunningTestApplication;
  let browser: TestBrowser;
  let context: BrowserContext;
  let reference: string;

  beforeAll(async () => {
    const clock = fixedClock(calendar.instantAt('2026-10-06', 10, 0));
    running = await startTestApplication({ ADMIN_TOKENS: `staff:alice:${STAFF},manager:bob:${MANAGER}` }, { clock });
    const complaints = running.app.services.complaints;
    const created = await complaints.create(
      {
        name: 'Marie <img src=x onerror="window.__xss=1"> Tremblay',
        contactMethod: 'email',
        contactValue: 'marie@exemple.ca',
        service: 'online-exams',
        description: '<script>window.__xss=2</script>\nDeuxième ligne',
      },
      { submissionId: 'browser-1' },
    );
    reference = created.complaint.reference;
    const other = await complaints.create(
      { name: 'B', contactMethod: 'email', contactValue: 'b@exemple.ca', service: 'other', description: 'x' },
      { submissionId: 'browser-2' },
    );
    clock.set(calendar.instantAt('2026-10-15', 9, 0));
    await complaints.recordFirstContact(other.complaint.reference, { actor: 'alice' }); // 6th business day: late
    // The dashboard opens on the browser's current fiscal year: the browser lives on the server's day.
    browser = await launchChromium({ clockStart: clock.now() });
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('signs in, shows the figures against the targets with a chart and its table, all accessible', async () => {
    const page = await context.newPage();
    await page.goto(`${running.botUrl}/admin`);
    await page.waitForSelector('#login:not([hidden])');
    expect(await axeViolations(page)).toEqual([]);

    await page.fill('#token', 'pas-le-bon-jeton-xxxxxxxxxxxxxxxx');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#token-error:not([hidden])');
    expect(await page.textContent('#token-error')).toContain("Ce jeton n'est pas reconnu");
    expect(await page.getAttribute('#token', 'aria-invalid')).toBe('true');

    await page.fill('#token', MANAGER);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#standards');
    expect(page.url()).not.toContain(MANAGER);
    expect(await page.evaluate(() => sessionStorage.getItem('caDotationAdminToken'))).toBe(MANAGER);
    expect(await page.textContent('#signed-in')).toBe('Session\u00a0: bob (gestion)');
    expect(await page.textContent('#card-firstContact')).toBe('Premier contact (5 jours ouvrables)');
    const firstContactCard = await page.textContent('article.card-missed');
    expect(firstContactCard).toMatch(/0,0\s%/);
    expect(firstContactCard).toContain('0 plaintes sur 2 dans le délai');
    expect(firstContactCard).toContain('Cible non atteinte');
    expect(await page.getAttribute('figure svg', 'role')).toBe('img');
    expect(await page.textContent('#chart-title')).toBe('Conformité mensuelle aux normes de service');
    expect(await page.locator('figure table caption').textContent()).toBe('Conformité mensuelle\u00a0: données du diagramme');
    expect(await page.locator('#breaches tbody tr').count()).toBe(2); // one contacted on the 6th business day, one not contacted
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('opens the complaint from the e-mail link, shows the citizen text as text, and records a step', async () => {
    const page = await context.newPage();
    await page.goto(`${running.botUrl}/admin/complaints/${reference}`);
    // A new tab (the link in a reminder e-mail) has its own sessionStorage: the page asks for the token.
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('#token', MANAGER);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#complaint');
    expect(await page.textContent('#page-title')).toBe(`Plainte ${reference}`);
    expect(await page.locator('#complaint dd.citizen-text').first().textContent()).toBe('<script>window.__xss=2</script>\nDeuxième ligne');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#complaint img').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.check('#contact-result-reached');
    await page.fill('#contact-note', 'Appel fait');
    await page.click('#record-attempt');
    await page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('Premier contact consigné'));
    const history = await page.locator('#history tbody tr').allTextContents();
    expect(history[1]).toContain('tentative de contact (courriel)\u00a0: personne jointe');
    expect(history[1]).toContain('bob');
    expect(history[1]).toContain('Appel fait');
    expect(await page.locator('#actions button').allTextContents()).toEqual(['Consigner la réponse', "Consigner l'abandon", 'Ajouter la note']);
    await page.close();
  });

  it('shows staff the complaint list, not the statistics', async () => {
    const page = await context.newPage();
    await page.goto(`${running.botUrl}/admin?lang=en`);
    await page.evaluate((token) => sessionStorage.setItem('caDotationAdminToken', token), STAFF);
    await page.reload();
    await page.waitForSelector('#results table');
    expect(await page.textContent('#page-title')).toBe('Complaints');
    expect(await page.locator('#standards').count()).toBe(0);
    expect(await page.locator('#results tbody tr').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.click('#logout');
    expect(await page.evaluate(() => sessionStorage.getItem('caDotationAdminToken'))).toBeNull();
    await page.close();
  });
});
