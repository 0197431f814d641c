import type { Store } from '../shared/store.port';
import type { Ctx } from '../tickets/ticket-change';
import { saveChange } from '../tickets/ticket-change';
import type { Ticket, TicketType, Level } from '../tickets/ticket.entity';
import type { Channel } from '../shared/actor';
import type { Category, Person } from '../people/person.entity';
import { conditionSchema } from '../automation/rule.entity';
import { matchesField, type TicketFacts } from '../automation/conditions';

/**
 * The service a new ticket goes to (R7, R13): the first active routing rule whose conditions hold,
 * else the category's default service. Rules see the fields known while filing (no priority yet).
 */
export async function routedService(
  store: Store,
  input: { title: string; description: string; type: TicketType; urgency: Level },
  requester: Person,
  category: Category | null,
  channel: Channel,
  now: Date,
): Promise<number | null> {
  const rules = (await store.routing.rules()).filter((r) => r.active);
  if (rules.length) {
    const facts: TicketFacts = {
      status: 'new', priority: null, type: input.type, urgency: input.urgency, impact: 'medium', channel,
      category: category?.slug ?? null, service: null, title: input.title, description: input.description,
      department: requester.department, createdAt: now, updatedAt: now, resolvedAt: null, pendingSince: null, pendingUntil: null,
    };
    for (const rule of rules) {
      const conditions = rule.conditions.map((c) => conditionSchema.safeParse(c)).filter((p) => p.success).map((p) => p.data!);
      if (conditions.every((c) => matchesField(c, facts) === true)) return rule.serviceId;
    }
  }
  return category?.defaultServiceId ?? null;
}

/** Members who may take a ticket now: technicians and above, active, not off at this instant. */
export async function availableMembers(store: Store, memberIds: number[], at: Date): Promise<number[]> {
  if (!memberIds.length) return [];
  const people = await store.people.many(memberIds);
  const staff = people.filter((p) => p.active && p.role !== 'employee').map((p) => p.id);
  const absent = new Set(await store.routing.absentAt(staff, at));
  return staff.filter((id) => !absent.has(id)).sort((a, b) => a - b);
}

/**
 * Within the service: nobody (the team claims from its channel), the next member in turn, or the
 * member with the fewest open tickets; the assignee still has to accept by starting the work, so
 * the time to own keeps running (`ownedAt` stays empty).
 */
export async function assignOnCreate(ctx: Ctx, ticket: Ticket): Promise<Ticket> {
  if (ticket.serviceId === null || ticket.assigneeIds.length) return ticket;
  const routing = await ctx.store.routing.settings(ticket.serviceId);
  if (!routing || routing.mode === 'none') return ticket;
  const service = await ctx.store.services.get(ticket.serviceId);
  const candidates = await availableMembers(ctx.store, service?.memberIds ?? [], ctx.now);
  if (!candidates.length) return ticket;
  let pick: number;
  if (routing.mode === 'round_robin') {
    const turn = await ctx.store.routing.nextTurn(ticket.serviceId, ctx.now);
    pick = candidates[(turn - 1) % candidates.length];
  } else {
    const load = await ctx.store.routing.openLoad(candidates);
    pick = candidates.reduce((best, id) => ((load.get(id) ?? 0) < (load.get(best) ?? 0) ? id : best), candidates[0]);
  }
  const saved = await saveChange(ctx, ticket, 'routed', { status: 'assigned' }, { before: { assigneeIds: [] }, after: { assigneeIds: [pick], mode: routing.mode } });
  await ctx.store.tickets.addAssignee(ticket.id, pick, ctx.now);
  return { ...saved, assigneeIds: [pick] };
}
