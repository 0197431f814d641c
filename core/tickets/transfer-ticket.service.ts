import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { findService } from '../people/service.lookup';
import { dueDatesFor, loadSlaContext } from '../sla/sla-context';
import { assertCanWork } from './ticket.access';
import { inTicketTransaction, loadTicket, saveChange } from './ticket-change';
import { transferSchema } from './ticket.schemas';
import { isOpen, Ticket, TicketPatch } from './ticket.entity';

/**
 * Hands a ticket over to another service (R13): its assignees let go, it waits in the new
 * service's queue, and the new service's SLA policy applies.
 */
export async function transferTicket(deps: CoreDeps, actor: Actor, number: number, raw: { service: string | number; comment?: string }): Promise<Ticket> {
  const input = parse(transferSchema, raw);
  return inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanWork(actor, ticket);
    if (!isOpen(ticket.status)) throw new HelpdeskError('invalid_transition', { number, from: ticket.status, to: ticket.status });
    const service = await findService(ctx.store, input.service);
    if (service.id === ticket.serviceId) return ticket;
    const sla = await loadSlaContext(ctx.store);
    const patch: TicketPatch = {
      serviceId: service.id,
      ...dueDatesFor(sla, ticket.priority, service.id, ticket.slaStartedAt, ticket.pausedMinutes),
    };
    if (ticket.status === 'assigned' || ticket.status === 'in_progress') patch.status = 'new';
    const saved = await saveChange(ctx, ticket, 'transferred', patch, { before: { assigneeIds: ticket.assigneeIds }, after: { assigneeIds: [] } });
    for (const id of ticket.assigneeIds) await ctx.store.tickets.removeAssignee(ticket.id, id);
    if (input.comment) {
      await ctx.store.comments.insert(
        { ticketId: ticket.id, authorId: actor.personId, sender: 'technician', body: input.comment, internal: true, channel: actor.channel },
        ctx.now,
      );
    }
    return { ...saved, assigneeIds: [] };
  });
}
