import { z } from 'zod';
import { LEVELS, STATUSES, TICKET_TYPES } from '../tickets/ticket.entity';
import { LINK_TYPES } from '../tickets/link.entity';
import { CHANNELS } from '../shared/actor';

/** Automation rules are data (R7): when something happens, if conditions hold, then actions run. */
export const TRIGGERS = ['created', 'updated', 'status_changed', 'sla_warning', 'time_passed'] as const;
export type Trigger = (typeof TRIGGERS)[number];

const ref = z.union([z.number().int().positive(), z.string().trim().min(1).max(64)]);
const scalar = z.union([z.string().max(200), z.number()]);
const localized = z.union([z.string().trim().min(1).max(2000), z.strictObject({ fr: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) })]);

export const conditionSchema = z.discriminatedUnion('field', [
  z.strictObject({ field: z.literal('status'), op: z.enum(['is', 'in', 'not']), value: z.union([z.enum(STATUSES), z.array(z.enum(STATUSES)).min(1)]) }),
  z.strictObject({ field: z.literal('priority'), op: z.enum(['is', 'in', 'not', 'lte', 'gte']), value: z.union([z.number().int().min(1).max(4), z.array(z.number().int().min(1).max(4)).min(1)]) }),
  z.strictObject({ field: z.literal('type'), op: z.enum(['is', 'not']), value: z.enum(TICKET_TYPES) }),
  z.strictObject({ field: z.enum(['urgency', 'impact']), op: z.enum(['is', 'in', 'not']), value: z.union([z.enum(LEVELS), z.array(z.enum(LEVELS)).min(1)]) }),
  z.strictObject({ field: z.literal('channel'), op: z.enum(['is', 'in', 'not']), value: z.union([z.enum(CHANNELS), z.array(z.enum(CHANNELS)).min(1)]) }),
  /** Category and service by slug. */
  z.strictObject({ field: z.enum(['category', 'service']), op: z.enum(['is', 'in', 'not']), value: z.union([scalar, z.array(scalar).min(1)]).nullable() }),
  z.strictObject({ field: z.enum(['title', 'description', 'text']), op: z.literal('contains'), value: z.union([z.string().trim().min(1).max(200), z.array(z.string().trim().min(1).max(200)).min(1)]) }),
  z.strictObject({ field: z.literal('department'), op: z.enum(['is', 'in', 'contains']), value: z.union([z.string().trim().min(1).max(120), z.array(z.string().trim().min(1).max(120)).min(1)]) }),
  /** Business days (of the calendar's mean working day) since a moment; `every` repeats the rule each N days. */
  z.strictObject({ field: z.literal('businessDaysSince'), since: z.enum(['created', 'updated', 'resolved', 'pending']), gte: z.number().min(0).max(365), every: z.number().min(0.01).max(365).optional() }),
  z.strictObject({ field: z.literal('requesterReplied'), since: z.enum(['resolved', 'pending']), value: z.boolean() }),
  /** Pending without a date to wait for: the ball is in the requester's court. */
  z.strictObject({ field: z.literal('waitingOnRequester'), value: z.boolean() }),
  /** Tickets of the same category with a similar title (core/reports/title-clusters) filed within the hour, this one included. */
  z.strictObject({ field: z.literal('similarReportsInHour'), gte: z.number().int().min(2).max(1000) }),
]);
export type Condition = z.infer<typeof conditionSchema>;

export const NOTIFY_TARGETS = ['requester', 'assignees', 'service_lead', 'team', 'managers'] as const;
export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];

export const actionSchema = z.discriminatedUnion('do', [
  /** The value is checked against the field by `setValueProblem` (a discriminated union allows one 'set'). */
  z.strictObject({ do: z.literal('set'), field: z.enum(['status', 'urgency', 'impact', 'category', 'service']), value: ref, resolution: z.string().trim().min(1).max(2000).optional() }),
  z.strictObject({ do: z.literal('assign'), person: ref }),
  z.strictObject({ do: z.literal('watch'), person: ref }),
  z.strictObject({ do: z.literal('link'), type: z.enum(LINK_TYPES), ticket: z.number().int().positive() }),
  z.strictObject({ do: z.literal('comment'), body: localized, internal: z.boolean().optional() }),
  z.strictObject({ do: z.literal('notify'), to: z.enum(NOTIFY_TARGETS), event: z.string().trim().regex(/^[a-z][a-z0-9_]{1,60}$/), urgent: z.boolean().optional() }),
  z.strictObject({ do: z.literal('webhook'), url: z.string().url().max(500).refine((u) => /^https?:\/\//i.test(u), 'http or https only') }),
  z.strictObject({ do: z.literal('propose_parent') }),
]);
export type Action = z.infer<typeof actionSchema>;

/** Why a `set` action's value does not fit its field, or null. */
export function setValueProblem(a: Action): string | null {
  if (a.do !== 'set') return null;
  if (a.field === 'status' && !(STATUSES as readonly unknown[]).includes(a.value)) return `status must be one of ${STATUSES.join(', ')}`;
  if ((a.field === 'urgency' || a.field === 'impact') && !(LEVELS as readonly unknown[]).includes(a.value)) return `${a.field} must be one of ${LEVELS.join(', ')}`;
  if (a.field !== 'status' && a.resolution !== undefined) return 'resolution only goes with status';
  return null;
}

export const ruleSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  when: z.enum(TRIGGERS),
  if: z.array(conditionSchema).max(20).default([]),
  then: z.array(actionSchema).min(1).max(20),
  active: z.boolean().optional().default(true),
});
export type RuleInput = z.input<typeof ruleSchema>;

export interface Rule {
  id: number;
  name: string;
  when: Trigger;
  if: Condition[];
  then: Action[];
  active: boolean;
  /** Key of a shipped default rule (editable, not deletable), null for the company's own. */
  builtin: string | null;
  updatedAt: Date;
}
