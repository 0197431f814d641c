import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { startTestServer, type TestServer } from '../support/server';
import { testClock, World } from '../support/fixtures';
import { NOW, seedReportWeek, seedSlaFlags } from '../core/reports/report-fixture';
import { CHART_WIDTH } from '../../cards/report-chart';
import { reportSummaryAdaptive } from '../../cards/report-summary.adaptive';
import { reportLinks } from '../../core/reports/report-poster.port';
import type { StoredReport } from '../../core/reports/stored-report.port';
import { launchChromium, PHONE, signedInAs, type TestBrowser } from '../web/browser';

/**
 * The report's files as a manager opens them (R8, R14): one chart description drawn as SVG (web) and
 * PNG (cards, mail) with title, axis names, units, legend, names and the reader's number format; the
 * PDF printed from the mail's HTML, its text read back with pdftotext; screenshots of the card, the
 * mail and the dashboard in test-output/reports/.
 */
const SHOTS = path.resolve(__dirname, '../../test-output/reports');

describe('report chart, PDF and screenshots (R8, R14) on sqlite', () => {
  let server: TestServer;
  let b: TestBrowser;
  const clock = testClock(NOW);
  const stored: Record<'fr' | 'en', StoredReport> = {} as never;
  let mia = 0;
  const file = (s: StoredReport, name: string) => `${server.url}/reports/${s.id}/${s.accessKey}/${name}`;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer('sqlite', { clock });
    b = await launchChromium();
    const w = new World(server.t, clock);
    await seedReportWeek(w);
    await seedSlaFlags(w);
    mia = (await w.insertPerson('manager', { name: 'Mia Manager', email: 'mia@example.test', locale: 'fr' })).id;
    const token = await server.token('admin', { email: 'boss@example.test' });
    for (const lang of ['fr', 'en'] as const) {
      const sent = await server.call('POST', '/api/v1/reports/send', token, { period: 'weekly', from: '2026-11-16', lang });
      expect(sent.status).toBe(201);
      stored[lang] = (await server.t.uow.read.storedReports.get(sent.body.report.id))!;
    }
  });
  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('SVG: title, period, panel titles, axis names with units, legend, service and technician names, in each language', async () => {
    const en = await (await fetch(file(stored.en, 'chart.svg'))).text();
    for (const text of ['Weekly report from 16 Nov 2026 to 22 Nov 2026', 'Scope: all tickets · Previous period: 3 opened, 1 resolved', 'Tickets opened and resolved per day',
      'Mean resolution time per service', 'Tickets handled per technician', 'Tickets (count)', 'Business hours (h)', 'Day',
      'Opened', 'Resolved', 'Mean resolution (business h)', 'Handled', 'Overdue now', 'Postes de travail', 'Réseau', 'Bob Durand', 'Alice Martin', 'Mon 16', '9.5 h', '70.5 h']) {
      expect(en).toContain(`>${text}<`);
    }
    const fr = await (await fetch(file(stored.fr, 'chart.svg'))).text();
    // French words and number format: a decimal comma.
    for (const text of ['Rapport hebdomadaire du 16 nov. 2026 au 22 nov. 2026', 'Tickets ouverts et résolus par jour', 'Heures ouvrées (h)', 'Ouverts', 'Résolus', 'lun. 16', '9,5 h', '70,5 h']) {
      expect(fr).toContain(`>${text}<`);
    }
  });

  it('PNG: twice the SVG size for phones, text drawn with a real font, light and dark backgrounds', async () => {
    const read = async (name: string) => PNG.sync.read(Buffer.from(await (await fetch(file(stored.en, name))).arrayBuffer()));
    const light = await read('chart.png');
    const dark = await read('chart-dark.png');
    expect(light.width).toBe(CHART_WIDTH * 2);
    expect(dark.width).toBe(CHART_WIDTH * 2);
    const px = (p: PNG, x: number, y: number) => [...p.data.subarray((y * p.width + x) * 4, (y * p.width + x) * 4 + 3)];
    expect(px(light, 2, 2)).toEqual([255, 255, 255]);
    expect(px(dark, 2, 2)).toEqual([0x1f, 0x29, 0x37]);
    // The title band (top 60 px at 2x) holds glyphs: ink-coloured pixels exist only if a font was found.
    let ink = 0;
    for (let y = 0; y < 60; y++) for (let x = 0; x < light.width; x++) if (px(light, x, y)[0] < 80) ink++;
    expect(ink).toBeGreaterThan(500);
  });

  it('PDF: printed by Chromium from the same HTML, its text holds the figures and SLA compliance', async () => {
    const res = await fetch(file(stored.fr, 'report.pdf'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const out = path.join(SHOTS, 'report-weekly.fr.pdf');
    fs.writeFileSync(out, pdf);
    const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout.replace(/[ \t]+/g, ' ');
    // A long title may wrap in the PDF's text.
    expect(text.replace(/\s+/g, ' ')).toContain('Rapport hebdomadaire du 16 nov. 2026 au 22 nov. 2026');
    expect(text).toContain('Respect des SLA (suivi SLA)');
    expect(text).toMatch(/Résolution 1 4 1 20/);
    expect(text).toMatch(/Prise en charge 2 1 0 66\.7/);
    expect(text).toContain('SLA résolution : respectés / manqués / à risque 1 / 4 / 1 (20 %)');
    expect(text).toMatch(/#\d+ VPN coupé en réunion Réseau 2026-11-19 10:00/);
    expect(text).toContain('Postes de travail');
  });

  it('screenshots: the Teams card, the mail and the dashboard with who received the report', async () => {
    const links = reportLinks(server.url, stored.en);
    const card = reportSummaryAdaptive(stored.en.report, links);
    const ctx = await b.browser.newContext(PHONE);
    const page = await ctx.newPage();
    // The card drawn by Microsoft's own Adaptive Cards renderer, at a phone's width (Teams mobile).
    await page.setContent('<!doctype html><html><body style="margin:0;background:#f5f5f5;font-family:DejaVu Sans"><div id="card" style="background:#fff;margin:8px;padding:4px"></div></body></html>');
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
    await page.evaluate((json) => {
      const g = globalThis as any;
      const c = new g.AdaptiveCards.AdaptiveCard();
      c.parse(json);
      g.document.getElementById('card').appendChild(c.render());
    }, card);
    await page.waitForFunction(() => [...(globalThis as any).document.images].every((i: any) => i.complete && i.naturalWidth > 0));
    expect(await page.textContent('#card')).toContain('Weekly report from 16 Nov 2026 to 22 Nov 2026');
    await page.screenshot({ path: path.join(SHOTS, 'card-teams.png'), fullPage: true });
    await page.goto(links.html);
    expect(await page.textContent('h1')).toBe('Weekly report from 16 Nov 2026 to 22 Nov 2026');
    await page.screenshot({ path: path.join(SHOTS, 'mail.png'), fullPage: true });
    await ctx.close();

    const { ctx: dash, page: d } = await signedInAs(b.browser, server.url, mia, PHONE, 'fr-FR');
    await d.goto('/dashboard?period=weekly&from=2026-11-16');
    expect(await d.locator('.report-chart .rc-light svg').count()).toBe(1);
    expect(await d.textContent('[data-table="sla-compliance"]')).toContain('20 %');
    expect(await d.locator('[data-list="overdue"] a').count()).toBe(2);
    // Nobody had a channel: the dashboard says so, and names the manager not reached with why.
    expect(await d.textContent('section.stored')).toContain("Personne n'a reçu ce rapport.");
    expect(await d.textContent('section.stored')).toContain('Mia Manager : Non atteint');
    await d.screenshot({ path: path.join(SHOTS, 'dashboard.png'), fullPage: true });
    await dash.close();
  });
});
