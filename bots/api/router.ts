import express, { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { bearerAuth } from './auth';
import { ticketRoutes } from './tickets.routes';
import { adminRoutes } from './admin.routes';
import { privacyRoutes } from './privacy.routes';
import { attachmentRoutes, attachmentUpload } from './attachments.routes';
import { notificationRoutes } from './notifications.routes';
import { kbRoutes, ticketKbRoutes } from './kb.routes';
import { reportRoutes, type ReportDeliveryOptions } from './reports.routes';
import { slaRoutes } from './sla.routes';
import { rulesRoutes } from './rules.routes';
import { templatesRoutes } from './templates.routes';
import { routingRoutes } from './routing.routes';
import { openApiDocument } from './openapi';
import { requestLocale, sendTransportError } from './errors';
import { refuseNulBytes } from '../http/text-guard';

/** /api/v1: JSON in and out, bearer tokens, one error shape. */
/** `timeZone` (HELPDESK_TIMEZONE) sets report periods; without it, the business calendar's zone. */
export function apiRouter(deps: CoreDeps, publicUrl: string, timeZone?: string, reports?: ReportDeliveryOptions): Router {
  const r = Router();
  // Built at the first request, not at start (it walks every schema).
  let doc: ReturnType<typeof openApiDocument> | null = null;
  r.get('/openapi.json', (_req, res) => {
    res.json((doc ??= openApiDocument(publicUrl)));
  });
  // NUL bytes are refused before the raw upload (its query: the file name) and again once JSON bodies are parsed.
  const nulGuard = refuseNulBytes((req, res) => sendTransportError(res, 'invalid_text', requestLocale(req, deps.defaultLocale)));
  r.use(nulGuard);
  // Files arrive as raw bodies (up to 10 MB): before the JSON parser.
  r.use(attachmentUpload(deps));
  // 1 MB bounds any body: a 20 000-character description fits many times over.
  r.use(express.json({ limit: '1mb', strict: false, type: () => true }));
  r.use(nulGuard);
  r.use(bearerAuth(deps));
  r.use('/kb', kbRoutes(deps));
  r.use('/reports', reportRoutes(deps, timeZone, reports));
  r.use('/sla', slaRoutes(deps));
  r.use('/rules', rulesRoutes(deps));
  r.use('/templates', templatesRoutes(deps));
  r.use('/routing', routingRoutes(deps));
  r.use('/tickets', ticketKbRoutes(deps));
  r.use('/tickets', attachmentRoutes(deps));
  r.use('/tickets', ticketRoutes(deps));
  r.use('/', notificationRoutes(deps));
  r.use('/', privacyRoutes(deps));
  r.use('/', adminRoutes(deps));
  r.use((req, res) => sendTransportError(res, 'route_not_found', requestLocale(req, deps.defaultLocale)));
  return r;
}
