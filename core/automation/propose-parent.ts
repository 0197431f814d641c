import type { CoreDeps } from '../shared/deps';
import type { Actor } from '../shared/actor';
import type { Store } from '../shared/store.port';
import { isOpen, type Ticket } from '../tickets/ticket.entity';
import { inTicketTransaction, loadTicket, saveChange } from '../tickets/ticket-change';
import { linkInTransaction } from '../tickets/link-tickets.service';
import { titleKey } from '../reports/title-clusters';
import { notify } from '../notifications/notify';
import { channelsOf } from '../sla/sla-recipients';
import { t } from '../i18n/translate';

const HOUR_MS = 3_600_000;

/**
 * Open tickets like this one (same category, same title key as the reports' recurring problems) filed
 * in the hour up to it, oldest first, this one included.
 */
export async function similarInHour(store: Store, ticket: Pick<Ticket, 'id' | 'title' | 'categoryId' | 'createdAt'>): Promise<Array<{ id: number; title: string }>> {
  const key = titleKey(ticket.title);
  if (!key) return [];
  const rows = await store.automation.createdBetween(ticket.categoryId, new Date(ticket.createdAt.getTime() - HOUR_MS), ticket.createdAt, 500);
  return rows.filter((r) => (r.id === ticket.id || isOpen(r.status)) && titleKey(r.title) === key);
}

/**
 * "Many reports in one hour" (R5, R7): the oldest report becomes the proposed parent incident and
 * the others its children, with an internal note on the parent and a word to the team. Technicians
 * undo a wrong guess by unlinking; a ticket that already has a parent is left where it is.
 */
export async function proposeParent(deps: CoreDeps, actor: Actor, ticket: Ticket): Promise<number | null> {
  const similar = await similarInHour(deps.uow.read, ticket);
  if (similar.length < 2) return null;
  const parentId = similar[0].id;
  return inTicketTransaction(deps, actor, async (ctx) => {
    const parent = await loadTicket(ctx.store, parentId);
    const children: number[] = [];
    for (const s of similar.slice(1)) {
      if ((await ctx.store.links.incoming([s.id], 'parent_of')).length) continue;
      await linkInTransaction(ctx, await loadTicket(ctx.store, s.id), { type: 'child_of', ticket: parentId });
      children.push(s.id);
    }
    if (!children.length) return parentId;
    const all = (await ctx.store.links.outgoing([parentId], 'parent_of')).map((l) => `#${l.toId}`);
    const body = t(deps.defaultLocale, 'automation.parent_proposed', { count: all.length + 1, children: all.join(', ') });
    const fresh = await loadTicket(ctx.store, parentId);
    await saveChange(ctx, fresh, 'parent_proposed', {}, { after: { children } });
    await ctx.store.comments.insert({ ticketId: parentId, authorId: null, sender: 'system', body, internal: true, channel: 'system' }, ctx.now);
    const params = { number: parentId, title: parent.title, count: all.length + 1, text: t(deps.defaultLocale, 'notify.incident_proposed', { number: parentId, title: parent.title, count: all.length + 1 }) };
    const intents = (await channelsOf(ctx.store, 'technicians', parent.serviceId)).map((recipient, n) => ({
      recipient, event: 'incident_proposed', ticketId: parentId, params, dedupeKey: `incident_proposed:${parentId}:${all.length}:${n}`,
    }));
    if (intents.length) await notify(ctx.store, ctx.now, intents);
    return parentId;
  });
}
