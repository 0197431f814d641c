import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import type { AuditEntry } from '../audit/audit.entity';
import { assertCanSee, worksOn } from './ticket.access';
import { loadTicket } from './ticket-change';

/**
 * The full history of a ticket (R3, R19), oldest first. Requesters see it too, less the traces of
 * internal notes and the references staff keep for themselves.
 */
export async function ticketHistory(deps: CoreDeps, actor: Actor, number: number): Promise<AuditEntry[]> {
  const store = deps.uow.read;
  const ticket = await loadTicket(store, number);
  assertCanSee(actor, ticket);
  const entries = await store.audit.forTicket(ticket.id);
  if (worksOn(actor, ticket)) return entries;
  return entries.filter((e) => e.after?.internal !== true && !e.action.startsWith('external_ref'));
}
