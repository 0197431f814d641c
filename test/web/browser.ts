import fs from 'node:fs';
import path from 'node:path';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';

/** Headless Debian Chromium with a fresh profile, as CI runs it; screenshots go to test-output/web/. */
export const SHOTS = path.resolve(__dirname, '../../test-output/web');
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
export const DESK = { viewport: { width: 1280, height: 900 } };

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<TestBrowser> {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir and deletes it at close).
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { browser, close: () => browser.close() };
}

/** A person's own browser (own cookies), signed in through the local sign-in page like anyone would. */
export async function signedInAs(b: Browser, baseUrl: string, personId: number, opts: object = DESK, locale = 'en-GB'): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await b.newContext({ ...opts, baseURL: baseUrl, locale });
  const page = await ctx.newPage();
  await page.goto('/signin');
  await page.selectOption('#person', String(personId));
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/signin')), page.click('form[action="/signin"] button[type=submit]')]);
  return { ctx, page };
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
