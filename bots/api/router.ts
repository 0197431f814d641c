import express, { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { bearerAuth } from './auth';
import { ticketRoutes } from './tickets.routes';
import { adminRoutes } from './admin.routes';
import { openApiDocument } from './openapi';
import { requestLocale, sendTransportError } from './errors';

/** /api/v1: JSON in and out, bearer tokens, one error shape. */
export function apiRouter(deps: CoreDeps, publicUrl: string): Router {
  const r = Router();
  const doc = openApiDocument(publicUrl);
  r.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  // 1 MB bounds any body: a 20 000-character description fits many times over.
  r.use(express.json({ limit: '1mb', strict: false, type: () => true }));
  r.use(bearerAuth(deps));
  r.use('/tickets', ticketRoutes(deps));
  r.use('/', adminRoutes(deps));
  r.use((req, res) => sendTransportError(res, 'route_not_found', requestLocale(req, deps.defaultLocale)));
  return r;
}
