import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport } from '../../../core/reports/build-report.service';
import { renderReport, reportCsv, reportMarkdown } from '../../../core/reports/report.render';
import { TEST_DATABASES } from '../../support/db';
import { useWorld } from '../../support/fixtures';
import { NOW, seedReportWeek, seedSlaFlags } from './report-fixture';

/**
 * The renderings of the fixed week, whole: every figure of report.test.ts as a manager reads it,
 * in French (Markdown) and English (CSV), texts from the catalogue. The expected files hold
 * {placeholders} for database ids, which differ between runs.
 */
const URL = 'https://helpdesk.example.com';
const expected = (file: string, ids: Record<string, number>) =>
  readFileSync(join(__dirname, 'expected', file), 'utf8').replace(/\{(\w+)\}/g, (_, k: string) => String(ids[k]));

describe.each(TEST_DATABASES)('report renderings in French and English (R8 reports) on %s', (dbName) => {
  const world = useWorld(dbName, NOW);

  async function setUp() {
    const w = world();
    const s = await seedReportWeek(w);
    const tickets = await seedSlaFlags(w);
    const manager = await w.manager('Mia');
    const ids: Record<string, number> = { poste: s.poste.id, reseau: s.reseau.id, alice: s.alice.id, bob: s.bob.id, ...s.category };
    tickets.forEach((id, i) => (ids[`t${i + 1}`] = id));
    const report = (lang: 'fr' | 'en') => buildReport(w.deps, manager.actor, { period: 'weekly', from: '2026-11-16', lang }, 'Europe/Paris');
    return { ids, report };
  }

  it('writes the French Markdown report, every table and figure', async () => {
    const { ids, report } = await setUp();
    expect(reportMarkdown(await report('fr'), URL)).toBe(expected('weekly.fr.md', ids));
  });

  it('R8/R9 CSV cells that a spreadsheet would run as a formula (= + - @ tab CR) are neutralised, as OWASP advises', async () => {
    const { report } = await setUp();
    const r = await report('en');
    const evil = ['=HYPERLINK("http://evil.example/x","clic")', '@SUM(1+1)', '+33 1 23', '-2+3', '\tTAB', '\rCR', '=1,2;"3"'];
    r.recurring.titles = evil.map((label, i) => ({ key: `k${i}`, label, current: 3, previous: 1, trend: 'up' as const }));
    r.technicians = [{ ...r.technicians[0], name: '=cmd|" /C calc"!A0' }];
    // A minimal RFC 4180 reader: what a spreadsheet sees in each cell.
    const cells: string[] = [];
    const csv = reportCsv(r);
    for (let i = 0, cell = '', quoted = false; i < csv.length; i++) {
      const c = csv[i];
      if (quoted) {
        if (c === '"' && csv[i + 1] === '"') (cell += '"'), i++;
        else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',' || c === '\n') (cells.push(cell.replace(/\r$/, '')), (cell = ''));
      else cell += c;
    }
    for (const label of [...evil, '=cmd|" /C calc"!A0']) expect(cells).toContain(`'${label}`);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    // Figures stay figures.
    expect(cells).toContain('3');
  });

  it('writes the English CSV report, one figure a line, CRLF as RFC 4180 says', async () => {
    const { ids, report } = await setUp();
    const csv = reportCsv(await report('en'), URL);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n').slice(0, -1)).toEqual(expected('weekly.en.csv', ids).trimEnd().split('\n'));
  });

  it('uses the same words in the other language: English Markdown and French CSV', async () => {
    const { report } = await setUp();
    const md = reportMarkdown(await report('en'));
    expect(md).toContain('# Weekly report from 16 Nov 2026 to 22 Nov 2026\n\nScope: all tickets\nGenerated on 2026-11-25 11:00 (Europe/Paris)\n');
    expect(md).toContain('| Bob Durand | 3 | 840 | 0 |');
    expect(md).toContain('| Imprimante HP : bourrage papier | 3 | 0 | new |');
    const csv = reportCsv(await report('fr'));
    expect(csv.split('\r\n')[0]).toBe('section,clé,élément,indicateur,valeur');
    expect(csv).toContain('\r\nDélais (minutes ouvrées),resolution,Résolution,Médiane,1050\r\n');
    expect(csv).toContain('\r\nProblèmes récurrents,vpn coupe,VPN coupé,Tendance,stable\r\n');
  });

  it('quotes CSV cells holding commas or quotes, and JSON is the report itself', async () => {
    const w = world();
    await seedReportWeek(w);
    await w.db.db.sequelize.query(`UPDATE services SET name = 'Postes, "PC" et écrans' WHERE slug = 'poste'`);
    const manager = await w.manager('Mia');
    const r = await buildReport(w.deps, manager.actor, { from: '2026-11-16', lang: 'en' }, 'Europe/Paris');
    expect(reportCsv(r)).toContain(',"Postes, ""PC"" et écrans",Opened,4\r\n');
    const json = renderReport(r, 'json');
    expect(json.contentType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toEqual(r);
  });
});
