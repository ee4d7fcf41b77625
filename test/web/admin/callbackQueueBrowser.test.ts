import type { Page } from 'playwright-core';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { axeViolations, cspViolations, describeInBrowser, launchChromium, TestBrowser } from '../../helpers/browser';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const calendar = BusinessCalendar.fromDataFile();

describeInBrowser('the callback queue’s page in a browser (Chromium, axe-core)', () => {
  let running: RunningTestApplication;
  let browser: TestBrowser;
  const refs: string[] = [];

  beforeAll(async () => {
    // Tuesday, October 6, 2026, 10 h in Québec.
    const clock = fixedClock(calendar.instantAt('2026-10-06', 10, 0));
    running = await startTestApplication({ ADMIN_TOKENS: `staff:alice:${STAFF}` }, { clock });
    const callbacks = running.app.services.callbacks;
    for (const [i, slot] of callbacks.slots.upcoming(clock.now(), 2).entries()) {
      const input = { name: 'Julie <img src=x onerror=alert(1)>', phone: '418 555-0199', subject: `Question ${i} </script>`, slot: { date: slot.date, period: slot.period } };
      refs.push((await callbacks.create(input, { submissionId: `b-${i}` })).callback.reference);
    }
    browser = await launchChromium({ clockStart: clock.now() });
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function signedIn(width: number): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${running.botUrl}/admin/callbacks`);
    await page.waitForSelector('#login:not([hidden])');
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#token', STAFF);
    await page.press('#token', 'Enter');
    await page.waitForSelector('#callbacks tbody tr');
    return page;
  }
  const statusSays = (page: Page, text: string) => page.waitForFunction((expected) => document.getElementById('status')?.textContent === expected, text);

  it.each([320, 375, 1280])('lists the queue and is axe-clean at %i px', async (width) => {
    const page = await signedIn(width);
    expect(await page.locator('#callbacks tbody tr').count()).toBe(2);
    expect(await page.textContent('#callbacks tbody')).toContain('418\u00a0555-0199');
    expect(await axeViolations(page)).toEqual([]);
    // The table scrolls inside its own region: the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });

  it('assigns a request to oneself, records a no-answer then the call, with the keyboard', async () => {
    const page = await signedIn(375);
    await page.focus(`#callbacks a[href="#${refs[0]}"]`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail:not([hidden])');
    // The citizen's text is shown as text, never as markup.
    expect(await page.textContent('#detail-fields')).toContain('Question 0 </script>');
    expect(await page.locator('#detail img').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.click('button[data-action="assign-me"]');
    await statusSays(page, 'Enregistré.');
    expect(await page.textContent('#detail-fields')).toContain('alice');
    await page.click('button[data-action="noAnswer"]');
    await statusSays(page, 'Enregistré.');
    await page.fill('#action-note', 'Joint au deuxième essai');
    await page.click('button[data-action="reached"]');
    await page.waitForFunction(() => document.getElementById('detail-fields')?.textContent?.includes('rappel effectué'));
    const history = await page.locator('#detail-history li').allTextContents();
    expect(history).toHaveLength(4);
    expect(history[3]).toContain('alice — rappel effectué, joint — Joint au deuxième essai');
    // Done: the actions are off, and the open queue no longer lists it.
    expect(await page.isDisabled('button[data-action="reached"]')).toBe(true);
    // The queue is reloaded after the detail: wait for it rather than read it at once (a busy machine).
    await page.waitForFunction(() => document.querySelectorAll('#callbacks tbody tr').length === 1);
    expect(await page.locator('#callbacks tbody tr').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
