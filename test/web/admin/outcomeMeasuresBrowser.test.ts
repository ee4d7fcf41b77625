import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { axeViolations, describeInBrowser, launchChromium, TestBrowser } from '../../helpers/browser';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const calendar = BusinessCalendar.fromDataFile();
const input: ComplaintInput = {
  name: 'Hélène Bélanger',
  contactMethod: 'phone',
  contactValue: '819 555-0177',
  service: 'ca-dotation-phone',
  description: 'Personne ne m’a rappelée.',
};

describeInBrowser('the dashboard’s outcomes table with the corrective measures (Chromium, axe-core, 375 px)', () => {
  let running: RunningTestApplication;
  let browser: TestBrowser;

  beforeAll(async () => {
    const clock = fixedClock(calendar.instantAt('2026-11-23', 10, 0));
    running = await startTestApplication({ ADMIN_TOKENS: `manager:bob:${MANAGER}` }, { clock });
    const complaints = running.app.services.complaints;
    const closings: Array<[('founded' | 'partlyFounded' | 'unfounded')?, string?]> = [
      ['founded', 'Rappel des délais à l’équipe'],
      ['partlyFounded', 'Procédure de rappel revue'],
      ['unfounded'],
    ];
    for (const [i, [outcome, measures]] of closings.entries()) {
      const { reference } = (await complaints.create(input, { submissionId: `d-${i}` })).complaint;
      await complaints.recordAnswer(reference, { actor: 'bob' });
      await complaints.close(reference, { actor: 'bob', outcome, correctiveMeasures: measures });
    }
    browser = await launchChromium({ clockStart: clock.now() });
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  it('has a column « Avec mesures correctives », a total row and the list of the measures taken', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 900 });
    await page.goto(`${running.botUrl}/admin`);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('#token', MANAGER);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#outcomes table');
    expect(await page.locator('#outcomes table').first().locator('thead th').allTextContents()).toEqual(['Conclusion', 'Plaintes', 'Part', 'Avec mesures correctives']);
    const rows = (await page.locator('#outcomes table').first().locator('tbody tr').allTextContents()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual([
      expect.stringMatching(/^fondée ?1 ?33,3\s?% ?1$/),
      expect.stringMatching(/^partiellement fondée ?1 ?33,3\s?% ?1$/),
      expect.stringMatching(/^non fondée ?1 ?33,3\s?% ?0$/),
      expect.stringMatching(/^Total ?3 ?100,0\s?% ?2$/),
    ]);
    // The measures taken, for managers, each linked to its complaint.
    const measures = (await page.locator('#outcomes table').nth(1).locator('tbody tr').allTextContents()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(measures).toHaveLength(2);
    expect(measures[0]).toMatch(/^PL-\d{4}-\d{6} ?fondée.*Rappel des délais à l’équipe$/);
    expect(measures[1]).toMatch(/partiellement fondée.*Procédure de rappel revue$/);
    expect(await page.locator('#outcomes h3').textContent()).toBe('Mesures correctives prises');
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.close();
  });
});
