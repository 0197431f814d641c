import { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { slaOverview, slaQuickLook } from '../../core/sla/sla-quick-look.service';
import { ticketSla } from '../../core/sla/ticket-sla.service';
import { actorOf } from './auth';
import { ticketNumber } from './params';

/**
 * GET /sla/overview: live SLA counts, targets and routing per service (staff); GET /sla/quick-look: the
 * chat text; GET /sla/tickets/{n}: one ticket's deadlines, levels reached and targets met or missed.
 */
export function slaRoutes(deps: CoreDeps): Router {
  const r = Router();
  r.get('/overview', async (req, res) => {
    res.json(await slaOverview(deps, actorOf(req)));
  });
  r.get('/quick-look', async (req, res) => {
    res.json({ text: await slaQuickLook(deps, actorOf(req)) });
  });
  r.get('/tickets/:number', async (req, res) => {
    res.json(await ticketSla(deps, actorOf(req), ticketNumber(req)));
  });
  return r;
}
