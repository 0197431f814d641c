import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { dueDatesFor, loadSlaContext } from '../sla/sla-context';
import { assertCanSee, isRequester, worksOn } from './ticket.access';
import { inTicketTransaction, loadTicket, saveChange } from './ticket-change';
import { reopenSchema } from './ticket.schemas';
import { REOPENABLE, Ticket } from './ticket.entity';

/**
 * Reopening (R3): the SLA clocks start again from now. A requester may reopen a resolved ticket
 * ("it is broken again"); a closed one takes staff.
 */
export async function reopenTicket(deps: CoreDeps, actor: Actor, number: number, raw: { comment?: string } = {}): Promise<Ticket> {
  const input = parse(reopenSchema, raw);
  return inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanSee(actor, ticket);
    const staff = worksOn(actor, ticket);
    if (!REOPENABLE.includes(ticket.status)) throw new HelpdeskError('invalid_transition', { number, from: ticket.status, to: 'reopened' });
    if (!staff && (ticket.status !== 'resolved' || !isRequester(actor, ticket))) throw new HelpdeskError('forbidden', { number });
    const sla = await loadSlaContext(ctx.store);
    const saved = await saveChange(ctx, ticket, 'reopened', {
      status: ticket.assigneeIds.length ? 'assigned' : 'new',
      resolvedAt: null,
      closedAt: null,
      resolution: null,
      reopenCount: ticket.reopenCount + 1,
      slaStartedAt: ctx.now,
      pausedMinutes: 0,
      ...dueDatesFor(sla, ticket.priority, ticket.serviceId, ctx.now, 0),
    });
    if (input.comment) {
      await ctx.store.comments.insert(
        { ticketId: ticket.id, authorId: actor.personId, sender: staff ? 'technician' : 'customer', body: input.comment, internal: false, channel: actor.channel },
        ctx.now,
      );
    }
    return saved;
  });
}
