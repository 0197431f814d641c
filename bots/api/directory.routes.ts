import express, { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import type { DirectoryPort } from '../../core/directory/directory.port';
import { HelpdeskError } from '../../core/shared/errors';
import { listGroupMaps, mapGroup, unmapGroup } from '../../core/directory/group-maps.service';
import { syncDirectory } from '../../core/directory/sync-directory.service';
import { requireAdmin } from '../../core/people/require-role';
import { actorOf, bearerAuth } from './auth';
import { idParam } from './params';

/** /api/v1/directory: groups mapped to roles (data) and a sync on demand; admins only. */
export function directoryRoutes(deps: CoreDeps, directory: DirectoryPort | null): Router {
  const r = Router();
  r.use(express.json({ limit: '64kb', strict: false, type: () => true }));
  r.use(bearerAuth(deps));
  r.get('/groups', async (req, res) => {
    res.json({ items: await listGroupMaps(deps, actorOf(req)) });
  });
  r.post('/groups', async (req, res) => {
    res.status(201).json(await mapGroup(deps, actorOf(req), req.body));
  });
  r.delete('/groups/:id', async (req, res) => {
    await unmapGroup(deps, actorOf(req), idParam(req, 'id', 'not_found'));
    res.status(204).end();
  });
  r.post('/sync', async (req, res) => {
    requireAdmin(actorOf(req));
    if (!directory) throw new HelpdeskError('validation_failed', {}, [{ path: 'graph', message: 'directory sync needs GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET' }]);
    res.json(await syncDirectory(deps, actorOf(req), directory));
  });
  return r;
}
