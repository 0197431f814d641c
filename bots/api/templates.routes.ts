import { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { getTemplate, listTemplates, saveTemplate } from '../../core/templates/manage-templates.service';
import { createFromTemplate } from '../../core/templates/create-from-template.service';
import { detailView } from '../../core/tickets/ticket.view';
import { actorOf } from './auth';
import { refParam } from './params';

/**
 * Templates for frequent requests (R7): GET /templates, GET /templates/{slug}, PUT /templates/{slug}
 * (admins), POST /templates/{slug}/tickets {name?, description?, requester?, urgency?}: the ticket and
 * its checklist of child tasks.
 */
export function templatesRoutes(deps: CoreDeps): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    res.json({ items: await listTemplates(deps, actorOf(req)) });
  });
  r.get('/:slug', async (req, res) => {
    res.json(await getTemplate(deps, actorOf(req), refParam(req, 'slug')));
  });
  r.put('/:slug', async (req, res) => {
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
    res.json(await saveTemplate(deps, actorOf(req), { ...body, slug: refParam(req, 'slug') }));
  });
  r.post('/:slug/tickets', async (req, res) => {
    const actor = actorOf(req);
    const made = await createFromTemplate(deps, actor, refParam(req, 'slug'), req.body ?? {});
    const now = deps.clock.now();
    res.status(201).json({
      ticket: await detailView(deps.uow.read, made.ticket, actor.locale, now),
      children: made.children.map((c) => ({ number: c.id, title: c.title, status: c.status })),
    });
  });
  return r;
}
