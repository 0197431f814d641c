import { Router } from 'express';
import { z } from 'zod';
import type { CoreDeps } from '../../core/shared/deps';
import { buildReport } from '../../core/reports/build-report.service';
import { renderReport, type ReportFormat } from '../../core/reports/report.render';
import { getStoredReport, listStoredReports } from '../../core/reports/stored-reports.service';
import { sendReportNow } from '../../core/reports/send-report.service';
import { getReportSubscription, setReportSubscription } from '../../core/reports/report-subscription.service';
import type { ReportMailer, ReportPoster } from '../../core/reports/report-poster.port';
import { parse } from '../../core/shared/validate';
import { actorOf } from './auth';
import { query } from './params';

export interface ReportDeliveryOptions {
  posters: ReportPoster[];
  mailer?: ReportMailer;
  publicUrl: string;
}

const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).optional(), before: z.coerce.number().int().positive().optional() });

/**
 * GET /reports?period=weekly|monthly&from=YYYY-MM-DD&service=slug&technician=me&format=json|csv|md&lang=fr|en
 * GET /reports/stored, GET /reports/stored/:id: reports kept by the schedule or a send (managers).
 * POST /reports/send {period, from?}: make, keep and post a report in the managers' channels now.
 * GET|PUT /reports/subscription {via: channel|email|chat|none}: how reports reach the calling manager.
 */
export function reportRoutes(deps: CoreDeps, timeZone?: string, delivery?: ReportDeliveryOptions): Router {
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
  r.get('/stored', async (req, res) => {
    const input = parse(listQuery, query(req));
    res.json({ reports: await listStoredReports(deps, actorOf(req), { limit: input.limit, beforeId: input.before }) });
  });
  r.get('/stored/:id', async (req, res) => {
    res.json(await getStoredReport(deps, actorOf(req), Number(req.params.id)));
  });
  r.get('/subscription', async (req, res) => {
    res.json(await getReportSubscription(deps, actorOf(req)));
  });
  r.put('/subscription', async (req, res) => {
    res.json(await setReportSubscription(deps, actorOf(req), req.body));
  });
  r.post('/send', async (req, res) => {
    const sent = await sendReportNow({ deps, posters: delivery?.posters ?? [], mailer: delivery?.mailer, publicUrl: delivery?.publicUrl ?? '' }, actorOf(req), req.body, timeZone);
    // Kept, but received by nobody: still 201 (the report exists), and said in `nobody` and `message`.
    res.status(201).json(sent);
  });
  return r;
}
