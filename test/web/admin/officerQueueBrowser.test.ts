import type { BrowserContext, Page } from 'playwright-core';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { axeViolations, describeInBrowser, launchChromium, TestBrowser } from '../../helpers/browser';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const calendar = BusinessCalendar.fromDataFile();

describeInBrowser('the officer’s queue in a browser at 375 px (Chromium, axe-core)', () => {
  let running: RunningTestApplication;
  let browser: TestBrowser;
  let context: BrowserContext;
  let mine: string;
  let other: string;
  let incident: string;

  beforeAll(async () => {
    const clock = fixedClock(calendar.instantAt('2026-10-06', 10, 0));
    running = await startTestApplication({ ADMIN_TOKENS: `staff:alice:${STAFF},manager:bob:${MANAGER}` }, { clock });
    const complaints = running.app.services.complaints;
    mine = (
      await complaints.create(
        { name: 'Hélène Bélanger', contactMethod: 'phone', contactValue: '8195550177', service: 'online-exams', description: 'Personne ne me rappelle.' },
        { submissionId: 'q-1' },
      )
    ).complaint.reference;
    other = (
      await complaints.create(
        { name: 'Jean Tremblay', contactMethod: 'email', contactValue: 'jean@exemple.ca', service: 'other', description: 'Autre chose.' },
        { submissionId: 'q-2' },
      )
    ).complaint.reference;
    incident = (await running.app.services.examIncidents.report({ examInProgress: false, problemKind: 'timer' }, { submissionId: 'q-x' })).incident.reference;
    clock.set(calendar.instantAt('2026-10-07', 9, 0));
    browser = await launchChromium({ clockStart: clock.now() });
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function signedIn(path: string, token: string): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${running.botUrl}${path}`);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('#token', token);
    await page.click('#login-form button[type=submit]');
    return page;
  }
  const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const statusSays = (page: Page, text: string) =>
    page.waitForFunction((expected) => document.getElementById('status')?.textContent?.includes(expected), text);

  it('assigns a complaint to oneself and records a message left, which keeps the 5-day clock running', async () => {
    const page = await signedIn(`/admin/complaints/${mine}`, STAFF);
    await page.waitForSelector('#assignment');
    expect(await page.textContent('#complaint')).toContain('Téléphone — 819\u00a0555-0177');
    expect(await page.textContent('#assigned-to')).toBe("Assignée à personne\u00a0: la plainte est à l'équipe.");
    expect(await axeViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);

    await page.click("text=Me l'assigner");
    await statusSays(page, `Plainte ${mine} assignée à alice.`);
    expect(await page.textContent('#assigned-to')).toContain('Assignée à alice');

    // Without a result, the page says what is missing and nothing is recorded.
    await page.click('#record-attempt');
    await page.waitForFunction(() => document.getElementById('alert')?.textContent?.includes('Choisissez le résultat'));
    expect(await page.isChecked('#contact-channel-phone')).toBe(true); // the way the person asked to be reached
    await page.check('#contact-result-leftMessage');
    await page.fill('#contact-note', 'Boîte vocale');
    await page.click('#record-attempt');
    await statusSays(page, 'message laissé. Le délai de 5 jours ouvrables continue.');
    const history = await page.locator('#history tbody tr').allTextContents();
    expect(history[1]).toContain('assignée à alice');
    expect(history[2]).toContain('tentative de contact (téléphone)\u00a0: message laissé');
    expect(history[2]).toContain('Boîte vocale');
    expect(await page.textContent('#complaint')).toContain('reçue');

    await page.check('#contact-result-reached');
    await page.click('#record-attempt');
    await statusSays(page, 'Premier contact consigné');
    expect(await page.textContent('#complaint')).toContain('prise en charge');
    expect(await page.locator('#actions button').allTextContents()).toEqual(['Consigner la réponse', "Consigner l'abandon", 'Ajouter la note']);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows « Mes plaintes » with only the officer’s complaints, highlighted in the navigation', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${running.botUrl}/admin/my-complaints`);
    await page.evaluate((token) => sessionStorage.setItem('caDotationAdminToken', token), STAFF);
    await page.reload();
    await page.waitForSelector('#results table');
    expect(await page.textContent('#page-title')).toBe('Mes plaintes');
    expect(await page.getAttribute('[data-nav="mine"]', 'aria-current')).toBe('page');
    expect(await page.getAttribute('[data-nav="complaints"]', 'aria-current')).toBeNull();
    const rows = await page.locator('#results tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(mine);
    expect(rows[0]).toContain('alice');
    expect(await axeViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);

    // Search without accents, from the same form.
    await page.selectOption('#filter-assignment', '');
    await page.fill('#filter-q', 'jean tremblay');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction((ref) => document.querySelector('#results tbody')?.textContent?.includes(ref), other);
    expect(await page.locator('#results tbody tr').count()).toBe(1);
    await page.close();
  });

  it('closes a complaint with its outcome and takes an exam incident in charge', async () => {
    await running.app.services.complaints.recordAnswer(mine, { actor: 'alice' });
    const page = await signedIn(`/admin/complaints/${mine}`, MANAGER);
    await page.waitForSelector('#closing');
    page.on('dialog', (dialog) => void dialog.accept());
    await page.selectOption('#outcome', 'partlyFounded');
    await page.click('#closing button');
    await page.waitForFunction(() => document.getElementById('alert')?.textContent?.includes('mesures correctives'));
    await page.fill('#measures', 'Rappel des délais à l’équipe');
    await page.click('#closing button');
    await statusSays(page, 'fermée\u00a0: partiellement fondée');
    expect(await page.textContent('#complaint')).toContain('Rappel des délais à l’équipe');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${running.botUrl}/admin/incidents`);
    await page.waitForSelector('#results table');
    expect(await page.getAttribute('[data-nav="incidents"]', 'aria-current')).toBe('page');
    expect(await axeViolations(page)).toEqual([]);
    await page.click(`text=${incident}`);
    await page.waitForSelector('#incident-actions');
    await page.click('text=Prendre en charge');
    await statusSays(page, `Problème ${incident} pris en charge.`);
    await page.fill('#incident-note', 'Temps ajouté');
    await page.click('text=Consigner la résolution');
    await statusSays(page, `Problème ${incident} résolu.`);
    expect(await page.locator('#incident-history tbody tr').allTextContents()).toEqual([
      expect.stringContaining('pris en charge'),
      expect.stringContaining('Temps ajouté'),
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.close();
  });
});
