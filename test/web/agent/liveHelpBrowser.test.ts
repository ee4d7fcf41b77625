import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { projectPath } from '../../../domain/paths';
import type { Clock } from '../../../domain/clock';
import { axeViolations, botBubbles, cspViolations, describeInBrowser, launchChromium, send, TestBrowser, waitForCount } from '../../helpers/browser';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';
import { openInstant } from '../../helpers/liveHelpFixtures';

jest.setTimeout(90_000);

const ALICE = 'alice-token-aaaaaaaaaaaaaaaaaaaaaaaa';

/** The console's script is compiled from web/agent/agent.ts (gitignored output), as `npm run build` does. */
function buildConsoleScript(): void {
  const source = projectPath('web', 'agent', 'agent.ts');
  const output = projectPath('web', 'agent', 'agent.js');
  if (existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs) return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', projectPath('web', 'tsconfig.json')], { stdio: 'inherit' });
}

/**
 * Two pages in Chromium against the real server and its built-in Direct Line: a citizen on the chat
 * page (Web Chat) and an agent on the console, through the whole handoff, by keyboard, with axe-core
 * on the console at desktop, 375 and 320 px.
 */
describeInBrowser('live help in Chromium: a citizen and an agent', () => {
  let running: RunningTestApplication;
  let browser: TestBrowser;

  beforeAll(async () => {
    buildConsoleScript();
    const offset = openInstant().getTime() - Date.now();
    const clock: Clock = { now: () => new Date(Date.now() + offset) };
    running = await startTestApplication(
      { ADMIN_TOKENS: `staff:alice:${ALICE}`, LIVE_HELP_ENABLED: 'true', DIRECT_LINE_RATE_LIMIT_PER_MINUTE: '600' },
      { clock },
    );
    browser = await launchChromium({ clockStart: clock.now() });
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function axeAtWidths(page: Page): Promise<void> {
    for (const width of [1280, 375, 320]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('request, place shown, accept, messages both ways, note, end, citizen back with the assistant', async () => {
    const agent = await browser.context.newPage();
    await agent.goto(`${running.botUrl}/agent`);
    await agent.waitForSelector('#login:not([hidden])');
    expect(await axeViolations(agent)).toEqual([]);
    await agent.fill('#token', ALICE);
    await agent.press('#token', 'Enter');
    await agent.waitForSelector('#console:not([hidden])');
    expect(await agent.textContent('#signed-in')).toBe('Connecté comme alice');
    await agent.focus('#available');
    await agent.keyboard.press('Space');
    await agent.waitForFunction(() => (document.getElementById('available') as HTMLInputElement).checked);
    await agent.waitForSelector('#connection:has-text("Mises à jour en direct")');

    const citizen = await browser.context.newPage();
    await citizen.goto(`${running.botUrl}/`);
    await waitForCount(botBubbles(citizen), 2);
    await send(citizen, 'parler à une personne');
    await botBubbles(citizen, 'au rang 1').waitFor();

    // The queue updates live on the console.
    const accept = agent.getByRole('button', { name: 'Accepter' });
    await accept.waitFor();
    expect(await agent.locator('#queue li').first().textContent()).toContain('Rang 1');
    await accept.focus();
    await agent.keyboard.press('Enter');
    const messageField = agent.locator('textarea[id^="message-"]');
    await messageField.waitFor();
    await agent.waitForFunction(() => document.activeElement?.id.startsWith('message-') === true);
    await botBubbles(citizen, 'Alice, du Centre').waitFor();

    // The citizen's earlier answers are there, masked.
    expect(await agent.locator('.transcript').textContent()).toContain('parler à une personne');

    await agent.keyboard.type('Bonjour, je suis là pour vous aider.');
    await agent.keyboard.press('Tab');
    await agent.keyboard.press('Enter');
    await botBubbles(citizen, 'Bonjour, je suis là pour vous aider.').waitFor();
    expect(await botBubbles(citizen, 'Bonjour, je suis là pour vous aider.').first().textContent()).toContain('Alice');

    await send(citizen, "J'attends mon résultat de concours");
    const log = agent.getByRole('log');
    await log.locator('li', { hasText: "J'attends mon résultat de concours" }).waitFor();
    expect(await log.getAttribute('aria-live')).toBe('polite');

    await agent.fill('textarea[id^="note-"]', 'Vérifier le résultat au dossier');
    await agent.locator('textarea[id^="note-"]').press('Tab');
    await agent.keyboard.press('Enter');
    await agent.locator('.note-list li', { hasText: 'Vérifier le résultat au dossier' }).waitFor();
    expect(await agent.textContent('#status')).toBe('Note ajoutée.');
    await axeAtWidths(agent);
    expect(await cspViolations(agent)).toEqual([]);
    // The note is never shown to the citizen.
    expect(await citizen.locator('#webchat').textContent()).not.toContain('Vérifier le résultat');

    await agent.getByRole('button', { name: 'Terminer la conversation' }).click();
    await agent.waitForSelector('#sessions-empty:not([hidden])');
    await botBubbles(citizen, 'a terminé la conversation').waitFor();
    await send(citizen, 'Quelles sont vos heures?');
    await botBubbles(citizen, /8\s?h\s?30/).first().waitFor();
    expect(await cspViolations(citizen)).toEqual([]);
  });
});
