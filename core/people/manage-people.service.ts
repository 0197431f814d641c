import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { audit } from '../tickets/ticket-change';
import { normalizePhone, findPerson } from './person.lookup';
import { findService } from './service.lookup';
import { createPersonSchema, CreatePersonInput, updatePersonSchema, UpdatePersonInput } from './people.schemas';
import { requireAdmin, requireStaff } from './require-role';
import type { Person, PersonPatch } from './person.entity';

/** Admins keep the directory: one person across e-mail, phone, Teams and Slack. */
export async function createPerson(deps: CoreDeps, actor: Actor, raw: CreatePersonInput): Promise<Person> {
  requireAdmin(actor);
  const input = parse(createPersonSchema, raw);
  return uniqueGuard(deps, input, () =>
    deps.uow.transaction(async (store) => {
      const now = deps.clock.now();
      const id = await store.people.insert({
        displayName: input.displayName,
        email: input.email ?? null,
        phone: input.phone ? normalizePhone(input.phone) : null,
        locale: input.locale ?? null,
        role: input.role,
        department: input.department ?? null,
        aadObjectId: input.aadObjectId?.toLowerCase() ?? null,
        slackUserId: input.slackUserId ?? null,
        active: true,
      });
      if (input.services?.length && input.role === 'employee') throw new HelpdeskError('not_a_technician', { who: input.displayName });
      for (const s of input.services ?? []) await store.services.addMember((await findService(store, s)).id, id);
      const person = (await store.people.get(id))!;
      await audit({ store, actor, now }, null, 'person_created', null, { ...person, services: input.services ?? [] }, 'person', id);
      return person;
    }),
  );
}

export async function updatePerson(deps: CoreDeps, actor: Actor, ref: string | number, raw: UpdatePersonInput): Promise<Person> {
  requireAdmin(actor);
  const input = parse(updatePersonSchema, raw);
  return uniqueGuard(deps, input, () =>
    deps.uow.transaction(async (store) => {
      const person = await findPerson(store, ref);
      const patch: PersonPatch = { ...input, phone: input.phone ? normalizePhone(input.phone) : input.phone } as PersonPatch;
      await store.people.update(person.id, patch);
      const before = Object.fromEntries(Object.keys(patch).map((k) => [k, (person as unknown as Record<string, unknown>)[k]]));
      await audit({ store, actor, now: deps.clock.now() }, null, 'person_updated', before, patch as Record<string, unknown>, 'person', person.id);
      return (await store.people.get(person.id))!;
    }),
  );
}

export async function getPerson(deps: CoreDeps, actor: Actor, ref: string | number): Promise<Person & { serviceIds: number[] }> {
  const person = await findPerson(deps.uow.read, ref);
  if (actor.personId !== person.id) requireStaff(actor);
  return { ...person, serviceIds: await deps.uow.read.people.serviceIdsOf(person.id) };
}

export async function listPeople(deps: CoreDeps, actor: Actor, q: { role?: Person['role']; text?: string; limit?: number; afterId?: number }): Promise<Person[]> {
  requireStaff(actor);
  return deps.uow.read.people.list({ role: q.role, text: q.text, limit: Math.min(Math.max(q.limit ?? 50, 1), 200), afterId: q.afterId });
}

/** Unique e-mail, phone and platform ids are the database's to enforce; the person hears which one clashed. */
async function uniqueGuard<T>(deps: CoreDeps, input: Record<string, unknown>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!deps.uow.isUniqueViolation(e)) throw e;
    for (const field of ['email', 'phone', 'slackUserId', 'aadObjectId'] as const) {
      const raw = input[field];
      if (typeof raw !== 'string' || !raw) continue;
      const value = field === 'phone' ? normalizePhone(raw) : field === 'aadObjectId' ? raw.toLowerCase() : raw;
      if (await deps.uow.read.people.find({ by: field, value })) throw new HelpdeskError('duplicate_person', { field, value });
    }
    throw new HelpdeskError('duplicate_person', { field: 'email', value: String(input.email ?? '') });
  }
}
