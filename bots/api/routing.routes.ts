import { Router } from 'express';
import { z } from 'zod';
import type { CoreDeps } from '../../core/shared/deps';
import { addAbsence, addRoutingRule, deleteRoutingRule, getRouting, listAbsences, setServiceRouting } from '../../core/routing/manage-routing.service';
import { parse } from '../../core/shared/validate';
import { actorOf } from './auth';
import { idParam, query, refParam } from './params';

const absenceQuery = z.strictObject({ person: z.string().trim().min(1).max(254) });

/**
 * Routing (R7, R13): GET /routing (services' modes, time limits, rules), PUT /routing/services/{s}
 * {mode, acceptMinutes, warnPercent, managersPercent}, POST /routing/rules {name, if, service},
 * DELETE /routing/rules/{id}; time off: POST /routing/absences, GET /routing/absences?person=.
 */
export function routingRoutes(deps: CoreDeps): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    res.json(await getRouting(deps, actorOf(req)));
  });
  r.put('/services/:ref', async (req, res) => {
    res.json(await setServiceRouting(deps, actorOf(req), refParam(req, 'ref'), req.body));
  });
  r.post('/rules', async (req, res) => {
    res.status(201).json(await addRoutingRule(deps, actorOf(req), req.body));
  });
  r.delete('/rules/:id', async (req, res) => {
    await deleteRoutingRule(deps, actorOf(req), idParam(req, 'id', 'not_found'));
    res.status(204).end();
  });
  r.post('/absences', async (req, res) => {
    res.status(201).json(await addAbsence(deps, actorOf(req), req.body));
  });
  r.get('/absences', async (req, res) => {
    const q = parse(absenceQuery, query(req));
    res.json({ items: await listAbsences(deps, actorOf(req), /^\d+$/.test(q.person) ? Number(q.person) : q.person) });
  });
  return r;
}
