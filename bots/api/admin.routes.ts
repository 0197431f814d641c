import { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { createPerson, getPerson, listPeople, updatePerson } from '../../core/people/manage-people.service';
import { createService, listServices, setServiceMember, updateService, setRole } from '../../core/people/manage-services.service';
import { listCategories, saveCategory } from '../../core/people/manage-categories.service';
import { getSlaSettings, setBusinessCalendar, setPriorityMatrix, setSlaPolicy } from '../../core/sla/manage-sla-settings.service';
import { parse } from '../../core/shared/validate';
import { ROLES } from '../../core/shared/actor';
import { z } from 'zod';
import { actorOf } from './auth';
import { query, refParam } from './params';

const peopleQuery = z.strictObject({
  role: z.enum(ROLES).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  after: z.coerce.number().int().min(0).optional(),
});

/** People, services, categories and SLA settings: admins write, staff read (R9 least privilege). */
export function adminRoutes(deps: CoreDeps): Router {
  const r = Router();
  r.get('/me', async (req, res) => {
    const a = actorOf(req);
    const person = a.personId === null ? null : await getPerson(deps, a, a.personId);
    res.json({ role: a.role, name: a.name, locale: a.locale, serviceIds: a.serviceIds, person });
  });
  r.get('/people', async (req, res) => {
    const q = parse(peopleQuery, query(req));
    const items = await listPeople(deps, actorOf(req), { role: q.role, text: q.q, limit: q.limit, afterId: q.after });
    res.json({ items, nextAfter: items.length === (q.limit ?? 50) ? items[items.length - 1].id : null });
  });
  r.post('/people', async (req, res) => {
    res.status(201).json(await createPerson(deps, actorOf(req), req.body));
  });
  r.get('/people/:ref', async (req, res) => {
    res.json(await getPerson(deps, actorOf(req), refParam(req, 'ref')));
  });
  r.patch('/people/:ref', async (req, res) => {
    res.json(await updatePerson(deps, actorOf(req), refParam(req, 'ref'), req.body));
  });
  r.post('/roles', async (req, res) => {
    res.json(await setRole(deps, actorOf(req), req.body));
  });
  r.get('/services', async (_req, res) => {
    res.json({ items: await listServices(deps) });
  });
  r.post('/services', async (req, res) => {
    res.status(201).json(await createService(deps, actorOf(req), req.body));
  });
  r.patch('/services/:ref', async (req, res) => {
    res.json(await updateService(deps, actorOf(req), refParam(req, 'ref'), req.body));
  });
  r.post('/services/:ref/members', async (req, res) => {
    res.json(await setServiceMember(deps, actorOf(req), refParam(req, 'ref'), req.body, true));
  });
  r.delete('/services/:ref/members/:person', async (req, res) => {
    res.json(await setServiceMember(deps, actorOf(req), refParam(req, 'ref'), { person: refParam(req, 'person') }, false));
  });
  r.get('/categories', async (_req, res) => {
    res.json({ items: await listCategories(deps) });
  });
  r.post('/categories', async (req, res) => {
    res.status(201).json(await saveCategory(deps, actorOf(req), req.body));
  });
  r.patch('/categories/:ref', async (req, res) => {
    res.json(await saveCategory(deps, actorOf(req), req.body, refParam(req, 'ref')));
  });
  r.get('/sla', async (req, res) => {
    res.json(await getSlaSettings(deps, actorOf(req)));
  });
  r.put('/sla/priority-matrix', async (req, res) => {
    res.json(await setPriorityMatrix(deps, actorOf(req), req.body));
  });
  r.put('/sla/calendar', async (req, res) => {
    res.json(await setBusinessCalendar(deps, actorOf(req), req.body));
  });
  r.post('/sla/policies', async (req, res) => {
    res.json(await setSlaPolicy(deps, actorOf(req), req.body));
  });
  return r;
}
