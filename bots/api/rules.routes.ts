import { Router } from 'express';
import { z } from 'zod';
import type { CoreDeps } from '../../core/shared/deps';
import { createRule, deleteRule, getRule, listRules, ticketRuleRuns, updateRule } from '../../core/automation/manage-rules.service';
import { parse } from '../../core/shared/validate';
import { actorOf } from './auth';
import { idParam, query } from './params';

const runsQuery = z.strictObject({ ticket: z.coerce.number().int().positive().max(999999999) });

/**
 * Automation rules as data (R7): GET/POST /rules, GET/PUT/DELETE /rules/{id} (admins write; shipped
 * rules are switched off, not deleted), GET /rules/runs?ticket=N: what the rules did to a ticket.
 */
export function rulesRoutes(deps: CoreDeps): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    res.json({ items: await listRules(deps, actorOf(req)) });
  });
  r.post('/', async (req, res) => {
    res.status(201).json(await createRule(deps, actorOf(req), req.body));
  });
  r.get('/runs', async (req, res) => {
    const q = parse(runsQuery, query(req));
    res.json({ items: await ticketRuleRuns(deps, actorOf(req), q.ticket) });
  });
  r.get('/:id', async (req, res) => {
    res.json(await getRule(deps, actorOf(req), idParam(req, 'id', 'not_found')));
  });
  r.put('/:id', async (req, res) => {
    res.json(await updateRule(deps, actorOf(req), idParam(req, 'id', 'not_found'), req.body));
  });
  r.delete('/:id', async (req, res) => {
    await deleteRule(deps, actorOf(req), idParam(req, 'id', 'not_found'));
    res.status(204).end();
  });
  return r;
}
