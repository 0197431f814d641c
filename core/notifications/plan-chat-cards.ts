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

/** The platform whose bot made the change posts and refreshes its own cards at once; the outbox does the others. */
const otherPlatforms = (actor: Actor) => CHAT_PLATFORMS.filter((p) => p !== actor.channel);

/** A new ticket's card in every technicians' channel of its service (every one when unrouted), per platform. */
export async function planNewTicketCards(ctx: ChangeCtx, ticket: Ticket): Promise<void> {
  const intents: NotificationIntent[] = [];
  for (const platform of otherPlatforms(ctx.actor)) {
    const channels = new Set((await ctx.store.chat.bindingsFor(platform, 'technicians', ticket.serviceId)).map((b) => b.channelId));
    for (const channelId of channels) {
      intents.push({ recipient: { kind: 'channel', platform, channelId }, event: CARD_EVENTS.post, ticketId: ticket.id, params: { number: ticket.id }, dedupeKey: `card:${platform}:${channelId}:${ticket.id}` });
    }
  }
  if (intents.length) await notify(ctx.store, ctx.now, intents);
}

/** Changes a card shows; a comment is relayed in the thread by the bots, not a card change. */
const SILENT = new Set(['commented', 'watcher_added', 'watcher_removed']);

/** Every posted card of the ticket on the other platforms is refreshed, with a line saying what changed. */
export async function planCardRefresh(ctx: ChangeCtx, before: Ticket, patch: TicketPatch, action: string, extra: { after?: Record<string, unknown> }): Promise<void> {
  if (SILENT.has(action)) return;
  const intents: NotificationIntent[] = [];
  const assignees = Array.isArray(extra.after?.assigneeIds) ? (extra.after!.assigneeIds as number[]) : [];
  const who = assignees.length ? (await ctx.store.people.many(assignees)).map((p) => p.displayName).join(', ') : '';
  const line = { action, by: ctx.actor.name, status: patch.status ?? before.status, who, resolution: patch.resolution ?? '' };
  for (const platform of otherPlatforms(ctx.actor)) {
    for (const m of (await ctx.store.chat.messagesOf(before.id, platform)).filter((x) => x.kind === 'card')) {
      intents.push({
        recipient: { kind: 'channel', platform, channelId: m.channelId },
        event: CARD_EVENTS.refresh,
        ticketId: before.id,
        params: { number: before.id, messageTs: m.messageTs, threadTs: m.threadTs, line },
        dedupeKey: `refresh:${platform}:${m.channelId}:${m.messageTs}:v${before.version + 1}`,
      });
    }
  }
  if (intents.length) await notify(ctx.store, ctx.now, intents);
}

/**
 * A reply by e-mail reaches every card thread of the ticket, as a chat reply does: no bot is in that
 * conversation, so the outbox posts it (the card refreshed, the words in its thread).
 */
export async function planMailReplyRelay(ctx: ChangeCtx, ticket: Ticket, comment: { id: number; body: string }): Promise<void> {
  const intents: NotificationIntent[] = [];
  const line = { action: 'mail_reply', by: ctx.actor.name, text: comment.body.slice(0, 2000) };
  for (const platform of CHAT_PLATFORMS) {
    for (const m of (await ctx.store.chat.messagesOf(ticket.id, platform)).filter((x) => x.kind === 'card')) {
      intents.push({
        recipient: { kind: 'channel', platform, channelId: m.channelId },
        event: CARD_EVENTS.refresh,
        ticketId: ticket.id,
        params: { number: ticket.id, messageTs: m.messageTs, threadTs: m.threadTs, line },
        dedupeKey: `mail-relay:${platform}:${m.channelId}:${m.messageTs}:c${comment.id}`,
      });
    }
  }
  if (intents.length) await notify(ctx.store, ctx.now, intents);
}
