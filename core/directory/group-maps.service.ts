import { z } from 'zod';
import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { requireAdmin } from '../people/require-role';
import { findService } from '../people/service.lookup';
import { audit } from '../tickets/ticket-change';
import type { GroupMap } from './directory.port';

export const groupMapSchema = z
  .strictObject({
    /** The group's display name ("IT-Support-Poste") or object id. */
    group: z.string().trim().min(1).max(191),
    role: z.enum(['technician', 'manager', 'admin']),
    service: z.union([z.number().int().positive(), z.string().trim().min(1).max(64)]).optional(),
  })
  .refine((v) => (v.role === 'technician') === (v.service !== undefined), { message: 'technician needs a service; manager and admin take none', path: ['service'] });
export type GroupMapInput = z.input<typeof groupMapSchema>;

export interface GroupMapView extends GroupMap {
  service: string | null;
}

/** Directory groups mapped to roles as data (R6): the next sync applies them. */
export async function mapGroup(deps: CoreDeps, actor: Actor, raw: GroupMapInput): Promise<GroupMapView> {
  requireAdmin(actor);
  const input = parse(groupMapSchema, raw);
  try {
    return await deps.uow.transaction(async (store) => {
      const service = input.service !== undefined ? await findService(store, input.service) : null;
      const now = deps.clock.now();
      const m = { groupRef: input.group, role: input.role, serviceId: service?.id ?? null };
      const id = await store.directory.addMap(m, now);
      await audit({ store, actor, now }, null, 'directory_group_mapped', null, { ...m, id }, 'settings', id);
      return { id, ...m, service: service?.slug ?? null };
    });
  } catch (e) {
    if (deps.uow.isUniqueViolation(e)) throw new HelpdeskError('validation_failed', {}, [{ path: 'group', message: 'this group is mapped already: remove its mapping first' }]);
    throw e;
  }
}

export async function unmapGroup(deps: CoreDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.uow.transaction(async (store) => {
    if (!(await store.directory.removeMap(id))) throw new HelpdeskError('not_found');
    await audit({ store, actor, now: deps.clock.now() }, null, 'directory_group_unmapped', { id }, null, 'settings', id);
  });
}

export async function listGroupMaps(deps: CoreDeps, actor: Actor): Promise<GroupMapView[]> {
  requireAdmin(actor);
  const store = deps.uow.read;
  const services = new Map((await store.services.list()).map((s) => [s.id, s.slug]));
  return (await store.directory.maps()).map((m) => ({ ...m, service: m.serviceId !== null ? (services.get(m.serviceId) ?? null) : null }));
}

/** Whom a person reports to (a report or an approval can go to their manager); null when unknown. */
export async function managerOf(deps: CoreDeps, personId: number) {
  const id = await deps.uow.read.directory.managerOf(personId);
  return id === null ? null : deps.uow.read.people.get(id);
}
