import type { NewPerson } from '../../core/people/person.entity';
import type { Store } from '../../core/shared/store.port';
import type { NewTicket } from '../../core/tickets/ticket.entity';

/** Builders for storage tests: plausible rows, overridable field by field. */
export const at = (iso: string) => new Date(iso);

let seq = 0;
export function person(over: Partial<NewPerson> = {}): NewPerson {
  seq += 1;
  return {
    email: `person${seq}@example.com`,
    displayName: `Person ${seq}`,
    phone: null,
    locale: 'fr',
    role: 'employee',
    aadObjectId: null,
    slackUserId: null,
    department: null,
    active: true,
    ...over,
  };
}

export function ticket(requesterId: number, over: Partial<NewTicket> = {}): NewTicket {
  return {
    title: 'Printer jammed',
    description: 'It makes a noise',
    type: 'incident',
    categoryId: null,
    urgency: 'medium',
    impact: 'medium',
    priority: 3,
    status: 'new',
    requesterId,
    createdById: requesterId,
    serviceId: null,
    sourceChannel: 'teams',
    ownDueAt: at('2026-03-02T09:00:00.000Z'),
    resolveDueAt: at('2026-03-04T17:00:00.000Z'),
    firstResponseAt: null,
    ownedAt: null,
    resolvedAt: null,
    closedAt: null,
    pendingSince: null,
    pendingUntil: null,
    slaStartedAt: at('2026-03-02T08:30:00.123Z'),
    pausedMinutes: 0,
    reopenCount: 0,
    resolution: null,
    ...over,
  };
}

export async function addPerson(s: Store, over: Partial<NewPerson> = {}): Promise<number> {
  return s.people.insert(person(over));
}
