import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { projectPath } from '../../domain/paths';
import { testClockStart } from './testClock';
import { tempDir } from './tempDir';

/** Debian's Chromium (installed by `.ci/run`, or `apt-get install -y chromium`). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** SKIP_BROWSER_TESTS=1 skips the browser tests; otherwise a missing Chromium fails them, loudly. */
export const describeInBrowser: jest.Describe = process.env.SKIP_BROWSER_TESTS === '1' ? describe.skip : describe;

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Where tests leave screenshots for people to look at (git-ignored). */
export function artifactPath(name: string): string {
  const dir = projectPath('test-artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh profile (its own --user-data-dir in a temp folder), French, downloads allowed.
 * Its pages' clock starts at `clockStart` (a test whose server runs on a fixed clock passes the same
 * instant), else at TEST_CLOCK when set; `ownClock` leaves the clock to a test that drives it itself.
 */
export async function launchChromium(options: { clockStart?: Date; ownClock?: boolean } = {}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with \`apt-get update && apt-get install -y chromium\` ` +
        '(.ci/run does it in CI), set CHROMIUM_PATH, or set SKIP_BROWSER_TESTS=1 to skip the browser tests.',
    );
  }
  const profile = tempDir('assistant-chromium-');
  const context = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: 'fr-CA',
    timezoneId: 'America/Toronto',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const start = options.clockStart ?? testClockStart();
  if (start && !options.ownClock) {
    await context.clock.install({ time: start });
    await context.clock.resume();
  }
  // Every Content-Security-Policy violation of every page, for the tests to assert there is none.
  await context.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return {
    context,
    close: async () => {
      await context.close();
      profile.cleanup();
    },
  };
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.0/2.1 A and AA, and best practices) in the page; returns the violations, readable. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, so the page's CSP (script-src 'self') does not get in the way.
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run(context: Document, options: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[]; failureSummary: string }> }> }>;
        };
      }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`));
}

/** The assistant's bubbles in Web Chat. */
export function botBubbles(page: Page, hasText?: string | RegExp): Locator {
  return page.locator('#webchat .webchat__bubble:not(.webchat__bubble--from-user)', hasText ? { hasText } : {});
}

export function userBubbles(page: Page, hasText?: string | RegExp): Locator {
  return page.locator('#webchat .webchat__bubble.webchat__bubble--from-user', hasText ? { hasText } : {});
}

/** Waits until the locator matches at least `count` elements (Web Chat polls Direct Line once a second). */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 15_000): Promise<void> {
  await locator.nth(count - 1).waitFor({ state: 'attached', timeout: timeoutMs });
}

/** Types a message in Web Chat's send box and sends it with Enter. */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.locator('#webchat').getByRole('textbox');
  await box.fill(text);
  await box.press('Enter');
}

/** Clicks one of the suggested actions of the latest message. */
export async function choose(page: Page, title: string): Promise<void> {
  await page.locator('#webchat .webchat__suggested-actions').getByRole('button', { name: title, exact: true }).click();
}
