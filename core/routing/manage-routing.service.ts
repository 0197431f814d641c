import { z } from 'zod';
import type { Actor } from '../shared/actor';
import { seesEverything } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { audit } from '../tickets/ticket-change';
import { requireAdmin } from '../people/require-role';
import { findService } from '../people/service.lookup';
import { findPerson } from '../people/person.lookup';
import { conditionSchema } from '../automation/rule.entity';
import { validateCalendar, type BusinessCalendarConfig } from '../sla/business-calendar';
import { defaultRouting, ROUTING_MODES, type Absence, type RoutingRule, type ServiceRouting } from './routing.entity';

export const settingsSchema = z.strictObject({
  mode: z.enum(ROUTING_MODES).optional(),
  acceptMinutes: z.number().int().min(1).max(525600).nullable().optional(),
  warnPercent: z.number().int().min(1).max(99).optional(),
  managersPercent: z.number().int().min(101).max(1000).optional(),
  /** A calendar of the service's own (validated like PUT /sla/calendar), or null for the company's. */
  calendar: z.unknown().optional(),
});

function checkedCalendar(raw: unknown): BusinessCalendarConfig {
  try {
    return validateCalendar(raw);
  } catch (e) {
    throw new HelpdeskError('validation_failed', {}, [{ path: 'calendar', message: (e as Error).message.slice(0, 200) }]);
  }
}

/** Every service's routing, with the defaults for those never configured (staff read, admins write). */
export async function getRouting(deps: CoreDeps, actor: Actor) {
  if (actor.role === 'employee') throw new HelpdeskError('forbidden');
  const read = deps.uow.read;
  const saved = new Map((await read.routing.allSettings()).map((r) => [r.serviceId, r]));
  const services = await read.services.list();
  return {
    services: services.map((s) => ({ service: { id: s.id, slug: s.slug, name: s.name }, ...(saved.get(s.id) ?? defaultRouting(s.id)) })),
    rules: await read.routing.rules(),
  };
}

export async function setServiceRouting(deps: CoreDeps, actor: Actor, serviceRef: string | number, raw: unknown): Promise<ServiceRouting> {
  requireAdmin(actor);
  const input = parse(settingsSchema, raw);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const service = await findService(store, serviceRef);
    const before = (await store.routing.settings(service.id)) ?? defaultRouting(service.id);
    const { calendar, ...rest } = input;
    const after: ServiceRouting = { ...before, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) };
    if (calendar !== undefined) after.calendar = calendar === null ? null : checkedCalendar(calendar);
    await store.routing.saveSettings(after, now);
    await audit({ store, actor, now }, null, 'routing_changed', { ...before }, { ...after }, 'service', service.id);
    return after;
  });
}

export const routingRuleSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  if: z.array(conditionSchema).min(1).max(20),
  service: z.union([z.number().int().positive(), z.string().trim().min(1).max(64)]),
  position: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
});

/** A routing rule: tickets whose fields match go to the service, before the category's default. */
export async function addRoutingRule(deps: CoreDeps, actor: Actor, raw: unknown): Promise<RoutingRule> {
  requireAdmin(actor);
  const input = parse(routingRuleSchema, raw);
  const dynamic = input.if.find((c) => ['businessDaysSince', 'requesterReplied', 'similarReportsInHour', 'priority'].includes(c.field));
  if (dynamic) throw new HelpdeskError('validation_failed', {}, [{ path: 'if', message: `${dynamic.field} is not known while a ticket is filed` }]);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const service = await findService(store, input.service);
    const rule = { position: input.position ?? 0, name: input.name, conditions: input.if, serviceId: service.id, active: input.active ?? true };
    const id = await store.routing.insertRule(rule, now);
    await audit({ store, actor, now }, null, 'routing_rule_added', null, { id, ...rule }, 'settings', id);
    return { id, ...rule };
  });
}

export async function deleteRoutingRule(deps: CoreDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.uow.transaction(async (store) => {
    if (!(await store.routing.deleteRule(id))) throw new HelpdeskError('not_found');
    await audit({ store, actor, now: deps.clock.now() }, null, 'routing_rule_deleted', { id }, null, 'settings', id);
  });
}

export const absenceSchema = z.strictObject({
  person: z.union([z.number().int().positive(), z.string().trim().min(1).max(254)]),
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  reason: z.string().trim().max(200).optional(),
});

/** Time off (R7): a person records their own, managers and admins anyone's; routing skips them meanwhile. */
export async function addAbsence(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Absence> {
  const input = parse(absenceSchema, raw);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw new HelpdeskError('validation_failed', {}, [{ path: 'endsAt', message: 'must be after startsAt' }]);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const person = await findPerson(store, input.person);
    if (person.id !== actor.personId && !seesEverything(actor)) throw new HelpdeskError('forbidden');
    const absence = { personId: person.id, startsAt, endsAt, reason: input.reason ?? null };
    const id = await store.routing.insertAbsence(absence, now);
    await audit({ store, actor, now }, null, 'absence_added', null, { id, ...absence }, 'person', person.id);
    return { id, ...absence };
  });
}

export async function listAbsences(deps: CoreDeps, actor: Actor, personRef: string | number): Promise<Absence[]> {
  const person = await findPerson(deps.uow.read, personRef);
  if (person.id !== actor.personId && actor.role === 'employee') throw new HelpdeskError('forbidden');
  return deps.uow.read.routing.absences(person.id, deps.clock.now());
}
