import { Actor, seesEverything } from '../shared/actor';
import type { CoreDeps } from '../shared/deps';
import { HelpdeskError } from '../shared/errors';
import { parse } from '../shared/validate';
import { t } from '../i18n/translate';
import { calendarFor, dueDatesFor, loadSlaContext } from '../sla/sla-context';
import { assertCanSee, isRequester, worksOn } from './ticket.access';
import { Ctx, inTicketTransaction, loadTicket, saveChange } from './ticket-change';
import { changeStatusSchema, ChangeStatusInput } from './ticket.schemas';
import { canTransition, isOpen, Status, Ticket, TicketPatch } from './ticket.entity';
import { duplicateOriginal, numbers, openBlockers } from './dependencies';
import { linkInTransaction } from './link-tickets.service';

/**
 * Moves a ticket through its lifecycle (R3) by the explicit transition table. Requesters may only
 * cancel their open ticket or confirm (close) a resolved one; everything else is staff work.
 */
export async function changeStatus(deps: CoreDeps, actor: Actor, number: number, raw: ChangeStatusInput): Promise<Ticket> {
  const input = parse(changeStatusSchema, raw);
  return inTicketTransaction(deps, actor, async (ctx) => {
    let ticket = await loadTicket(ctx.store, number);
    assertCanSee(actor, ticket);
    const staff = worksOn(actor, ticket);
    const to = input.status;
    if (!staff && !isRequester(actor, ticket)) throw new HelpdeskError('forbidden', { number });
    if (!staff && !((to === 'cancelled' && isOpen(ticket.status)) || (to === 'closed' && ticket.status === 'resolved'))) {
      throw new HelpdeskError('forbidden', { number });
    }
    if (input.duplicateOf !== undefined) {
      if (to !== 'closed') throw new HelpdeskError('validation_failed', {}, [{ path: 'duplicateOf', message: 'only when closing' }]);
      if ((await duplicateOriginal(ctx.store, ticket.id)) === null) {
        await linkInTransaction(ctx, ticket, { type: 'duplicate_of', ticket: input.duplicateOf });
        ticket = await loadTicket(ctx.store, number);
      }
    }
    const original = to === 'closed' ? await duplicateOriginal(ctx.store, ticket.id) : null;
    const allowed = canTransition(ticket.status, to) || (to === 'closed' && original !== null && isOpen(ticket.status));
    if (!allowed || ticket.status === to) throw new HelpdeskError('invalid_transition', { number, from: ticket.status, to });

    const patch: TicketPatch = { status: to };
    const extra: Record<string, unknown> = {};
    if (to === 'assigned' && ticket.assigneeIds.length === 0) throw new HelpdeskError('invalid_transition', { number, from: ticket.status, to });
    const selfAssign = to === 'in_progress' && ticket.assigneeIds.length === 0 && actor.personId !== null && staff;
    if (selfAssign || (ticket.ownedAt === null && to === 'in_progress')) patch.ownedAt = ctx.now;
    if (staff && ticket.firstResponseAt === null && actor.personId !== ticket.requesterId) patch.firstResponseAt = ctx.now;
    if (ticket.status === 'pending') await endPause(ctx, ticket, patch);
    if (to === 'pending') {
      patch.pendingSince = ctx.now;
      patch.pendingUntil = input.pendingUntil ? new Date(input.pendingUntil) : null;
    }
    if (to === 'resolved' || (to === 'closed' && original === null)) {
      const blockers = await openBlockers(ctx.store, ticket.id);
      const forced = input.force === true && seesEverything(actor);
      if (to === 'resolved' && blockers.dependencies.length && !forced) {
        throw new HelpdeskError('open_dependencies', { number, tickets: numbers(blockers.dependencies) });
      }
      if (blockers.children.length && !forced) throw new HelpdeskError('open_children', { number, tickets: numbers(blockers.children) });
      const over = [...blockers.dependencies, ...blockers.children];
      if (forced && over.length) extra.forcedOver = over;
    }
    if (to === 'resolved') {
      if (!input.resolution) throw new HelpdeskError('resolution_required', { number });
      patch.resolution = input.resolution;
      patch.resolvedAt = ctx.now;
    }
    if (to === 'closed') patch.closedAt = ctx.now;
    if (to === 'closed' && original !== null && ticket.resolvedAt === null) patch.resolvedAt = ctx.now;

    const action = extra.forcedOver ? 'status_forced' : 'status_changed';
    const saved = await saveChange(ctx, ticket, action, patch, { after: extra });
    if (selfAssign) await ctx.store.tickets.addAssignee(ticket.id, actor.personId!, ctx.now);
    const notes: string[] = [];
    if (input.comment) notes.push(input.comment);
    if (original !== null) notes.push(t(actor.locale, 'ticket.closed_as_duplicate', { original }));
    if (extra.forcedOver) notes.push(t(actor.locale, 'ticket.forced_resolution', { tickets: numbers(extra.forcedOver as number[]), by: actor.name }));
    for (const body of notes) {
      const system = body !== input.comment;
      await ctx.store.comments.insert(
        { ticketId: ticket.id, authorId: system ? null : actor.personId, sender: system ? 'system' : staff ? 'technician' : 'customer', body, internal: false, channel: actor.channel },
        ctx.now,
      );
    }
    return { ...saved, assigneeIds: selfAssign ? [actor.personId!] : saved.assigneeIds };
  });
}

/** Leaving `pending` adds the paused business time to the clocks and pushes the due dates back. */
async function endPause(ctx: Ctx, ticket: Ticket, patch: TicketPatch): Promise<void> {
  const sla = await loadSlaContext(ctx.store);
  const paused = ticket.pendingSince ? Math.round(calendarFor(sla, ticket.serviceId).businessMinutesBetween(ticket.pendingSince, ctx.now)) : 0;
  patch.pausedMinutes = ticket.pausedMinutes + paused;
  patch.pendingSince = null;
  patch.pendingUntil = null;
  Object.assign(patch, dueDatesFor(sla, ticket.priority, ticket.serviceId, ticket.slaStartedAt, patch.pausedMinutes));
}

