import { Actor, isStaff } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import type { Store } from '../shared/store.port';
import { findPerson, parsePersonRef } from '../people/person.lookup';
import { findCategory, findService } from '../people/service.lookup';
import type { Person } from '../people/person.entity';
import { loadSlaContext, dueDatesFor } from '../sla/sla-context';
import { assignOnCreate, routedService } from '../routing/route-ticket';
import { priorityOf } from '../sla/priority-matrix';
import { audit, loadTicket } from './ticket-change';
import { idempotencyScope } from '../shared/idempotency';
import { assertCanSee } from './ticket.access';
import { createTicketSchema, CreateTicketInput } from './ticket.schemas';
import type { NewTicket, Ticket } from './ticket.entity';
import { planNewTicket } from '../notifications/plan-ticket-notifications';

export interface CreateTicketResult {
  ticket: Ticket;
  /** False when an idempotency key showed this delivery was a repeat. */
  created: boolean;
  /** The requester (and watchers) as written, so the answer can be shown without reading them again. */
  people?: Person[];
}

/**
 * Files a ticket (R1, R3, R13): the requester is the actor, or the caller named by phone support;
 * category picks the service; urgency x impact gives the priority; SLA due dates are set at once.
 */
export async function createTicket(deps: CoreDeps, actor: Actor, raw: CreateTicketInput): Promise<CreateTicketResult> {
  const input = parse(createTicketSchema, raw);
  const scope = idempotencyScope('ticket', actor);
  if (input.idempotencyKey) {
    const seen = await deps.uow.read.idempotency.find(scope, input.idempotencyKey);
    if (seen) return { ticket: await seenTicket(deps, actor, seen), created: false };
  }
  try {
    return await deps.uow.transaction(async (store) => {
      const now = deps.clock.now();
      const ctx = { store, actor, now };
      const requester = await resolveRequester(store, actor, input.requester, input.requesterName, now);
      const category = input.category !== undefined ? await findCategory(store, input.category) : null;
      if (input.service !== undefined && !isStaff(actor)) throw new HelpdeskError('forbidden');
      // Staff naming a service override the routing rules (phone support, technicians).
      const serviceId = input.service !== undefined ? (await findService(store, input.service)).id : await routedService(store, input, requester, category, actor.channel, now);
      const sla = await loadSlaContext(store);
      // Impact is the technician's judgement; an employee's form only says how urgent it is for them.
      const impact = isStaff(actor) ? (input.impact ?? 'medium') : 'medium';
      const priority = priorityOf(sla.matrix, input.urgency, impact);
      const due = dueDatesFor(sla, priority, serviceId, now, 0);
      const fields: NewTicket = {
        title: input.title,
        description: input.description,
        type: input.type,
        categoryId: category?.id ?? null,
        urgency: input.urgency,
        impact,
        priority,
        status: 'new',
        requesterId: requester.id,
        createdById: actor.personId,
        serviceId,
        sourceChannel: input.requester !== undefined && actor.channel !== 'api' ? 'phone' : actor.channel,
        slaStartedAt: now,
        ...due,
        firstResponseAt: null,
        ownedAt: null,
        resolvedAt: null,
        closedAt: null,
        pendingSince: null,
        pendingUntil: null,
        pausedMinutes: 0,
        reopenCount: 0,
        resolution: null,
      };
      const id = await store.tickets.insert(fields);
      const people = [requester];
      const watcherIds: number[] = [];
      for (const w of input.watchers ?? []) {
        const p = await findPerson(store, w);
        if (p.id !== requester.id && !watcherIds.includes(p.id)) {
          await store.tickets.addWatcher(id, p.id);
          watcherIds.push(p.id);
          people.push(p);
        }
      }
      if (input.idempotencyKey) await store.idempotency.remember(scope, input.idempotencyKey, id, now);
      // What was just written, not a re-read of it (R20: the write path's statements).
      const ticket: Ticket = { ...fields, id, version: 1, createdAt: now, updatedAt: now, assigneeIds: [], watcherIds: watcherIds.sort((a, b) => a - b) };
      const { description, ...shown } = ticket;
      await audit(ctx, id, 'created', null, { ...shown, descriptionLength: description.length });
      const routed = await assignOnCreate(ctx, ticket);
      await planNewTicket(ctx, routed);
      return { ticket: routed, created: true, people };
    });
  } catch (e) {
    // Two deliveries of one event raced: the loser returns the winner's ticket.
    if (input.idempotencyKey && deps.uow.isUniqueViolation(e)) {
      const seen = await deps.uow.read.idempotency.find(scope, input.idempotencyKey);
      if (seen) return { ticket: await seenTicket(deps, actor, seen), created: false };
    }
    throw e;
  }
}

async function resolveRequester(store: Store, actor: Actor, ref: string | number | undefined, name: string | undefined, now: Date): Promise<Person> {
  if (ref === undefined) {
    if (actor.personId === null) {
      throw new HelpdeskError('validation_failed', {}, [{ path: 'requester', message: 'required when the token has no person' }]);
    }
    if (actor.person?.id === actor.personId) return actor.person;
    const me = await store.people.get(actor.personId);
    if (!me) throw new HelpdeskError('person_not_found', { who: actor.personId });
    return me;
  }
  // Filing for someone else is phone support's job (R1): technicians and above.
  if (!isStaff(actor)) throw new HelpdeskError('forbidden');
  const lookup = parsePersonRef(ref);
  const found = lookup.by === 'id' ? await store.people.get(lookup.value) : await store.people.find(lookup);
  if (found) return found;
  if (lookup.by !== 'email' && lookup.by !== 'phone') throw new HelpdeskError('person_not_found', { who: String(ref) });
  // A caller unknown so far becomes an employee record, so their next call finds them.
  const id = await store.people.insert({
    email: lookup.by === 'email' ? lookup.value : null,
    phone: lookup.by === 'phone' ? lookup.value : null,
    displayName: name ?? lookup.value,
    locale: null,
    role: 'employee',
    aadObjectId: null,
    slackUserId: null,
    department: null,
    active: true,
  });
  await audit({ store, actor, now }, null, 'person_created', null, { id, [lookup.by]: lookup.value }, 'person', id);
  return (await store.people.get(id))!;
}

/** A repeated delivery gets the first ticket back, still subject to who may see it. */
async function seenTicket(deps: CoreDeps, actor: Actor, id: number): Promise<Ticket> {
  const ticket = await loadTicket(deps.uow.read, id);
  assertCanSee(actor, ticket);
  return ticket;
}
