import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import type { Store } from '../shared/store.port';
import { assertCanSee, assertCanWork } from './ticket.access';
import { audit, Ctx, inTicketTransaction, loadTicket } from './ticket-change';
import { linkSchema, LinkInput } from './ticket.schemas';
import { canonical, StoredLink, StoredLinkType, viewFrom } from './link.entity';
import type { Ticket } from './ticket.entity';

/** Ticket linking (R5): stored once, read from both ends; dependency and hierarchy loops refused. */
export async function linkTickets(deps: CoreDeps, actor: Actor, number: number, raw: LinkInput): Promise<StoredLink> {
  const input = parse(linkSchema, raw);
  return inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanWork(actor, ticket);
    return linkInTransaction(ctx, ticket, input);
  });
}

export async function linkInTransaction(ctx: Ctx, ticket: Ticket, raw: LinkInput): Promise<StoredLink> {
  const input = parse(linkSchema, raw);
  const otherId = input.ticket as number;
  if (otherId === ticket.id) throw new HelpdeskError('link_self');
  const other = await loadTicket(ctx.store, otherId);
  assertCanSee(ctx.actor, other);
  const c = canonical(ticket.id, input.type, other.id);
  const existing = await ctx.store.links.listFor(ticket.id);
  if (existing.some((l) => l.type === c.type && ((l.fromId === c.fromId && l.toId === c.toId) || (c.type === 'related_to' && l.fromId === c.toId && l.toId === c.fromId)))) {
    throw new HelpdeskError('link_exists');
  }
  if (c.type === 'parent_of') {
    const parents = await ctx.store.links.incoming([c.toId], 'parent_of');
    if (parents.length) throw new HelpdeskError('second_parent', { number: c.toId, parent: parents[0].fromId });
  }
  if (c.type === 'duplicate_of' && (await ctx.store.links.outgoing([c.fromId], 'duplicate_of')).length) {
    throw new HelpdeskError('link_exists');
  }
  if (c.type !== 'related_to') {
    const path = await findPath(ctx.store, c.toId, c.fromId, c.type);
    if (path) throw new HelpdeskError('link_cycle', { path: [c.fromId, ...path].map((n) => `#${n}`).join(' → ') });
  }
  const id = await ctx.store.links.insert({ ...c, createdById: ctx.actor.personId, at: ctx.now });
  const link: StoredLink = { id, ...c, createdAt: ctx.now };
  for (const end of [ticket.id, other.id]) {
    const v = viewFrom(end, link);
    await audit(ctx, end, 'linked', null, { linkId: id, type: v.type, ticket: v.otherId });
  }
  return link;
}

/** Walks `type` edges from `start`, one query per level; returns the path to `goal` if there is one. */
async function findPath(store: Store, start: number, goal: number, type: StoredLinkType): Promise<number[] | null> {
  const cameFrom = new Map<number, number | null>([[start, null]]);
  let frontier = [start];
  while (frontier.length && cameFrom.size < 100000) {
    if (frontier.includes(goal)) break;
    const next: number[] = [];
    for (const l of await store.links.outgoing(frontier, type)) {
      if (!cameFrom.has(l.toId)) {
        cameFrom.set(l.toId, l.fromId);
        next.push(l.toId);
      }
    }
    frontier = next;
  }
  if (!cameFrom.has(goal)) return null;
  const path: number[] = [];
  for (let n: number | null = goal; n !== null; n = cameFrom.get(n) ?? null) path.unshift(n);
  return path;
}

export async function unlinkTickets(deps: CoreDeps, actor: Actor, number: number, linkId: number): Promise<void> {
  await inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanWork(actor, ticket);
    const link = await ctx.store.links.get(linkId);
    if (!link || (link.fromId !== ticket.id && link.toId !== ticket.id)) throw new HelpdeskError('link_not_found');
    await ctx.store.links.delete(linkId);
    for (const end of [link.fromId, link.toId]) {
      const v = viewFrom(end, link);
      await audit(ctx, end, 'unlinked', { linkId, type: v.type, ticket: v.otherId }, null);
    }
  });
}
