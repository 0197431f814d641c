import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { findCategory } from '../people/service.lookup';
import { priorityOf } from '../sla/priority-matrix';
import { dueDatesFor, loadSlaContext } from '../sla/sla-context';
import { assertCanSee, isRequester, worksOn } from './ticket.access';
import { inTicketTransaction, loadTicket, saveChange } from './ticket-change';
import { updateTicketSchema, UpdateTicketInput } from './ticket.schemas';
import { isOpen, Ticket, TicketPatch } from './ticket.entity';

const REQUESTER_FIELDS = ['title', 'description', 'urgency'];

/**
 * Edits a ticket's fields (R13). Staff may change everything; the requester may fix the title,
 * description and urgency of a ticket nobody has taken yet. A priority change moves the due dates.
 */
export async function updateTicket(deps: CoreDeps, actor: Actor, number: number, raw: UpdateTicketInput): Promise<Ticket> {
  const input = parse(updateTicketSchema, raw);
  return inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanSee(actor, ticket);
    const staff = worksOn(actor, ticket);
    if (!staff && (!isRequester(actor, ticket) || ticket.status !== 'new' || Object.keys(input).some((k) => !REQUESTER_FIELDS.includes(k)))) {
      throw new HelpdeskError('forbidden', { number });
    }
    if (!isOpen(ticket.status)) throw new HelpdeskError('invalid_transition', { number, from: ticket.status, to: ticket.status });
    const patch: TicketPatch = {};
    if (input.title !== undefined && input.title !== ticket.title) patch.title = input.title;
    if (input.description !== undefined && input.description !== ticket.description) patch.description = input.description;
    if (input.type !== undefined && input.type !== ticket.type) patch.type = input.type;
    if (input.category !== undefined) {
      const categoryId = input.category === null ? null : (await findCategory(ctx.store, input.category)).id;
      if (categoryId !== ticket.categoryId) patch.categoryId = categoryId;
    }
    if (input.urgency !== undefined && input.urgency !== ticket.urgency) patch.urgency = input.urgency;
    if (input.impact !== undefined && input.impact !== ticket.impact) patch.impact = input.impact;
    if (patch.urgency || patch.impact) {
      const sla = await loadSlaContext(ctx.store);
      const priority = priorityOf(sla.matrix, patch.urgency ?? ticket.urgency, patch.impact ?? ticket.impact);
      if (priority !== ticket.priority) {
        patch.priority = priority;
        Object.assign(patch, dueDatesFor(sla, priority, ticket.serviceId, ticket.slaStartedAt, ticket.pausedMinutes));
      }
    }
    if (Object.keys(patch).length === 0) return ticket;
    return saveChange(ctx, ticket, 'updated', patch);
  });
}
