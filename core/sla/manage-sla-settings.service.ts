import { z } from 'zod';
import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { audit } from '../tickets/ticket-change';
import { requireAdmin } from '../people/require-role';
import { findService } from '../people/service.lookup';
import { BusinessCalendarConfig, DEFAULT_CALENDAR, validateCalendar } from './business-calendar';
import { DEFAULT_PRIORITY_MATRIX, PriorityMatrix, validatePriorityMatrix } from './priority-matrix';
import { SETTING_CALENDAR, SETTING_PRIORITY_MATRIX } from './sla-context';
import type { SlaPolicy } from './sla-policy';

/** SLA configuration is data an admin changes without a deployment (R7, R13). */
export async function getSlaSettings(deps: CoreDeps, actor: Actor) {
  if (actor.role === 'employee') throw new HelpdeskError('forbidden');
  const s = deps.uow.read.settings;
  return {
    calendar: (await s.get<BusinessCalendarConfig>(SETTING_CALENDAR)) ?? DEFAULT_CALENDAR,
    priorityMatrix: (await s.get<PriorityMatrix>(SETTING_PRIORITY_MATRIX)) ?? DEFAULT_PRIORITY_MATRIX,
    policies: await s.slaPolicies(),
  };
}

export async function setPriorityMatrix(deps: CoreDeps, actor: Actor, raw: unknown): Promise<PriorityMatrix> {
  requireAdmin(actor);
  const matrix = validatePriorityMatrix(raw);
  return saveSetting(deps, actor, SETTING_PRIORITY_MATRIX, matrix);
}

export async function setBusinessCalendar(deps: CoreDeps, actor: Actor, raw: unknown): Promise<BusinessCalendarConfig> {
  requireAdmin(actor);
  let calendar: BusinessCalendarConfig;
  try {
    calendar = validateCalendar(raw);
  } catch (e) {
    throw new HelpdeskError('validation_failed', {}, [{ path: 'calendar', message: (e as Error).message.slice(0, 200) }]);
  }
  return saveSetting(deps, actor, SETTING_CALENDAR, calendar);
}

async function saveSetting<T>(deps: CoreDeps, actor: Actor, key: string, value: T): Promise<T> {
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const before = await store.settings.get<Record<string, unknown>>(key);
    await store.settings.set(key, value, now);
    await audit({ store, actor, now }, null, 'setting_changed', before ? { [key]: before } : null, { [key]: value }, 'settings', null);
    return value;
  });
}

export const policySchema = z.strictObject({
  priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  service: z.union([z.number().int().positive(), z.string().min(1).max(64)]).nullable().optional(),
  ownMinutes: z.number().int().min(1).max(525600),
  resolveMinutes: z.number().int().min(1).max(525600),
});

/** Existing tickets keep their due dates; new ones and priority changes use the new targets. */
export async function setSlaPolicy(deps: CoreDeps, actor: Actor, raw: unknown): Promise<SlaPolicy> {
  requireAdmin(actor);
  const input = parse(policySchema, raw);
  if (input.resolveMinutes < input.ownMinutes) {
    throw new HelpdeskError('validation_failed', {}, [{ path: 'resolveMinutes', message: 'must be at least ownMinutes' }]);
  }
  return deps.uow.transaction(async (store) => {
    const serviceId = input.service === undefined || input.service === null ? null : (await findService(store, input.service)).id;
    const policy: SlaPolicy = { priority: input.priority, serviceId, ownMinutes: input.ownMinutes, resolveMinutes: input.resolveMinutes };
    await store.settings.setSlaPolicy(policy);
    await audit({ store, actor, now: deps.clock.now() }, null, 'sla_policy_set', null, { ...policy }, 'settings', null);
    return policy;
  });
}
