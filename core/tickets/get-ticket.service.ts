import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { assertCanSee, worksOn } from './ticket.access';
import { loadTicket } from './ticket-change';
import { detailView, TicketView } from './ticket.view';
import type { Ticket } from './ticket.entity';
import type { Person } from '../people/person.entity';

/**
 * The answer to a change, from what the use case wrote and returned: the same view getTicket gives,
 * without reading the ticket back (`created`: it has no links yet either).
 */
export async function writtenTicketView(deps: CoreDeps, actor: Actor, ticket: Ticket, opts: { people?: Person[]; created?: boolean } = {}): Promise<TicketView> {
  assertCanSee(actor, ticket);
  const people = actor.person ? [...(opts.people ?? []), actor.person] : (opts.people ?? []);
  return detailView(deps.uow.read, ticket, actor.locale, deps.clock.now(), worksOn(actor, ticket), { people, created: opts.created });
}

export async function getTicket(deps: CoreDeps, actor: Actor, number: number): Promise<TicketView> {
  const store = deps.uow.read;
  const ticket = await loadTicket(store, number);
  assertCanSee(actor, ticket);
  return detailView(store, ticket, actor.locale, deps.clock.now(), worksOn(actor, ticket));
}
