import type { Actor, Role } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import type { Store } from '../shared/store.port';
import { audit } from '../tickets/ticket-change';
import { findPerson } from './person.lookup';
import { findService, slugify } from './service.lookup';
import { createServiceSchema, memberSchema, roleSchema, updateServiceSchema } from './people.schemas';
import { requireAdmin } from './require-role';
import type { Person, Service } from './person.entity';

/** Services are technician teams with a queue (R13); `setup technicians <service>` creates one on the fly. */
export async function createService(deps: CoreDeps, actor: Actor, raw: { name: string; slug?: string; lead?: string | number }): Promise<Service> {
  requireAdmin(actor);
  const input = parse(createServiceSchema, raw);
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw new HelpdeskError('validation_failed', {}, [{ path: 'name', message: 'needs letters or digits' }]);
  try {
    return await deps.uow.transaction(async (store) => {
      const lead = input.lead !== undefined ? await findPerson(store, input.lead) : null;
      return insertService(store, actor, deps.clock.now(), { slug, name: input.name, leadId: lead?.id ?? null });
    });
  } catch (e) {
    if (deps.uow.isUniqueViolation(e)) throw new HelpdeskError('duplicate_service', { service: slug });
    throw e;
  }
}

async function insertService(store: Store, actor: Actor, now: Date, s: { slug: string; name: string; leadId: number | null }) {
  const id = await store.services.insert(s);
  await audit({ store, actor, now }, null, 'service_created', null, { id, ...s }, 'service', id);
  return (await store.services.get(id))!;
}

export async function updateService(deps: CoreDeps, actor: Actor, ref: string | number, raw: { name?: string; lead?: string | number | null }): Promise<Service> {
  requireAdmin(actor);
  const input = parse(updateServiceSchema, raw);
  return deps.uow.transaction(async (store) => {
    const service = await findService(store, ref);
    const patch: { name?: string; leadId?: number | null } = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.lead !== undefined) patch.leadId = input.lead === null ? null : (await findPerson(store, input.lead)).id;
    await store.services.update(service.id, patch);
    await audit({ store, actor, now: deps.clock.now() }, null, 'service_updated', { name: service.name, leadId: service.leadId }, patch, 'service', service.id);
    return (await store.services.get(service.id))!;
  });
}

export async function setServiceMember(deps: CoreDeps, actor: Actor, ref: string | number, raw: { person: string | number }, member: boolean): Promise<Service> {
  requireAdmin(actor);
  const input = parse(memberSchema, raw);
  return deps.uow.transaction(async (store) => {
    const service = await findService(store, ref);
    const person = await findPerson(store, input.person);
    if (member && person.role === 'employee') throw new HelpdeskError('not_a_technician', { who: person.displayName });
    if (member === service.memberIds.includes(person.id)) return service;
    if (member) await store.services.addMember(service.id, person.id);
    else await store.services.removeMember(service.id, person.id);
    await audit({ store, actor, now: deps.clock.now() }, null, member ? 'member_added' : 'member_removed', null, { personId: person.id }, 'service', service.id);
    return (await store.services.get(service.id))!;
  });
}

export async function listServices(deps: CoreDeps): Promise<Service[]> {
  return deps.uow.read.services.list();
}

/**
 * `role <@user|e-mail> technician <service>` and friends: the role, and for technicians their
 * service (created if new, as `setup technicians` does).
 */
export async function setRole(deps: CoreDeps, actor: Actor, raw: { person: string | number; role: Role; service?: string }): Promise<Person> {
  requireAdmin(actor);
  const input = parse(roleSchema, raw);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const person = await findPerson(store, input.person);
    if (person.role !== input.role) {
      await store.people.update(person.id, { role: input.role });
      await audit({ store, actor, now }, null, 'role_changed', { role: person.role }, { role: input.role }, 'person', person.id);
    }
    if (input.service && input.role !== 'employee') {
      const slug = slugify(input.service);
      if (!slug) throw new HelpdeskError('validation_failed', {}, [{ path: 'service', message: 'needs letters or digits' }]);
      const byName = async () => (await store.services.list()).find((s) => slugify(s.name) === slug) ?? null;
      const service =
        (await store.services.findBySlug(slug)) ?? (await byName()) ?? (await insertService(store, actor, now, { slug, name: input.service, leadId: null }));
      if (!service.memberIds.includes(person.id)) {
        await store.services.addMember(service.id, person.id);
        await audit({ store, actor, now }, null, 'member_added', null, { personId: person.id }, 'service', service.id);
      }
    }
    return (await store.people.get(person.id))!;
  });
}
