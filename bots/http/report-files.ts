import { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { readSharedReport } from '../../core/reports/stored-reports.service';
import { reportLinks } from '../../core/reports/report-poster.port';
import { reportCsv, reportMarkdown } from '../../core/reports/report.render';
import { storedChartPng, storedChartSvg, storedReportHtml, storedReportPdf } from '../reports/report-outputs';
import { PdfUnavailableError } from '../reports/report-pdf';

const FILES = ['chart.png', 'chart-dark.png', 'chart.svg', 'chart-dark.svg', 'report.csv', 'report.md', 'report.html', 'report.pdf'];

/**
 * GET /reports/:id/:key/<file>: what a posted report card, a mail or the dashboard links to.
 * Stored reports never change, so the files may be cached for long.
 */
export function reportFiles(deps: CoreDeps, o: { publicUrl: string; chromiumPath?: string }): Router {
  const r = Router();
  r.get('/:id/:key/:file', async (req, res) => {
    const file = req.params.file;
    if (!FILES.includes(file)) {
      res.status(404).json({ error: { code: 'not_found', message: 'Not found.' } });
      return;
    }
    const stored = await readSharedReport(deps, Number(req.params.id), String(req.params.key));
    res.set('Cache-Control', 'private, max-age=86400');
    const name = `report-${stored.periodKind}-${stored.firstDay}`;
    const theme = file.includes('dark') ? 'dark' : 'light';
    if (file.endsWith('.png')) res.type('image/png').send(storedChartPng(stored, theme));
    else if (file.endsWith('.svg')) res.type('image/svg+xml').send(storedChartSvg(stored, theme));
    else if (file === 'report.csv') res.attachment(`${name}.csv`).type('text/csv; charset=utf-8').send(reportCsv(stored.report, o.publicUrl));
    else if (file === 'report.html') res.type('html').send(storedReportHtml(stored, o.publicUrl, reportLinks(o.publicUrl, stored).chartPng));
    else if (file === 'report.pdf') {
      try {
        const pdf = await storedReportPdf(stored, o.publicUrl, o.chromiumPath);
        res.type('application/pdf').set('Content-Disposition', `inline; filename="${name}.pdf"`).send(pdf);
      } catch (err) {
        if (!(err instanceof PdfUnavailableError)) throw err;
        res.status(503).json({ error: { code: err.code, message: err.message } });
      }
    } else res.type('text/markdown; charset=utf-8').send(reportMarkdown(stored.report, o.publicUrl));
  });
  return r;
}
