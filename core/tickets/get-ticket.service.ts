import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { assertCanSee, worksOn } from './ticket.access';
import { loadTicket } from './ticket-change';
import { detailView, TicketView } from './ticket.view';

export async function getTicket(deps: CoreDeps, actor: Actor, number: number): Promise<TicketView> {
  const store = deps.uow.read;
  const ticket = await loadTicket(store, number);
  assertCanSee(actor, ticket);
  return detailView(store, ticket, actor.locale, deps.clock.now(), worksOn(actor, ticket));
}
