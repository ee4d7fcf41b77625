import type { BrowserContext } from 'playwright-core';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { ServiceHours } from '../../../domain/serviceHours';
import { axeViolations, describeInBrowser, launchChromium, TestBrowser } from '../../helpers/browser';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const calendar = BusinessCalendar.fromDataFile();
const hours = ServiceHours.fromDataFile(calendar);

describeInBrowser('dashboard in a browser (Chromium, axe-core)', () => {
  let running: RunningTestApplication;
  let browser: TestBrowser;
  let context: BrowserContext;
  let reference: string;

  beforeAll(async () => {
    const clock = fixedClock(calendar.instantAt('2026-10-06', 10, 0));
    running = await startTestApplication({ ADMIN_TOKENS: `staff:alice:${STAFF},manager:bob:${MANAGER}`, LIVE_HELP_ENABLED: 'true' }, { clock });
    // One callback request, made 4 h 30 after it was asked, before the day the citizen chose.
    const callbacks = running.app.services.callbacks;
    const slotDay = calendar.nextBusinessDay(calendar.localDateOf(clock.now()));
    const { callback } = await callbacks.create(
      { phone: '418 555-0199', subject: 'Mon inscription', slot: { date: slotDay, period: 'afternoon' } },
      { submissionId: 'browser-callback', locale: 'fr-CA', channelId: 'webchat' },
    );
    clock.set(new Date(clock.now().getTime() + 270 * 60_000));
    await callbacks.recordAttempt(callback.reference, 'reached', { actor: 'alice' });
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
    // One live-help session, taken by alice after a 3-minute wait, during opening hours.
    const liveHelp = running.app.services.liveHelp!;
    clock.set(new Date(hours.nextOpening(clock.now()).getTime() + 30 * 60_000));
    await liveHelp.setAgentStatus('alice', 'available');
    const asked = await liveHelp.request({ channelId: 'directline', conversationId: 'browser-live-help', lang: 'fr', conversationReference: '{}' });
    if (!asked.ok) throw new Error(`live help not offered: ${asked.reason}`);
    clock.set(new Date(clock.now().getTime() + 3 * 60_000));
    await liveHelp.heartbeat('alice');
    await liveHelp.accept(asked.session.id, 'alice');
    await liveHelp.end(asked.session.id, 'alice');
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

  it.each([320, 375, 1280])('shows the callback and live-help figures, axe-clean at %i px', async (width) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${running.botUrl}/admin`);
    await page.evaluate((token) => sessionStorage.setItem('caDotationAdminToken', token), MANAGER);
    await page.reload();
    await page.waitForSelector('#live-help-stats dl');
    const terms = async (id: string) =>
      Object.fromEntries(
        await page.locator(`#${id} dl > div`).evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent, r.querySelector('dd')?.textContent])),
      );
    expect(await page.textContent('#callback-stats-title')).toBe('Demandes de rappel');
    expect(await terms('callback-stats')).toMatchObject({
      'Demandes reçues': '1',
      Annulées: '0',
      'Encore ouvertes': '0',
      'Rappels effectués': '1',
      'Personne jointe': '1',
      'Message laissé': '0',
      'Rappels faits au plus tard le jour choisi': '1 (100,0\u00a0%)',
      "Délai médian entre la demande et l'appel": '4\u00a0h\u00a030',
    });
    expect(await page.textContent('#live-help-stats-title')).toBe('Clavardage avec une personne');
    expect(await terms('live-help-stats')).toMatchObject({
      'Demandes de clavardage': '1',
      'Prises par une personne': '1',
      'Abandonnées avant la prise en charge': '0 (quittées\u00a0: 0; attente expirée\u00a0: 0)',
      'En attente ou en cours': '0',
      'Attente médiane': '3\u00a0min',
      'Attente au 90e centile': '3\u00a0min',
    });
    expect(await page.locator('#live-help-stats caption').allTextContents()).toEqual([
      'Demandes non offertes, par raison',
      'Conversations prises par personne',
    ]);
    expect(await page.locator('#live-help-stats table').last().locator('tbody tr').allTextContents()).toEqual(['alice1']);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says plainly when live help is off, without figures', async () => {
    const off = await startTestApplication({ ADMIN_TOKENS: `manager:bob:${MANAGER}` }, { clock: fixedClock(calendar.instantAt('2026-10-15', 9, 0)) });
    try {
      const page = await context.newPage();
      await page.goto(`${off.botUrl}/admin`);
      await page.evaluate((token) => sessionStorage.setItem('caDotationAdminToken', token), MANAGER);
      await page.reload();
      await page.waitForSelector('#live-help-stats');
      expect(await page.textContent('#live-help-stats p')).toBe(
        "Le clavardage avec une personne n'est pas activé sur ce serveur (LIVE_HELP_ENABLED)\u00a0: il n'y a rien à mesurer.",
      );
      expect(await page.locator('#live-help-stats dl').count()).toBe(0);
      expect(await page.textContent('#callback-stats p')).toBe('Aucune demande de rappel pendant cette période.');
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    } finally {
      await off.close();
    }
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
