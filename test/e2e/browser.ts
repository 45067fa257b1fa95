import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';

/** Chromium flags that work on these machines (no GPU, no sandbox, no background network). */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** uncaught errors in the page and console errors, for the test to assert on */
  errors: string[];
}

export async function openSession(browser: Browser, baseURL: string, width = 1280): Promise<Session> {
  const context = await browser.newContext({ baseURL, viewport: { width, height: 900 }, locale: 'fr-BE' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // a 4xx answer the page handles (bad import, login failure) is logged by Chromium as an error
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { context, page, errors };
}

/**
 * Chromium for this test file: launched before its tests, closed after. `open()` starts a fresh
 * session on the server the global set-up started; call it inside a test.
 */
export function browserForFile(): { open(width?: number): Promise<Session> } {
  const baseURL = inject('baseURL');
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    open(width) {
      if (!browser) throw new Error('the browser is launched in beforeAll: open a session inside a test');
      return openSession(browser, baseURL, width);
    },
  };
}

/** Run axe (WCAG 2.1 A/AA and best practices) and fail on any serious or critical violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`)
        .join('\n')}`,
  );
  expect(report, `axe on ${where}`).toEqual([]);
}
