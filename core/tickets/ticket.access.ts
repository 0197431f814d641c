import { Actor, isStaff, seesEverything } from '../shared/actor';
import { HelpdeskError } from '../shared/errors';
import type { AccessScope } from '../shared/store.port';
import type { Ticket } from './ticket.entity';

/**
 * Least privilege (R9, R16), checked in core whatever the channel: employees see their own and
 * watched tickets; technicians their services', their assignments and unrouted tickets; managers
 * and admins everything.
 */
export function scopeFor(actor: Actor): AccessScope {
  if (seesEverything(actor)) return { kind: 'all' };
  if (actor.role === 'technician') return { kind: 'staff', personId: actor.personId, serviceIds: actor.serviceIds };
  return { kind: 'own', personId: actor.personId ?? -1 };
}

type Visible = Pick<Ticket, 'requesterId' | 'createdById' | 'serviceId' | 'assigneeIds' | 'watcherIds'>;

const involves = (actor: Actor, t: Visible) =>
  actor.personId !== null &&
  (t.requesterId === actor.personId || t.createdById === actor.personId || t.watcherIds.includes(actor.personId));

/** Technicians work their services' tickets, tickets assigned to them and tickets not yet routed. */
export function canWork(actor: Actor, t: Visible): boolean {
  if (seesEverything(actor)) return true;
  if (actor.role !== 'technician') return false;
  return (
    t.serviceId === null ||
    actor.serviceIds.includes(t.serviceId) ||
    (actor.personId !== null && t.assigneeIds.includes(actor.personId))
  );
}

export function canSee(actor: Actor, t: Visible): boolean {
  return canWork(actor, t) || involves(actor, t);
}

/** Someone else's ticket is "not found", not "forbidden": its existence is not theirs to learn. */
export function assertCanSee(actor: Actor, t: Ticket): void {
  if (!canSee(actor, t)) throw new HelpdeskError('ticket_not_found', { number: t.id });
}

export function assertCanWork(actor: Actor, t: Ticket): void {
  assertCanSee(actor, t);
  if (!isStaff(actor) || !canWork(actor, t)) throw new HelpdeskError('forbidden', { number: t.id });
}

/** The person the ticket is for: only they cancel, confirm, reopen or edit it from the requester's side. */
export const isRequester = (actor: Actor, t: Pick<Ticket, 'requesterId'>) => actor.personId !== null && actor.personId === t.requesterId;

/** Staff who may work this ticket (a technician reading their own request is on the requester's side). */
export const worksOn = (actor: Actor, t: Visible) => isStaff(actor) && canWork(actor, t);
