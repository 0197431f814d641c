import type { Actor } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { assertCanSee, assertCanWork, worksOn } from './ticket.access';
import { audit, inTicketTransaction, loadTicket } from './ticket-change';
import { externalRefSchema, ExternalRefInput } from './ticket.schemas';
import type { ExternalRef } from './link.entity';

/** Links an internal ticket to one elsewhere: a vendor's case, a JIRA issue, a GLPI ticket (R6). */
export async function addExternalRef(deps: CoreDeps, actor: Actor, number: number, raw: ExternalRefInput): Promise<ExternalRef> {
  const input = parse(externalRefSchema, raw);
  try {
    return await inTicketTransaction(deps, actor, async (ctx) => {
      const ticket = await loadTicket(ctx.store, number);
      assertCanWork(actor, ticket);
      const ref = { ticketId: ticket.id, system: input.system, key: input.key, url: input.url ?? null, createdAt: ctx.now };
      if ((await ctx.store.externalRefs.list(ticket.id)).some((r) => r.system.toLowerCase() === ref.system.toLowerCase() && r.key === ref.key)) {
        throw new HelpdeskError('external_ref_exists');
      }
      const id = await ctx.store.externalRefs.insert(ref);
      await audit(ctx, ticket.id, 'external_ref_added', null, { id, system: ref.system, key: ref.key, url: ref.url });
      return { id, ...ref };
    });
  } catch (e) {
    if (deps.uow.isUniqueViolation(e)) throw new HelpdeskError('external_ref_exists');
    throw e;
  }
}

export async function removeExternalRef(deps: CoreDeps, actor: Actor, number: number, refId: number): Promise<void> {
  await inTicketTransaction(deps, actor, async (ctx) => {
    const ticket = await loadTicket(ctx.store, number);
    assertCanWork(actor, ticket);
    const ref = await ctx.store.externalRefs.get(refId);
    if (!ref || ref.ticketId !== ticket.id) throw new HelpdeskError('external_ref_not_found');
    await ctx.store.externalRefs.delete(refId);
    await audit(ctx, ticket.id, 'external_ref_removed', { id: ref.id, system: ref.system, key: ref.key, url: ref.url }, null);
  });
}

export async function listExternalRefs(deps: CoreDeps, actor: Actor, number: number): Promise<ExternalRef[]> {
  const ticket = await loadTicket(deps.uow.read, number);
  assertCanSee(actor, ticket);
  // References to vendors' and other trackers' cases are staff working notes, as in getTicket.
  return worksOn(actor, ticket) ? deps.uow.read.externalRefs.list(ticket.id) : [];
}
