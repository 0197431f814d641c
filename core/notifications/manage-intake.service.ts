import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { requireAdmin, requireStaff } from '../people/require-role';
import { findService } from '../people/service.lookup';
import { findPerson } from '../people/person.lookup';
import { audit } from '../tickets/ticket-change';
import type { OnCallShift, ServiceIntake } from './outbox.port';
import { intakeSchema, IntakeInput, shiftSchema, ShiftInput } from './notification.schemas';

export const DEFAULT_ONCALL_AFTER_MINUTES = 15;

/** R12: a service's mailing list (every new ticket) and how long an urgent ticket may wait unclaimed. */
export async function getIntake(deps: CoreDeps, actor: Actor, service: string | number): Promise<ServiceIntake> {
  requireStaff(actor);
  const s = await findService(deps.uow.read, service);
  return (await deps.uow.read.notifications.intake(s.id)) ?? { serviceId: s.id, mailingList: null, oncallAfterMinutes: DEFAULT_ONCALL_AFTER_MINUTES };
}

export async function setIntake(deps: CoreDeps, actor: Actor, service: string | number, raw: IntakeInput): Promise<ServiceIntake> {
  requireAdmin(actor);
  const input = parse(intakeSchema, raw);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const s = await findService(store, service);
    const before = (await store.notifications.intake(s.id)) ?? { serviceId: s.id, mailingList: null, oncallAfterMinutes: DEFAULT_ONCALL_AFTER_MINUTES };
    const after: ServiceIntake = {
      serviceId: s.id,
      mailingList: input.mailingList === undefined ? before.mailingList : input.mailingList,
      oncallAfterMinutes: input.oncallAfterMinutes ?? before.oncallAfterMinutes,
    };
    await store.notifications.setIntake(after, now);
    await audit({ store, actor, now }, null, 'service_intake_changed', { ...before }, { ...after }, 'service', s.id);
    return after;
  });
}

/** The on-call rota of a service: who gets the SMS, from when to when. */
export async function listShifts(deps: CoreDeps, actor: Actor, service: string | number): Promise<OnCallShift[]> {
  requireStaff(actor);
  return deps.uow.read.notifications.shifts((await findService(deps.uow.read, service)).id);
}

export async function addShift(deps: CoreDeps, actor: Actor, service: string | number, raw: ShiftInput): Promise<OnCallShift> {
  requireAdmin(actor);
  const input = parse(shiftSchema, raw);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const s = await findService(store, service);
    const person = await findPerson(store, input.person);
    if (!person.phone) throw new HelpdeskError('validation_failed', {}, [{ path: 'person', message: 'has no phone number for the on-call SMS' }]);
    const shift = { serviceId: s.id, personId: person.id, startsAt: new Date(input.from), endsAt: new Date(input.to) };
    const id = await store.notifications.addShift(shift, now);
    await audit({ store, actor, now }, null, 'oncall_shift_added', null, { id, ...shift }, 'service', s.id);
    return { id, ...shift };
  });
}

export async function removeShift(deps: CoreDeps, actor: Actor, service: string | number, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const s = await findService(store, service);
    const shift = (await store.notifications.shifts(s.id)).find((x) => x.id === id);
    if (!shift || !(await store.notifications.deleteShift(id))) throw new HelpdeskError('not_found');
    await audit({ store, actor, now }, null, 'oncall_shift_removed', { ...shift }, null, 'service', s.id);
  });
}
