import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import type { Store } from '../shared/store.port';
import type { Ticket, TicketPatch } from './ticket.entity';
import type { AuditEntry } from '../audit/audit.entity';
import { planTicketChange } from '../notifications/plan-ticket-notifications';

export interface Ctx {
  store: Store;
  actor: Actor;
  now: Date;
}

export async function loadTicket(store: Store, number: number): Promise<Ticket> {
  const t = Number.isSafeInteger(number) && number > 0 ? await store.tickets.get(number) : null;
  if (!t) throw new HelpdeskError('ticket_not_found', { number });
  return t;
}

/** JSON-safe copy for the audit trail (dates as ISO strings). */
export function snapshot(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v instanceof Date ? v.toISOString() : v;
  return out;
}

export async function audit(
  ctx: Ctx,
  ticketId: number | null,
  action: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  entity: AuditEntry['entity'] = 'ticket',
  entityId: number | null = ticketId,
): Promise<void> {
  await ctx.store.audit.append({
    ticketId,
    entity,
    entityId,
    action,
    actorPersonId: ctx.actor.personId,
    actorTokenId: ctx.actor.tokenId ?? null,
    actorRole: ctx.actor.role,
    actorName: ctx.actor.name,
    channel: ctx.actor.channel,
    before: before ? snapshot(before) : null,
    after: after ? snapshot(after) : null,
    createdAt: ctx.now,
  });
}

/**
 * The one way a ticket row changes: a version-checked update and its audit entry, in the caller's
 * transaction. A lost race surfaces as `concurrent_update`, never as a silent overwrite.
 */
export async function saveChange(
  ctx: Ctx,
  ticket: Ticket,
  action: string,
  patch: TicketPatch,
  extra: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
): Promise<Ticket> {
  const ok = await ctx.store.tickets.update(ticket.id, ticket.version, patch, ctx.now);
  if (!ok) throw new HelpdeskError('concurrent_update', { number: ticket.id });
  const before: Record<string, unknown> = { ...extra.before };
  for (const k of Object.keys(patch)) before[k] = (ticket as unknown as Record<string, unknown>)[k];
  await audit(ctx, ticket.id, action, before, { ...patch, ...extra.after });
  // The messages this change causes commit with it (issue 5's outbox).
  await planTicketChange(ctx, ticket, patch, action, extra);
  return { ...ticket, ...patch, version: ticket.version + 1, updatedAt: ctx.now };
}

/**
 * Runs a ticket use case in a transaction; a version conflict re-runs it on fresh data, so the
 * loser of a race meets the winner's state (e.g. "already taken by X") instead of an error.
 */
export async function inTicketTransaction<T>(deps: CoreDeps, actor: Actor, work: (ctx: Ctx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.uow.transaction((store) => work({ store, actor, now: deps.clock.now() }));
    } catch (e) {
      if (!(e instanceof HelpdeskError && e.code === 'concurrent_update') || attempt >= 4) throw e;
    }
  }
}
