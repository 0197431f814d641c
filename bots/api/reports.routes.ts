import { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { buildReport } from '../../core/reports/build-report.service';
import { renderReport, type ReportFormat } from '../../core/reports/report.render';
import { actorOf } from './auth';
import { query } from './params';

/** GET /reports?period=weekly|monthly&from=YYYY-MM-DD&service=slug&technician=me&format=json|csv|md&lang=fr|en */
export function reportRoutes(deps: CoreDeps, timeZone?: string): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const input = query(req);
    const report = await buildReport(deps, actorOf(req), input, timeZone);
    // buildReport validated `format` already: anything else was a 400.
    const format = (input.format as ReportFormat | undefined) ?? 'json';
    const { contentType, body } = renderReport(report, format);
    if (format !== 'json') res.attachment(`report-${report.period.kind}-${report.period.firstDay}.${format}`);
    res.type(contentType).send(body);
  });
  return r;
}
