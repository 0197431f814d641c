import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { assertCanSee } from '../tickets/ticket.access';
import { loadTicket } from '../tickets/ticket-change';
import { SLA_LEVELS, freshSlaState } from './sla.port';

const levelName = (n: number) => (n === 0 ? null : SLA_LEVELS[n - 1]);

/**
 * A ticket's SLA record (R10, R13, R14): deadlines, the level the sweep reached on each clock in the
 * current cycle, and whether each target was met (null while it runs). Whoever may see the ticket.
 */
export async function ticketSla(deps: CoreDeps, actor: Actor, number: number) {
  const read = deps.uow.read;
  const ticket = await loadTicket(read, number);
  assertCanSee(actor, ticket);
  const stored = await read.sla.state(ticket.id);
  const s = stored && stored.cycle === ticket.reopenCount ? stored : freshSlaState(ticket.reopenCount);
  return {
    number: ticket.id,
    cycle: s.cycle,
    paused: ticket.status === 'pending',
    own: { dueAt: ticket.ownDueAt, doneAt: ticket.ownedAt, level: levelName(s.ownLevel), met: s.ownMet, breachedAt: s.ownBreachedAt },
    resolve: { dueAt: ticket.resolveDueAt, doneAt: ticket.resolvedAt, level: levelName(s.resolveLevel), met: s.resolveMet, breachedAt: s.resolveBreachedAt },
  };
}
