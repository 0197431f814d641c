import { Router } from 'express';
import type { CoreDeps } from '../../core/shared/deps';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { getTicket, writtenTicketView } from '../../core/tickets/get-ticket.service';
import { listTickets } from '../../core/tickets/list-tickets.service';
import { updateTicket } from '../../core/tickets/update-ticket.service';
import { changeStatus } from '../../core/tickets/change-status.service';
import { reopenTicket } from '../../core/tickets/reopen-ticket.service';
import { claimTicket } from '../../core/tickets/claim-ticket.service';
import { assignTicket } from '../../core/tickets/assign-ticket.service';
import { transferTicket } from '../../core/tickets/transfer-ticket.service';
import { addComment, listComments } from '../../core/tickets/add-comment.service';
import { linkTickets, unlinkTickets } from '../../core/tickets/link-tickets.service';
import { addExternalRef, listExternalRefs, removeExternalRef } from '../../core/tickets/external-refs.service';
import { setWatcher } from '../../core/tickets/watch-ticket.service';
import { ticketHistory } from '../../core/tickets/ticket-history.service';
import { watcherSchema } from '../../core/tickets/ticket.schemas';
import { parse } from '../../core/shared/validate';
import { actorOf } from './auth';
import { idParam, query, ticketNumber } from './params';

/** Thin: HTTP in, one core call, the ticket as every channel sees it out. */
export function ticketRoutes(deps: CoreDeps): Router {
  const r = Router();
  const view = (req: Parameters<typeof actorOf>[0], n: number) => getTicket(deps, actorOf(req), n);
  const idem = (h: unknown) => (typeof h === 'string' && h.length > 0 ? h : undefined);

  r.get('/', async (req, res) => {
    res.json(await listTickets(deps, actorOf(req), query(req)));
  });
  r.post('/', async (req, res) => {
    const body = { ...(req.body ?? {}) };
    const key = idem(req.headers['idempotency-key']);
    if (key && body.idempotencyKey === undefined) body.idempotencyKey = key;
    const { ticket, created, people } = await createTicket(deps, actorOf(req), isObject(req.body) ? body : req.body);
    const shown = created ? await writtenTicketView(deps, actorOf(req), ticket, { people, created: true }) : await view(req, ticket.id);
    res.status(created ? 201 : 200).location(`/api/v1/tickets/${ticket.id}`).json(shown);
  });
  r.get('/:number', async (req, res) => {
    res.json(await view(req, ticketNumber(req)));
  });
  r.patch('/:number', async (req, res) => {
    const t = await updateTicket(deps, actorOf(req), ticketNumber(req), req.body);
    res.json(await view(req, t.id));
  });
  r.post('/:number/status', async (req, res) => {
    const t = await changeStatus(deps, actorOf(req), ticketNumber(req), req.body);
    res.json(await writtenTicketView(deps, actorOf(req), t));
  });
  r.post('/:number/reopen', async (req, res) => {
    const t = await reopenTicket(deps, actorOf(req), ticketNumber(req), req.body ?? {});
    res.json(await view(req, t.id));
  });
  r.post('/:number/claim', async (req, res) => {
    const t = await claimTicket(deps, actorOf(req), ticketNumber(req));
    res.json(await view(req, t.id));
  });
  r.post('/:number/assignees', async (req, res) => {
    const t = await assignTicket(deps, actorOf(req), ticketNumber(req), req.body);
    res.json(await view(req, t.id));
  });
  r.post('/:number/transfer', async (req, res) => {
    const t = await transferTicket(deps, actorOf(req), ticketNumber(req), req.body);
    res.json(await view(req, t.id));
  });
  r.post('/:number/watchers', async (req, res) => {
    const { person } = parse(watcherSchema, req.body);
    const t = await setWatcher(deps, actorOf(req), ticketNumber(req), person, true);
    res.json(await view(req, t.id));
  });
  r.delete('/:number/watchers/:person', async (req, res) => {
    const t = await setWatcher(deps, actorOf(req), ticketNumber(req), String(req.params.person).slice(0, 254), false);
    res.json(await view(req, t.id));
  });
  r.get('/:number/comments', async (req, res) => {
    res.json({ items: await listComments(deps, actorOf(req), ticketNumber(req)) });
  });
  r.post('/:number/comments', async (req, res) => {
    const body = isObject(req.body) ? { ...req.body } : req.body;
    const key = idem(req.headers['idempotency-key']);
    if (key && isObject(body) && body.idempotencyKey === undefined) body.idempotencyKey = key;
    const { comment, created } = await addComment(deps, actorOf(req), ticketNumber(req), body);
    res.status(created ? 201 : 200).json(comment ?? { duplicate: true });
  });
  r.get('/:number/links', async (req, res) => {
    res.json({ items: (await view(req, ticketNumber(req))).links ?? [] });
  });
  r.post('/:number/links', async (req, res) => {
    const n = ticketNumber(req);
    const link = await linkTickets(deps, actorOf(req), n, req.body);
    const shown = (await view(req, n)).links?.find((l) => l.linkId === link.id);
    res.status(201).json(shown ?? link);
  });
  r.delete('/:number/links/:linkId', async (req, res) => {
    await unlinkTickets(deps, actorOf(req), ticketNumber(req), idParam(req, 'linkId', 'link_not_found'));
    res.status(204).end();
  });
  r.get('/:number/external-refs', async (req, res) => {
    res.json({ items: await listExternalRefs(deps, actorOf(req), ticketNumber(req)) });
  });
  r.post('/:number/external-refs', async (req, res) => {
    res.status(201).json(await addExternalRef(deps, actorOf(req), ticketNumber(req), req.body));
  });
  r.delete('/:number/external-refs/:refId', async (req, res) => {
    await removeExternalRef(deps, actorOf(req), ticketNumber(req), idParam(req, 'refId', 'external_ref_not_found'));
    res.status(204).end();
  });
  r.get('/:number/audit', async (req, res) => {
    res.json({ items: await ticketHistory(deps, actorOf(req), ticketNumber(req)) });
  });
  return r;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

