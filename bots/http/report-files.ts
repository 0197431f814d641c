import { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { readSharedReport } from '../../core/reports/stored-reports.service';
import { reportCsv, reportMarkdown } from '../../core/reports/report.render';
import { reportChartPng } from '../../cards/report-chart';

/**
 * GET /reports/:id/:key/chart.png | report.csv | report.md: what a posted report card links to.
 * Stored reports never change, so the files may be cached for long.
 */
export function reportFiles(deps: CoreDeps): Router {
  const r = Router();
  r.get('/:id/:key/:file', async (req, res) => {
    const file = req.params.file;
    if (!['chart.png', 'report.csv', 'report.md'].includes(file)) {
      res.status(404).json({ error: { code: 'not_found', message: 'Not found.' } });
      return;
    }
    const stored = await readSharedReport(deps, Number(req.params.id), String(req.params.key));
    res.set('Cache-Control', 'private, max-age=86400');
    const name = `report-${stored.periodKind}-${stored.firstDay}`;
    if (file === 'chart.png') res.type('image/png').send(reportChartPng(stored.chart));
    else if (file === 'report.csv') res.attachment(`${name}.csv`).type('text/csv; charset=utf-8').send(reportCsv(stored.report));
    else res.type('text/markdown; charset=utf-8').send(reportMarkdown(stored.report));
  });
  return r;
}
