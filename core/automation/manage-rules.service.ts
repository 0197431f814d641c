import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { audit } from '../tickets/ticket-change';
import { requireAdmin } from '../people/require-role';
import { ruleSchema, setValueProblem, type Rule, type RuleInput } from './rule.entity';

const invalid = (path: string, message: string) => new HelpdeskError('validation_failed', {}, [{ path, message }]);

/** Rules that parse but could never work are refused with the reason, not stored to fail silently. */
function checked(raw: RuleInput) {
  const input = parse(ruleSchema, raw);
  const has = (field: string) => input.if.some((c) => c.field === field);
  if (input.when === 'time_passed' && !has('businessDaysSince')) throw invalid('if', 'a time_passed rule needs a businessDaysSince condition');
  if (input.when !== 'time_passed' && has('businessDaysSince')) throw invalid('if', 'businessDaysSince is for time_passed rules');
  if (input.when !== 'created' && has('similarReportsInHour')) throw invalid('if', 'similarReportsInHour is for created rules');
  input.then.forEach((a, i) => {
    const problem = setValueProblem(a);
    if (problem) throw invalid(`then.${i}.value`, problem);
  });
  return input;
}

/** Staff read the rules (R7); only admins change them. */
export async function listRules(deps: CoreDeps, actor: Actor): Promise<Rule[]> {
  if (actor.role === 'employee') throw new HelpdeskError('forbidden');
  return deps.uow.read.automation.rules();
}

export async function getRule(deps: CoreDeps, actor: Actor, id: number): Promise<Rule> {
  if (actor.role === 'employee') throw new HelpdeskError('forbidden');
  const rule = Number.isSafeInteger(id) ? await deps.uow.read.automation.rule(id) : null;
  if (!rule) throw new HelpdeskError('not_found');
  return rule;
}

export async function createRule(deps: CoreDeps, actor: Actor, raw: RuleInput): Promise<Rule> {
  requireAdmin(actor);
  const input = checked(raw);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const rule = { name: input.name, when: input.when, if: input.if, then: input.then, active: input.active, builtin: null };
    const id = await store.automation.insertRule(rule, now);
    await audit({ store, actor, now }, null, 'rule_created', null, { id, ...rule }, 'settings', id);
    return { id, ...rule, updatedAt: now };
  });
}

/** Replaces a rule's definition; shipped rules may be changed or switched off like any other. */
export async function updateRule(deps: CoreDeps, actor: Actor, id: number, raw: RuleInput): Promise<Rule> {
  requireAdmin(actor);
  const input = checked(raw);
  return deps.uow.transaction(async (store) => {
    const now = deps.clock.now();
    const before = Number.isSafeInteger(id) ? await store.automation.rule(id) : null;
    if (!before) throw new HelpdeskError('not_found');
    const next = { name: input.name, when: input.when, if: input.if, then: input.then, active: input.active };
    await store.automation.updateRule(id, next, now);
    await audit({ store, actor, now }, null, 'rule_updated', { ...before }, { ...next }, 'settings', id);
    return { ...before, ...next, updatedAt: now };
  });
}

/** Shipped rules are switched off (`active: false`) rather than deleted, so they can come back. */
export async function deleteRule(deps: CoreDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.uow.transaction(async (store) => {
    const before = Number.isSafeInteger(id) ? await store.automation.rule(id) : null;
    if (!before) throw new HelpdeskError('not_found');
    if (before.builtin) throw invalid('id', `shipped rule "${before.builtin}" cannot be deleted: set active to false`);
    await store.automation.deleteRule(id);
    await audit({ store, actor, now: deps.clock.now() }, null, 'rule_deleted', { ...before }, null, 'settings', id);
  });
}

/** What the rules did to one ticket (staff), for "why did this close?". */
export async function ticketRuleRuns(deps: CoreDeps, actor: Actor, ticketId: number) {
  if (actor.role === 'employee') throw new HelpdeskError('forbidden');
  return deps.uow.read.automation.runsOf(ticketId);
}
