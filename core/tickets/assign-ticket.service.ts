import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { findPerson } from '../people/person.lookup';
import { assertCanWork } from './ticket.access';
import { inTicketTransaction, loadTicket, saveChange } from './ticket-change';
import { assignSchema, AssignInput } from './ticket.schemas';
import { isOpen, Ticket, TicketPatch } from './ticket.entity';

/**
 * Several assignees on one ticket (R19): add and remove in one change. The first assignee moves a
 * new ticket to `assigned`; removing the last one puts an assigned ticket back in the queue.
 */
export async function assignTicket(deps: CoreDeps, actor: Actor, number: number, raw: AssignInput): Promise<Ticket> {
  const input = parse(assignSchema, raw);
  return inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanWork(actor, ticket);
    if (!isOpen(ticket.status)) throw new HelpdeskError('invalid_transition', { number, from: ticket.status, to: 'assigned' });
    const add = await Promise.all((input.add ?? []).map((r) => findPerson(ctx.store, r)));
    const remove = await Promise.all((input.remove ?? []).map((r) => findPerson(ctx.store, r)));
    for (const p of add) {
      if (p.role === 'employee' || !p.active) throw new HelpdeskError('not_a_technician', { who: p.displayName });
    }
    const next = ticket.assigneeIds.filter((id) => !remove.some((p) => p.id === id));
    for (const p of add) if (!next.includes(p.id)) next.push(p.id);
    const added = next.filter((id) => !ticket.assigneeIds.includes(id));
    const removed = ticket.assigneeIds.filter((id) => !next.includes(id));
    if (added.length === 0 && removed.length === 0) {
      if (add.length) throw new HelpdeskError('already_assigned', { number, who: add.map((p) => p.displayName).join(', ') });
      return ticket;
    }
    const patch: TicketPatch = {};
    if (next.length > 0 && ticket.status === 'new') patch.status = 'assigned';
    if (next.length === 0 && ticket.status === 'assigned') patch.status = 'new';
    if (next.length > 0 && ticket.ownedAt === null) patch.ownedAt = ctx.now;
    const saved = await saveChange(ctx, ticket, 'assigned', patch, {
      before: { assigneeIds: ticket.assigneeIds },
      after: { assigneeIds: next },
    });
    for (const id of removed) await ctx.store.tickets.removeAssignee(ticket.id, id);
    for (const id of added) await ctx.store.tickets.addAssignee(ticket.id, id, ctx.now);
    return { ...saved, assigneeIds: next };
  });
}
