import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { assertCanWork } from './ticket.access';
import { inTicketTransaction, loadTicket, saveChange } from './ticket-change';
import type { Ticket } from './ticket.entity';
import { isOpen } from './ticket.entity';

/**
 * "I take it" on an unassigned ticket (R12). The version-checked update makes the database pick
 * the one winner when many press Claim at once; the others re-read and learn who won.
 */
export async function claimTicket(deps: CoreDeps, actor: Actor, number: number): Promise<Ticket> {
  return inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanWork(actor, ticket);
    if (actor.personId === null) throw new HelpdeskError('forbidden');
    if (ticket.assigneeIds.length > 0) {
      const owners = await ctx.store.people.many(ticket.assigneeIds);
      throw new HelpdeskError('already_claimed', { number, by: owners.map((o) => o.displayName).join(', ') });
    }
    if (!isOpen(ticket.status)) throw new HelpdeskError('invalid_transition', { number, from: ticket.status, to: 'assigned' });
    const patch = {
      status: ticket.status === 'new' ? ('assigned' as const) : ticket.status,
      ownedAt: ticket.ownedAt ?? ctx.now,
    };
    const saved = await saveChange(ctx, ticket, 'claimed', patch, { before: { assigneeIds: [] }, after: { assigneeIds: [actor.personId] } });
    await ctx.store.tickets.addAssignee(ticket.id, actor.personId, ctx.now);
    return { ...saved, assigneeIds: [actor.personId] };
  });
}
