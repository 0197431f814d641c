import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestServer, TestServer } from '../../support/server';
import { launchChromium, TestBrowser, SHOTS } from '../../web/browser';

const CLI = path.join(__dirname, '../../../node_modules/@microsoft/m365agentsplayground/cli.js');
const CHROMIUM = '/usr/bin/chromium';
/** The only reasons this test does not run: the Playground package or a Chromium to drive it is missing. */
const missing = !fs.existsSync(CLI) ? `${CLI} is not installed (npm install)` : !fs.existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install chromium)` : null;
const maybe = missing ? it.skip : it;

/** Starts the Playground as `npm run playground` does, on a free port, against our /api/messages. */
async function startPlayground(endpoint: string): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  const child = spawn(process.execPath, [CLI, '-e', endpoint, '-c', 'msteams', '-p', '0', '--dt'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Playground did not start: ${out}`)), 30000);
    const poll = setInterval(() => {
      const m = /Listening on (\d+)/.exec(out);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    }, 100);
  });
  return { url: `http://127.0.0.1:${port}/`, child, log: () => out };
}

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-lexical-editor="true"][role="textbox"]');
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/**
 * The local Teams tryout (R1 R2 R11): Microsoft 365 Agents Playground, Microsoft's own Teams client
 * for bots, runs offline against the server in local mode and a person reports an issue through
 * it: the bot's welcome, the prefilled form card, the ticket filed from it, and "my tickets".
 */
describe('Teams through Microsoft 365 Agents Playground (R1 R2 R11)', () => {
  let s: TestServer;
  let pg: Awaited<ReturnType<typeof startPlayground>>;
  let b: TestBrowser;
  beforeAll(async () => {
    if (missing) return;
    s = await startTestServer('sqlite');
    pg = await startPlayground(`${s.url}/api/messages`);
    b = await launchChromium();
  }, 60000);
  afterAll(async () => {
    if (missing) return;
    await b.close();
    pg.child.kill('SIGTERM');
    await s.close();
  });

  maybe(`files a ticket from the form card and lists it with "my tickets"${missing ? ` (cannot run here: ${missing})` : ''}`, async () => {
    const page = await b.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pg.url);
    await page.getByText('Describe your IT problem').first().waitFor({ timeout: 30000 });

    await say(page, 'my printer is broken');
    await page.getByText('New ticket').first().waitFor({ timeout: 20000 });
    expect(await page.locator('input[value="my printer is broken"]').count()).toBeGreaterThan(0);
    expect(await s.running.db.sequelize.query('SELECT COUNT(*) AS n FROM tickets').then(([r]) => Number((r as Array<{ n: number }>)[0].n))).toBe(0);
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    await page.getByText(/#1\b/).first().waitFor({ timeout: 20000 });
    const [rows] = await s.running.db.sequelize.query("SELECT id, title, source_channel AS channel FROM tickets");
    expect(rows).toEqual([{ id: 1, title: 'my printer is broken', channel: 'teams' }]);

    await say(page, 'my tickets');
    await page.getByText('My tickets (1)').first().waitFor({ timeout: 20000 });
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'teams-playground.png') });
    expect(pg.log()).toContain('Listening on');
  }, 120000);
});
