import type { Page } from 'playwright-core';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { axeViolations, cspViolations, describeInBrowser, launchChromium, TestBrowser } from '../../helpers/browser';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const calendar = BusinessCalendar.fromDataFile();
const RECEIVED = '2026-10-06';
const LONG_NOTE = 'Boîte vocale pleine au premier essai; message laissé au deuxième avec le numéro du Centre et les heures de rappel proposées.';
// A date as the staff pages show it in a table: « 6 oct. 2026, 10 h 00 ».
const FRENCH_INSTANT = /^\d{1,2} [a-zéû]+\.? \d{4}, \d{1,2}\u00a0h\u00a0\d{2}$/;
const ISO_INSTANT = /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/;

/** The day after `date` on the calendar (no date is retyped by hand). */
function nextDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describeInBrowser('the staff pages at 320 and 375 px: no sideways scroll, references on one line, French dates (Chromium, axe-core)', () => {
  let running: RunningTestApplication;
  let browser: TestBrowser;
  const refs: Record<'assigned' | 'closed' | 'received' | 'incident' | 'callback', string> = { assigned: '', closed: '', received: '', incident: '', callback: '' };

  beforeAll(async () => {
    const clock = fixedClock(calendar.instantAt(RECEIVED, 10, 0));
    running = await startTestApplication({ ADMIN_TOKENS: `staff:alice:${STAFF},manager:bob:${MANAGER}` }, { clock });
    const complaints = running.app.services.complaints;
    const create = async (i: number, name: string, service: string, description: string): Promise<string> =>
      (await complaints.create({ name, contactMethod: 'phone', contactValue: '8195550177', service: service as never, description }, { submissionId: `n-${i}` })).complaint.reference;
    refs.assigned = await create(1, 'Hélène Bélanger', 'online-exams', 'Personne ne me rappelle depuis deux semaines.');
    refs.closed = await create(2, 'Jean Tremblay', 'ca-dotation-phone', 'Attente de 45 minutes au téléphone.');
    refs.received = await create(3, 'Luc Gagnon', 'qualification-processes', 'Délais trop longs.');
    await complaints.assign(refs.assigned, 'alice', { actor: 'alice' });
    await complaints.recordContactAttempt(refs.assigned, { actor: 'alice', channel: 'phone', result: 'leftMessage', note: LONG_NOTE } as never);
    await complaints.recordContactAttempt(refs.closed, { actor: 'alice', channel: 'phone', result: 'reached' } as never);
    await complaints.recordAnswer(refs.closed, { actor: 'alice' });
    await complaints.close(refs.closed, { actor: 'alice', outcome: 'partlyFounded', correctiveMeasures: 'Rappel des délais à l’équipe' } as never);
    refs.incident = (await running.app.services.examIncidents.report({ examInProgress: true, problemKind: 'frozen' }, { submissionId: 'n-x' })).incident.reference;
    const callbacks = running.app.services.callbacks;
    const [slot] = callbacks.slots.upcoming(clock.now(), 1);
    refs.callback = (await callbacks.create({ name: 'Julie Roy', phone: '418 555-0199', subject: 'Mon dossier de candidature', slot: { date: slot.date, period: slot.period } }, { submissionId: 'n-c' })).callback.reference;
    await callbacks.assign(refs.callback, 'alice', { actor: 'alice' });
    await callbacks.recordAttempt(refs.callback, 'noAnswer', { actor: 'alice', note: LONG_NOTE });
    // A week later: the assigned complaint is late, so the dashboard lists it among the breaches.
    clock.set(calendar.instantAt(calendar.addBusinessDays(RECEIVED, 8), 10, 0));
    browser = await launchChromium({ clockStart: clock.now() });
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function open(path: string, token: string, width: number, ready: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${running.botUrl}/admin`);
    await page.evaluate((value) => sessionStorage.setItem('caDotationAdminToken', value), token);
    await page.goto(`${running.botUrl}${path}`);
    await page.waitForSelector(ready);
    return page;
  }

  /** What overflows: the page scrolling sideways, a table box wider than itself, a reference on two lines. */
  function layoutProblems(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const problems: string[] = [];
      if (document.documentElement.scrollWidth > window.innerWidth) {
        const wide = Array.from(document.querySelectorAll<HTMLElement>('main *')).filter((e) => e.getBoundingClientRect().right > window.innerWidth);
        const names = wide.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().left)}-${Math.round(e.getBoundingClientRect().right)} ${getComputedStyle(e).display} « ${(e.textContent ?? '').slice(0, 40)} »`);
        problems.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}: ${names.join(', ')}`);
      }
      for (const box of Array.from(document.querySelectorAll<HTMLElement>('.table-scroll')))
        if (box.scrollWidth > box.clientWidth) problems.push(`table box « ${box.querySelector('caption')?.textContent} » ${box.scrollWidth} > ${box.clientWidth}`);
      for (const ref of Array.from(document.querySelectorAll<HTMLElement>('.ref')))
        if (ref.getClientRects().length !== 1) problems.push(`reference « ${ref.textContent} » on ${ref.getClientRects().length} lines`);
      return problems;
    });
  }
  const referencesShown = (page: Page) => page.locator('.ref').allTextContents();

  const PAGES: Array<[string, () => string, string, string]> = [
    ['/admin', () => '/admin', MANAGER, '#view .table-scroll'],
    ['/admin/complaints', () => '/admin/complaints?status=', STAFF, '#results table'],
    ['/admin/my-complaints', () => '/admin/my-complaints', STAFF, '#results table'],
    ['/admin/complaints/<assigned>', () => `/admin/complaints/${refs.assigned}`, STAFF, '#assignment'],
    ['/admin/complaints/<closed>', () => `/admin/complaints/${refs.closed}`, MANAGER, '#complaint'],
    ['/admin/incidents', () => '/admin/incidents', STAFF, '#view table'],
    ['/admin/incidents/<ref>', () => `/admin/incidents/${refs.incident}`, STAFF, '#view table'],
    ['/admin/callbacks', () => '/admin/callbacks', STAFF, '#callbacks tbody tr'],
  ];

  describe.each([320, 375])('at %i px', (width) => {
    it.each(PAGES)('%s fits the screen, keeps every reference on one line and is axe-clean', async (_name, path, token, ready) => {
      const page = await open(path(), token, width, ready);
      expect(await layoutProblems(page)).toEqual([]);
      expect((await referencesShown(page)).length).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
      await page.close();
    });
  });

  it('shows a table row as a card whose cells carry their column heading, still a table for screen readers', async () => {
    const page = await open(`/admin/complaints/${refs.assigned}`, STAFF, 375, '#assignment');
    const noteCell = page.locator('#history td[data-label="Note"]', { hasText: 'Boîte vocale' });
    expect(await noteCell.getAttribute('role')).toBe('cell');
    expect(await noteCell.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"Note"');
    // « Boîte vocale » is not broken mid-word: the note's cell is as wide as the card allows.
    const [noteWidth, rowWidth] = await noteCell.evaluate((td) => [td.getBoundingClientRect().width, (td.parentElement as HTMLElement).getBoundingClientRect().width]);
    expect(noteWidth).toBeGreaterThan(rowWidth * 0.9);
    expect(await page.locator('#history table[role="table"] tr[role="row"]').count()).toBeGreaterThan(1);
    // On a wide screen, the same table is a grid again.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await noteCell.evaluate((td) => getComputedStyle(td).display)).toBe('table-cell');
    await page.close();
  });

  it('writes every date in French: « 6 oct. 2026, 10 h 00 » in tables, « échéance le … » under a clock, no ISO instant anywhere', async () => {
    const page = await open('/admin/complaints?status=', STAFF, 375, '#results table');
    const received = await page.locator('#results td[data-label="Reçue le"], #results td[data-label="Reçues"]').first().textContent();
    expect(received?.trim()).toMatch(FRENCH_INSTANT);
    const day = new Intl.DateTimeFormat('fr-CA', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${RECEIVED}T12:00:00Z`));
    expect(received).toContain(day);
    expect(await page.textContent('#results')).toMatch(/échéance le \d{1,2}(er)? [a-zéû]+ \d{4}/);
    expect(await page.innerText('main')).not.toMatch(ISO_INSTANT);
    await page.close();

    for (const [path, ready] of [
      [`/admin/complaints/${refs.assigned}`, '#history'],
      [`/admin/incidents/${refs.incident}`, '#view table'],
      ['/admin/callbacks', '#callbacks tbody tr'],
    ]) {
      const p = await open(path, STAFF, 375, ready);
      if (path === '/admin/callbacks') {
        await p.click(`#callbacks a[href="#${refs.callback}"]`);
        await p.waitForSelector('#detail:not([hidden]) #detail-history li');
      }
      expect(await p.innerText('main')).not.toMatch(ISO_INSTANT);
      await p.close();
    }
    // In English on ?lang=en.
    const en = await open(`/admin/complaints/${refs.assigned}?lang=en`, STAFF, 375, '#history');
    expect(await en.locator('#history td[role="cell"]').first().textContent()).toMatch(/^[A-Z][a-z]{2}\.? \d{1,2}, \d{4}, \d{2}:\d{2}$/);
    await en.close();
  });

  it.each([
    ['/admin/complaints?status=', '#results table', 'filter-from', '#filters button[type=submit], form.filters button[type=submit]'],
    ['/admin/callbacks', '#callbacks tbody tr', 'filter-from', '#filters button[type=submit]'],
  ])('%s: its date fields read and accept AAAA-MM-JJ, and refuse 31/12/2026 with a French error tied to the field', async (path, ready, id, submit) => {
    const page = await open(path, STAFF, 375, ready);
    const input = page.locator(`#${id}`);
    expect(await input.getAttribute('type')).toBe('text');
    expect(await input.getAttribute('inputmode')).toBe('numeric');
    expect(await page.textContent(`#${id}-hint`)).toMatch(/^Format AAAA-MM-JJ, par exemple \d{4}-\d{2}-\d{2}\.$/);

    await input.focus();
    await page.keyboard.type('31/12/2026');
    await page.locator(submit).first().press('Enter');
    await page.waitForSelector(`#${id}-error:not([hidden])`);
    expect(await page.textContent(`#${id}-error`)).toContain('n\'est pas une date au format AAAA-MM-JJ');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain(`${id}-error`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(id);
    expect(await axeViolations(page)).toEqual([]);

    // The right shape, but no such day.
    await input.fill('2026-02-30');
    await page.locator(submit).first().press('Enter');
    await page.waitForFunction((field) => document.getElementById(`${field}-error`)?.textContent?.includes('2026-02-30'), id);

    // A day after every request seeded here: nothing is listed, and the error is gone.
    await input.fill(nextDay(calendar.addBusinessDays(RECEIVED, 30)));
    await page.locator(submit).first().press('Enter');
    await page.waitForSelector(`#${id}-error[hidden]`, { state: 'attached' });
    expect(await input.getAttribute('aria-invalid')).toBeNull();
    if (path === '/admin/callbacks') await page.waitForSelector('#empty:not([hidden])');
    else await page.waitForSelector('#results p');
    await page.close();
  });

  it('takes the dashboard’s month as AAAA-MM in a text field, and refuses 11/2026 with the error tied to the field', async () => {
    const page = await open('/admin', MANAGER, 375, '#view .table-scroll');
    const month = page.locator('#month');
    expect(await month.getAttribute('type')).toBe('text');
    await month.fill('11/2026');
    await month.press('Enter');
    await page.waitForSelector('#alert .alert');
    expect(await month.getAttribute('aria-invalid')).toBe('true');
    expect((await month.getAttribute('aria-describedby'))?.split(' ')).toContain('alert');
    expect(await page.textContent('#alert')).toContain('Exemple de mois');
    await month.fill(RECEIVED.slice(0, 7));
    await month.press('Enter');
    await page.waitForFunction(() => !document.getElementById('month')?.hasAttribute('aria-invalid'));
    await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').length > 0);
    await page.close();
  });

  it('gives the callbacks page the same banner: every navigation item, the current one marked, the session and sign-out', async () => {
    const page = await open('/admin/callbacks', STAFF, 375, '#callbacks tbody tr');
    expect(await page.locator('nav [data-nav]').allTextContents()).toEqual(['Statistiques', 'Plaintes', 'Mes plaintes', "Problèmes d'examen", 'Demandes de rappel']);
    expect(await page.locator('nav [aria-current="page"]').allTextContents()).toEqual(['Demandes de rappel']);
    expect(await page.textContent('#signed-in')).toBe('Session\u00a0: alice (personnel)');
    await page.focus('#logout');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#login:not([hidden])');
    expect(await page.isHidden('#session')).toBe(true);
    expect(await page.isHidden('#queue')).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('caDotationAdminToken'))).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
