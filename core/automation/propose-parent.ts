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
  const key = cachedKey(ticket.title);
  if (!key) return [];
  const rows = await store.automation.createdBetween(ticket.categoryId, new Date(ticket.createdAt.getTime() - HOUR_MS), ticket.createdAt, 500);
  return rows.filter((r) => (r.id === ticket.id || isOpen(r.status)) && cachedKey(r.title) === key);
}

/**
 * A Monday burst files thousands of tickets in an hour, each read again by the next ones' look-back:
 * their title keys are computed once and kept (bounded), not 500 times a ticket.
 */
const KEYS = new Map<string, string | null>();
function cachedKey(title: string): string | null {
  let key = KEYS.get(title);
  if (key === undefined) {
    if (KEYS.size >= 20_000) KEYS.clear();
    key = titleKey(title);
    KEYS.set(title, key);
  }
  return key;
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
    const ids = similar.slice(1).map((x) => x.id);
    // One look-up for all: which of them have a parent already (this one or another).
    const placed = new Set((await ctx.store.links.incoming(ids, 'parent_of')).map((l) => l.toId));
    const announced = (await ctx.store.links.outgoing([parentId], 'parent_of')).length > 0;
    const children: number[] = [];
    for (const id of ids) {
      if (placed.has(id)) continue;
      await linkInTransaction(ctx, await loadTicket(ctx.store, id), { type: 'child_of', ticket: parentId });
      children.push(id);
    }
    // Later reports join the incident quietly (their link is in the audit): the team hears once.
    if (!children.length || announced) return parentId;
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
