import express, { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { bearerAuth } from './auth';
import { ticketRoutes } from './tickets.routes';
import { adminRoutes } from './admin.routes';
import { kbRoutes, ticketKbRoutes } from './kb.routes';
import { reportRoutes } from './reports.routes';
import { openApiDocument } from './openapi';
import { requestLocale, sendTransportError } from './errors';

/** /api/v1: JSON in and out, bearer tokens, one error shape. */
/** `timeZone` (HELPDESK_TIMEZONE) sets report periods; without it, the business calendar's zone. */
export function apiRouter(deps: CoreDeps, publicUrl: string, timeZone?: string): Router {
  const r = Router();
  const doc = openApiDocument(publicUrl);
  r.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  // 1 MB bounds any body: a 20 000-character description fits many times over.
  r.use(express.json({ limit: '1mb', strict: false, type: () => true }));
  r.use(bearerAuth(deps));
  r.use('/kb', kbRoutes(deps));
  r.use('/reports', reportRoutes(deps, timeZone));
  r.use('/tickets', ticketKbRoutes(deps));
  r.use('/tickets', ticketRoutes(deps));
  r.use('/', adminRoutes(deps));
  r.use((req, res) => sendTransportError(res, 'route_not_found', requestLocale(req, deps.defaultLocale)));
  return r;
}
