import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { findPerson } from '../people/person.lookup';
import { assertCanSee, worksOn } from './ticket.access';
import { inTicketTransaction, loadTicket, saveChange } from './ticket-change';
import type { Ticket } from './ticket.entity';

/** Watchers follow a ticket they did not file (a colleague in copy); the requester or staff add them. */
export async function setWatcher(deps: CoreDeps, actor: Actor, number: number, personRef: string | number, watch: boolean): Promise<Ticket> {
  return inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanSee(actor, ticket);
    const person = await findPerson(ctx.store, personRef);
    const self = person.id === actor.personId;
    if (!worksOn(actor, ticket) && actor.personId !== ticket.requesterId && !(self && !watch)) throw new HelpdeskError('forbidden', { number });
    const has = ticket.watcherIds.includes(person.id);
    if (has === watch) return ticket;
    const next = watch ? [...ticket.watcherIds, person.id] : ticket.watcherIds.filter((w) => w !== person.id);
    const saved = await saveChange(ctx, ticket, watch ? 'watcher_added' : 'watcher_removed', {}, {
      before: { watcherIds: ticket.watcherIds },
      after: { watcherIds: next },
    });
    if (watch) await ctx.store.tickets.addWatcher(ticket.id, person.id);
    else await ctx.store.tickets.removeWatcher(ticket.id, person.id);
    return { ...saved, watcherIds: next };
  });
}
