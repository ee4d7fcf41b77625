import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  artifactPath,
  axeViolations,
  botBubbles,
  choose,
  cspViolations,
  describeInBrowser,
  launchChromium,
  send,
  TestBrowser,
  userBubbles,
  waitForCount,
} from '../../helpers/browser';
import { fixedClock } from '../../../domain/clock';
import { computeDeadlines } from '../../../domain/complaints/deadlines';
import { formatLongDate } from '../../../domain/format/dates';
import { FRENCH_MONTHS } from '../../helpers/frenchDates';
import { startTestApplication, RunningTestApplication } from '../../helpers/testApplication';

jest.setTimeout(60_000);

/**
 * The chat page in Debian's Chromium (playwright-core), against the real server on an ephemeral port
 * with the built-in Direct Line: what a citizen sees and does, with a mouse, with a keyboard, on a
 * phone-sized screen, and what axe-core finds. Screenshots go to test-artifacts/.
 */
describeInBrowser('the Québec.ca chat page in Chromium', () => {
  let running: RunningTestApplication;
  let browser: TestBrowser;

  beforeAll(async () => {
    browser = await launchChromium();
    running = await startTestApplication({ DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '600' });
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function openChat(path = '/'): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${running.botUrl}${path}`);
    await waitForCount(botBubbles(page), 2);
    return page;
  }

  function conversationId(page: Page): Promise<string | undefined> {
    return page.evaluate(() => JSON.parse(sessionStorage.getItem('assistant-ca-dotation.conversation') ?? '{}').conversationId as string | undefined);
  }

  it('opens in French with the welcome, answers a question and a suggested action, with no axe or CSP violation', async () => {
    const page = await openChat();
    try {
      expect(await page.title()).toContain("Clavarder avec l'assistant virtuel");
      expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
      expect(await page.locator('h1').innerText()).toBe("Clavarder avec l'assistant virtuel du Centre d'assistance en dotation");
      expect(await page.getByText('Vous clavardez avec un assistant automatisé').isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: "Politique de confidentialité de l'assistant virtuel" }).getAttribute('href')).toBe('/confidentialite');
      expect(await botBubbles(page).first().innerText()).toContain('Je suis un assistant automatisé, pas une personne.');
      expect(await page.locator('#webchat .webchat__suggested-action').allInnerTexts()).toEqual([
        'Questions sur la dotation',
        "Problème technique lors d'un examen en ligne",
        'Déposer une plainte',
        'Suivre une plainte',
        'Parler à une personne',
      ]);
      expect(await page.locator('#webchat').getByRole('textbox').getAttribute('placeholder')).toBe('Écrivez votre message');
      // The fonts come from this server.
      expect(
        await page.evaluate(async () => (await document.fonts.ready, document.fonts.check('16px "Open Sans"') && document.fonts.check('700 16px Roboto'))),
      ).toBe(true);

      // Web Chat's screen-reader live region receives the answers: record what is added to it.
      await page.evaluate(() => {
        const w = window as unknown as { liveText: string[] };
        w.liveText = [];
        new MutationObserver(() => {
          document.querySelectorAll('#webchat [aria-live]').forEach((region) => w.liveText.push(region.textContent ?? ''));
        }).observe(document.querySelector('#webchat')!, { subtree: true, childList: true, characterData: true });
      });

      await send(page, 'parler à une personne');
      await waitForCount(botBubbles(page, '418 528-7157'), 1);
      expect(await userBubbles(page, 'parler à une personne').count()).toBe(1);
      // The page keeps phone numbers on one line (no-break spaces).
      expect(await botBubbles(page, '418 528-7157').innerText()).toContain('1\u00a0866\u00a0672-3460');
      expect((await page.evaluate(() => (window as unknown as { liveText: string[] }).liveText)).join(' ').replace(/\u00a0/g, ' ')).toContain('418 528-7157');

      await choose(page, 'Parler à une personne');
      await waitForCount(botBubbles(page, '418 528-7157'), 2);
      expect(await userBubbles(page).allInnerTexts()).toEqual(['parler à une personne', 'Parler à une personne']);

      expect(await axeViolations(page)).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
      await page.screenshot({ path: artifactPath('chat-page-desktop.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('files a short complaint and shows its reference, rendering what the citizen typed as text', async () => {
    const page = await openChat();
    try {
      await choose(page, 'Déposer une plainte');
      await waitForCount(botBubbles(page, /Acceptez-vous/), 1);
      await choose(page, "Oui, j'accepte");
      await waitForCount(botBubbles(page, /votre nom/), 1);
      await send(page, 'Hélène <img src=x onerror="window.pwned=1"> Gagnon');
      await waitForCount(botBubbles(page, /Comment préférez-vous/), 1);
      await choose(page, 'Courriel');
      await waitForCount(botBubbles(page, /adresse courriel/), 1);
      await send(page, 'helene.gagnon@exemple.ca');
      await waitForCount(botBubbles(page, /Quel service/), 1);
      await choose(page, 'Service téléphonique du CA-dotation');
      await waitForCount(botBubbles(page, /Quand la situation/), 1);
      await send(page, 'hier');
      await waitForCount(botBubbles(page, /Décrivez la situation/), 1);
      await send(page, 'On m’a transféré trois fois sans jamais répondre à ma question. <b>Urgent</b>');
      await waitForCount(botBubbles(page, /Quel résultat souhaitez-vous/), 1);
      await choose(page, 'Passer cette question');
      await waitForCount(botBubbles(page, /Résumé de votre plainte/), 1);

      // Raw HTML typed by a person is shown as text, in the person's bubble and in the summary card.
      expect(await userBubbles(page, 'Hélène <img src=x onerror="window.pwned=1"> Gagnon').count()).toBe(1);
      expect(await page.locator('#webchat img[src="x"], #webchat b').count()).toBe(0);
      expect(await botBubbles(page, /Résumé de votre plainte/).innerText()).toContain('<b>Urgent</b>');
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await axeViolations(page)).toEqual([]);

      await page.locator('#webchat').getByRole('button', { name: 'Confirmer' }).last().click();
      await waitForCount(botBubbles(page, /PL-\d{4}-\d{6}/), 1);
      const confirmation = await botBubbles(page, /PL-\d{4}-\d{6}/).innerText();
      const reference = /PL-\d{4}-\d{6}/.exec(confirmation)![0];
      // The deadlines the citizen reads are the project's calendar applied to the moment of receipt.
      const complaint = (await running.app.services.complaints.get(reference))!;
      const due = computeDeadlines(complaint.receivedAt, running.app.services.calendar);
      expect(confirmation).toContain(`au plus tard le ${formatLongDate(due.firstContactDueAt, 'fr')}`);
      expect(confirmation).toContain(`au plus tard le ${formatLongDate(due.answerDueAt, 'fr')}`);
      expect(await running.app.db('complaints').where({ reference }).first()).toMatchObject({
        complainant_name: 'Hélène <img src=x onerror="window.pwned=1"> Gagnon',
        channel_id: 'directline',
      });
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('keeps the conversation after a reload, downloads the transcript, and starts a new conversation on request', async () => {
    const page = await openChat();
    try {
      await send(page, 'parler à une personne');
      await waitForCount(botBubbles(page, '418 528-7157'), 1);
      const before = await conversationId(page);

      await page.reload();
      await waitForCount(botBubbles(page, '418 528-7157'), 1);
      expect(await conversationId(page)).toBe(before);
      expect(await userBubbles(page, 'parler à une personne').count()).toBe(1);
      await page.locator('#chat-status', { hasText: 'Votre conversation se poursuit' }).waitFor();
      await send(page, 'parler à une personne');
      await waitForCount(botBubbles(page, '418 528-7157'), 2);
      expect(await botBubbles(page, /Je suis un assistant automatisé/).count()).toBe(1); // not welcomed again

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger la conversation' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^conversation-assistant-ca-dotation-\d{4}-\d{2}-\d{2}\.txt$/);
      const transcript = readFileSync((await download.path())!, 'utf8');
      expect(transcript.startsWith('\ufeffConversation avec l’assistant virtuel'.replace('’', "'"))).toBe(true);
      expect(transcript).toContain('\r\n');
      expect(transcript).toMatch(new RegExp(`Téléchargée le (1er|\\d{1,2}) (${FRENCH_MONTHS.join('|')}) \\d{4}`));
      expect(transcript).toContain('Je suis un assistant automatisé, pas une personne.');
      expect(transcript).toMatch(/Vous \([^)]+\) :\r\nparler à une personne/);
      expect(transcript).toMatch(/Assistant virtuel \([^)]+\) :\r\nPour parler à une personne/);
      expect(transcript).toContain('Choix proposés : Questions sur la dotation | Problème technique');
      expect(transcript.match(/418 528-7157/g)).toHaveLength(2);
      await page.locator('#chat-status', { hasText: `La conversation a été téléchargée dans le fichier ${download.suggestedFilename()}` }).waitFor();

      await page.getByRole('button', { name: 'Nouvelle conversation' }).click();
      await page.locator('#chat-status', { hasText: 'Une nouvelle conversation commence' }).waitFor();
      await waitForCount(botBubbles(page, /Je suis un assistant automatisé/), 1);
      await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA'); // focus back in the send box
      expect(await conversationId(page)).not.toBe(before);
      expect(await botBubbles(page, '418 528-7157').count()).toBe(0);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('can be used with the keyboard only', async () => {
    const page = await openChat();
    try {
      const active = () =>
        page.evaluate(() => ({ id: document.activeElement?.id, tag: document.activeElement?.tagName, text: document.activeElement?.textContent?.trim() }));
      await page.keyboard.press('Tab');
      expect(await active()).toMatchObject({ tag: 'A', text: 'Passer au clavardage' });
      await page.keyboard.press('Enter');
      expect(await active()).toMatchObject({ id: 'clavardage' });

      let reached = false;
      for (let i = 0; i < 12 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        reached = (await active()).tag === 'TEXTAREA';
      }
      expect(reached).toBe(true);
      await page.keyboard.type('parler à une personne');
      await page.keyboard.press('Enter');
      await waitForCount(botBubbles(page, '418 528-7157'), 1);

      // Back to the suggested actions (a toolbar: arrow keys move between them), and choose one. Web Chat
      // makes only the first button tabbable once the toolbar is mounted: wait for it (a busy machine).
      await page.waitForFunction(() => {
        const buttons = Array.from(document.querySelectorAll('[role="toolbar"] button'));
        return buttons.some((b) => b.textContent?.includes('Demander un rappel')) && buttons.filter((b) => b.getAttribute('tabindex') === '0').length === 1;
      });
      await page.keyboard.press('Shift+Tab');
      expect((await active()).text).toBe('Questions sur la dotation');
      for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
      expect((await active()).text).toBe('Parler à une personne');
      await page.keyboard.press('Enter');
      await waitForCount(botBubbles(page, '418 528-7157'), 2);

      // On to the download button, past the send box.
      let onDownload = false;
      for (let i = 0; i < 6 && !onDownload; i += 1) {
        await page.keyboard.press('Tab');
        onDownload = (await active()).id === 'download-transcript';
      }
      expect(onDownload).toBe(true);
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toMatch(/\.txt$/);
      // The focus indicator is visible (WCAG 2.4.7).
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    } finally {
      await page.close();
    }
  });

  it('reflows at 320 px and at 200 % zoom without horizontal scrolling, with no axe violation', async () => {
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(`${running.botUrl}/`);
      await waitForCount(botBubbles(page), 2);
      await send(page, 'parler à une personne');
      await waitForCount(botBubbles(page, '418 528-7157'), 1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      // Long suggested actions wrap rather than being cut.
      const cut = await page
        .locator('#webchat .webchat__suggested-action__text')
        .evaluateAll((spans) => spans.filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.textContent));
      expect(cut).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: artifactPath('chat-page-320px.png'), fullPage: true });

      // 200 % zoom of a 1280 × 800 window: a 640 × 400 CSS-pixel viewport.
      await page.setViewportSize({ width: 640, height: 400 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
      expect(await page.locator('#webchat').getByRole('textbox').isVisible()).toBe(true);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('refreshes its token before it expires, so a short DIRECT_LINE_TOKEN_TTL_SECONDS does not cut the chat', async () => {
    const start = Date.parse('2026-11-23T15:00:00Z');
    const serverClock = fixedClock(new Date(start));
    const shortLived = await startTestApplication({ DIRECT_LINE_TOKEN_TTL_SECONDS: '60' }, { clock: serverClock });
    const ownBrowser = await launchChromium({ ownClock: true }); // its own context: the page's fake clock stays there
    try {
      const page = await ownBrowser.context.newPage();
      await page.clock.install();
      await page.goto(`${shortLived.botUrl}/`);
      await page.clock.resume();
      await waitForCount(botBubbles(page), 2);
      const tokenOf = () => page.evaluate(() => JSON.parse(sessionStorage.getItem('assistant-ca-dotation.conversation') ?? '{}').token as string);
      const first = await tokenOf();

      serverClock.set(new Date(start + 40_000));
      await page.clock.fastForward(31_000); // the page refreshes at half of the 60 s
      await page.waitForFunction((old) => JSON.parse(sessionStorage.getItem('assistant-ca-dotation.conversation') ?? '{}').token !== old, first);

      serverClock.set(new Date(start + 70_000)); // the first token has expired, the new one has not
      await send(page, 'parler à une personne');
      await waitForCount(botBubbles(page, '418 528-7157'), 1);
      expect(await tokenOf()).not.toBe(first);
    } finally {
      await ownBrowser.close();
      await shortLived.close();
    }
  });

  it('serves the page in English with ?lang=en, and the privacy policy', async () => {
    const page = await openChat('/?lang=en');
    try {
      expect(await page.locator('html').getAttribute('lang')).toBe('en-CA');
      expect(await botBubbles(page).first().innerText()).toContain('I am an automated assistant, not a person.');
      await page.getByRole('link', { name: 'Privacy policy of the virtual assistant' }).click();
      await page.waitForURL(/\/confidentialite\?lang=en$/);
      expect(await page.locator('h1').innerText()).toBe('Privacy policy of the virtual assistant');
      await page.getByRole('link', { name: 'Français' }).click();
      await page.waitForURL(/\/confidentialite$/);
      expect(await page.locator('h1').innerText()).toBe("Politique de confidentialité de l'assistant virtuel");
      expect(await axeViolations(page)).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
