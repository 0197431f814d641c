import type { Store } from '../shared/store.port';
import type { Actor } from '../shared/actor';
import type { Ticket, TicketPatch } from '../tickets/ticket.entity';
import { CHAT_PLATFORMS } from '../chat/chat.port';
import type { NotificationIntent } from './notification.port';
import { CARD_EVENTS } from './chat-cards.port';
import { notify } from './notify';

interface ChangeCtx {
  store: Store;
  actor: Actor;
  now: Date;
}

/**
 * One way out: every card on every platform, the one where the change was made included, is posted
 * and refreshed by the outbox (retried through an outage). The presser of a button sees the new card
 * at once through the platform's own answer (Teams invoke response, Slack `respond`), not a post.
 */
const platforms = (_actor: Actor) => CHAT_PLATFORMS;

/** A new ticket's card in every technicians' channel of its service (every one when unrouted), per platform. */
export async function planNewTicketCards(ctx: ChangeCtx, ticket: Ticket): Promise<void> {
  const intents: NotificationIntent[] = [];
  for (const platform of platforms(ctx.actor)) {
    const channels = new Set((await ctx.store.chat.bindingsFor(platform, 'technicians', ticket.serviceId)).map((b) => b.channelId));
    for (const channelId of channels) {
      intents.push({ recipient: { kind: 'channel', platform, channelId }, event: CARD_EVENTS.post, ticketId: ticket.id, params: { number: ticket.id }, dedupeKey: `card:${platform}:${channelId}:${ticket.id}` });
    }
  }
  if (intents.length) await notify(ctx.store, ctx.now, intents);
}

/** Changes a card shows; a comment is relayed in the thread by the bots, not a card change. */
const SILENT = new Set(['commented', 'watcher_added', 'watcher_removed']);

/** Every posted card of the ticket on every platform is refreshed, with a line saying what changed. */
export async function planCardRefresh(ctx: ChangeCtx, before: Ticket, patch: TicketPatch, action: string, extra: { after?: Record<string, unknown> }): Promise<void> {
  if (SILENT.has(action)) return;
  const intents: NotificationIntent[] = [];
  const assignees = Array.isArray(extra.after?.assigneeIds) ? (extra.after!.assigneeIds as number[]) : [];
  const names = async (ids: number[]) => (ids.length ? (await ctx.store.people.many(ids)).map((p) => p.displayName).join(', ') : '');
  const who = await names(assignees);
  // Only someone taken off (the card's Remove): the line says who, not who is left.
  const removed = Array.isArray(extra.after?.assigneeIds) && assignees.every((id) => before.assigneeIds.includes(id)) ? await names(before.assigneeIds.filter((id) => !assignees.includes(id))) : '';
  const line = { action, by: ctx.actor.name, status: patch.status ?? before.status, who, resolution: patch.resolution ?? '', ...(removed ? { removed } : {}) };
  for (const m of await ctx.store.chat.cardsOf(before.id)) {
    intents.push({
      recipient: { kind: 'channel', platform: m.platform, channelId: m.channelId },
      event: CARD_EVENTS.refresh,
      ticketId: before.id,
      params: { number: before.id, messageTs: m.messageTs, threadTs: m.threadTs, line },
      dedupeKey: `refresh:${m.platform}:${m.channelId}:${m.messageTs}:v${before.version + 1}`,
    });
  }
  if (intents.length) await notify(ctx.store, ctx.now, intents);
}
