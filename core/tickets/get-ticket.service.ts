import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { assertCanSee, worksOn } from './ticket.access';
import { loadTicket } from './ticket-change';
import { detailView, TicketView } from './ticket.view';
import type { Ticket } from './ticket.entity';
import type { Person } from '../people/person.entity';

/** The answer to a create, from what it wrote: the same view getTicket gives, without reading the ticket back. */
export async function createdTicketView(deps: CoreDeps, actor: Actor, ticket: Ticket, people: Person[] = []): Promise<TicketView> {
  assertCanSee(actor, ticket);
  const known = actor.person ? [...people, actor.person] : people;
  return detailView(deps.uow.read, ticket, actor.locale, deps.clock.now(), worksOn(actor, ticket), { people: known });
}

export async function getTicket(deps: CoreDeps, actor: Actor, number: number): Promise<TicketView> {
  const store = deps.uow.read;
  const ticket = await loadTicket(store, number);
  assertCanSee(actor, ticket);
  return detailView(store, ticket, actor.locale, deps.clock.now(), worksOn(actor, ticket));
}
