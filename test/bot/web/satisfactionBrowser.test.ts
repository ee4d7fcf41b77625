import type { BrowserContext, Page } from 'playwright-core';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { surveyUrl } from '../../../domain/satisfaction/surveyLink';
import { axeViolations, describeInBrowser, launchChromium, TestBrowser } from '../../helpers/browser';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const KEY = 'cle-de-pseudonymisation-de-test-assez-longue';
const calendar = BusinessCalendar.fromDataFile();

/** Whether the page scrolls sideways (its content wider than the window). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describeInBrowser('satisfaction: the survey page and the managers’ dashboard on a phone (Chromium, axe-core)', () => {
  let running: RunningTestApplication;
  let browser: TestBrowser;
  let context: BrowserContext;
  let closed: string;

  beforeAll(async () => {
    const clock = fixedClock(calendar.instantAt('2026-10-06', 10, 0));
    running = await startTestApplication({ ADMIN_TOKENS: `staff:alice:${STAFF},manager:bob:${MANAGER}`, PSEUDONYM_KEY: KEY }, { clock });
    const { complaints, satisfaction } = running.app.services;
    const input = { name: 'Marie Tremblay', contactMethod: 'phone', contactValue: '819 555-0177', service: 'online-exams', description: 'Examen bloqué.' } as const;
    closed = (await complaints.create(input, { submissionId: 'browser-sat-1' })).complaint.reference;
    const late = (await complaints.create({ ...input, service: 'other' }, { submissionId: 'browser-sat-2' })).complaint.reference;
    clock.set(calendar.instantAt('2026-10-15', 9, 0));
    await complaints.recordFirstContact(late, { actor: 'alice' }); // a breach, listed with its reference
    await complaints.recordAnswer(closed, { actor: 'bob' });
    await complaints.close(closed, { actor: 'bob' });
    const id = await satisfaction.rateConversation({ topic: 'hours', rating: 5, conversationId: 'c-1' });
    await satisfaction.commentConversation(id, 'c-1', 'Réponse claire, merci. Je suis Julie Roy, née le 4 avril 1988.');
    await satisfaction.rateConversation({ topic: 'exam-problem', rating: 2, conversationId: 'c-2' });
    browser = await launchChromium({ clockStart: clock.now() });
    context = browser.context;
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('lets a citizen rate a closed complaint at 320 px, accessibly, once', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(surveyUrl(running.botUrl, closed, KEY));
    expect(await page.textContent('h1')).toBe('Votre avis sur le traitement de votre plainte');
    expect(await page.textContent('.survey__reference')).toBe(`Plainte ${closed}`);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    await page.click('button[type=submit]'); // nothing chosen
    await page.waitForSelector('#survey-errors');
    expect(await page.textContent('#survey-errors')).toContain('Choisissez une note de 1 à 5.');
    expect(await axeViolations(page)).toEqual([]);

    await page.check('#rating-4');
    await page.fill('#comment', 'Traitement rapide.');
    await page.click('button[type=submit]');
    await page.waitForSelector('text=Votre note est enregistrée.');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows managers the satisfaction beside the commitments at 375 px, in French, without sideways scrolling', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${running.botUrl}/admin`);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('#token', MANAGER);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#satisfaction');

    expect(await page.getAttribute('[data-nav=dashboard]', 'aria-current')).toBe('page');
    expect(await page.getAttribute('[data-nav=complaints]', 'aria-current')).toBeNull();
    const satisfaction = (await page.textContent('#satisfaction')) ?? '';
    expect(satisfaction).toContain('Satisfaction de la clientèle');
    expect(satisfaction).toContain('ne fixe aucune cible de satisfaction chiffrée');
    expect(satisfaction).toContain('un service respectueux, fiable et diligent;');
    expect(satisfaction).toContain("Heures d'ouverture"); // the FAQ entry's title, not « hours »
    expect(satisfaction).toContain('Examens en ligne');
    // Closed complaints by outcome: this one was closed without an outcome (as before outcomes were recorded).
    const outcomes = await page.textContent('#outcomes');
    expect(outcomes).toContain('Conclusions des plaintes fermées');
    expect(outcomes).toMatch(/non indiquée\s*1\s*100/);
    // Column headings are words, never translation keys.
    expect(satisfaction).not.toMatch(/satisfaction\.columns|columns\./);
    expect(satisfaction).toContain('[nom]');
    expect(satisfaction).not.toContain('Julie');
    expect(satisfaction).not.toContain('1988');
    expect(satisfaction).not.toMatch(/\b000_|seed/);
    expect(await page.textContent('.period-line')).toMatch(/du 1er avril 2026 au 31 mars 2027\. État au 15 octobre 2026 à 9\u00a0h/);
    const breachDue = await page.locator('#breaches tbody tr').first().locator('td').nth(3).textContent();
    expect(breachDue).toMatch(/\d{1,2}(er)? \p{L}+ 2026/u);

    // References never wrap: each stays on one line.
    const wrapped = await page.$$eval('a.ref', (links) => links.filter((a) => a.getClientRects().length > 1 || a.getBoundingClientRect().height > 40).length);
    expect(wrapped).toBe(0);
    expect(await page.locator('#breaches a.ref').count()).toBeGreaterThan(0);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('highlights « Plaintes » for staff, whose /admin is the complaint list', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${running.botUrl}/admin`);
    await page.evaluate((token) => sessionStorage.setItem('caDotationAdminToken', token), STAFF);
    await page.reload();
    await page.waitForSelector('#results table');
    expect(await page.getAttribute('[data-nav=complaints]', 'aria-current')).toBe('page');
    expect(await page.getAttribute('[data-nav=dashboard]', 'aria-current')).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
