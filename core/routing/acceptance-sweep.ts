import type { CoreDeps } from '../shared/deps';
import { systemActor } from '../shared/actor';
import { notify } from '../notifications/notify';
import type { NotificationIntent } from '../notifications/notification.port';
import { calendarFor, loadSlaContext } from '../sla/sla-context';
import { channelsOf } from '../sla/sla-recipients';
import { inTicketTransaction, loadTicket, saveChange } from '../tickets/ticket-change';

const BATCH = 1000;

/**
 * The time limit to accept (R13): a ticket assigned but not started (`in_progress`) within its
 * service's limit, in business minutes, goes back to the queue; the team's channel and the former
 * assignees are told. Run every minute by the scheduler; a ticket moved meanwhile is left alone.
 */
export async function runAcceptanceSweep(deps: CoreDeps, now: Date, stop?: AbortSignal): Promise<{ returned: number[] }> {
  const read = deps.uow.read;
  const limits = (await read.routing.allSettings()).filter((r) => r.acceptMinutes !== null && r.acceptMinutes > 0);
  if (!limits.length) return { returned: [] };
  const sla = await loadSlaContext(read);
  const returned: number[] = [];
  for (const r of limits) {
    // Business time never runs faster than the wall clock: anything assigned later cannot be late yet.
    const latest = new Date(now.getTime() - r.acceptMinutes! * 60_000);
    for (const c of await read.routing.unaccepted([r.serviceId], latest, BATCH)) {
      if (stop?.aborted) return { returned }; // shutting down: the next sweep takes the rest
      if (calendarFor(sla, r.serviceId).businessMinutesBetween(c.assignedAt, now) < r.acceptMinutes!) continue;
      const actor = { ...systemActor(deps.defaultLocale), name: 'routing' };
      const done = await inTicketTransaction(deps, actor, async (ctx) => {
        const ticket = await loadTicket(ctx.store, c.id);
        if (ticket.status !== 'assigned') return false;
        await saveChange(ctx, ticket, 'acceptance_expired', { status: 'new', ownedAt: null }, {
          before: { assigneeIds: ticket.assigneeIds },
          after: { assigneeIds: [], acceptMinutes: r.acceptMinutes },
        });
        for (const id of ticket.assigneeIds) await ctx.store.tickets.removeAssignee(ticket.id, id);
        const stamp = c.assignedAt.getTime();
        const params = { number: ticket.id, title: ticket.title, acceptMinutes: r.acceptMinutes };
        const intents: NotificationIntent[] = [
          ...(await channelsOf(ctx.store, 'technicians', ticket.serviceId)).map((recipient) => ({ recipient, event: 'acceptance_expired', ticketId: ticket.id, params })),
          ...ticket.assigneeIds.map((personId) => ({ recipient: { kind: 'person' as const, personId }, event: 'acceptance_expired', ticketId: ticket.id, params })),
        ].map((i, n) => ({ ...i, dedupeKey: `acceptance_expired:${ticket.id}:${stamp}:${n}` }));
        await notify(ctx.store, ctx.now, intents);
        return true;
      });
      if (done) returned.push(c.id);
    }
  }
  return { returned };
}
