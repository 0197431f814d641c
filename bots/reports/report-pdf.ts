import { existsSync } from 'node:fs';
import type * as Playwright from 'playwright-core';

/** Where Chromium is looked for when HELPDESK_CHROMIUM_PATH is not set: Debian's and Ubuntu's packages. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** No browser to print with: answered 503 with this code and how to fix it. */
export class PdfUnavailableError extends Error {
  readonly code = 'pdf_unavailable';
  constructor() {
    super('No Chromium to print the PDF: install it (apt-get install chromium) or set HELPDESK_CHROMIUM_PATH to its path.');
  }
}

export function findChromium(configured?: string): string | null {
  if (configured) return existsSync(configured) ? configured : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * The report's PDF, printed by the system's Chromium from the same HTML as the mail (playwright-core
 * drives it and downloads no browser). No Chromium: a coded error saying how to install one.
 */
export async function htmlToPdf(html: string, chromiumPath?: string): Promise<Buffer> {
  const path = findChromium(chromiumPath);
  if (!path) throw new PdfUnavailableError();
  // Loaded when a PDF is asked for: the server's start and memory do not pay for it.
  const { chromium } = require('playwright-core') as typeof Playwright; // eslint-disable-line @typescript-eslint/no-require-imports
  const browser = await chromium.launch({ executablePath: path, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    // The page is ours and self-contained (the chart is a data URI): nothing is fetched.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    return Buffer.from(await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } }));
  } finally {
    await browser.close();
  }
}
