import type { Store } from '../shared/store.port';
import type { Actor } from '../shared/actor';
import type { Ticket, TicketPatch } from '../tickets/ticket.entity';
import type { Comment } from '../tickets/comment.entity';
import type { NotificationIntent } from './notification.port';
import { notify } from './notify';
import { planCardRefresh, planNewTicketCards } from './plan-chat-cards';
import { CARD_EVENTS } from './chat-cards.port';
import { CHAT_PLATFORMS, type ChatPlatform } from '../chat/chat.port';

/**
 * Who hears what about a ticket (R4, R12), decided inside the change's transaction:
 * - the requester, at a status change, an assignment or a public comment (never an internal note),
 *   unless they made the change themselves;
 * - the service's mailing list, at each new ticket;
 * - the technician cards of every chat platform (plan-chat-cards.ts);
 * - a ticket filed in a chat: its receipt to the requester ("filed for you" when phone support filed it).
 * On-call SMS for urgent tickets nobody claimed is a scheduled check (page-oncall.job.ts).
 */
interface ChangeCtx {
  store: Store;
  actor: Actor;
  now: Date;
}

/** What every ticket message carries: number, title, status, technicians, next deadline, priority. */
async function ticketParams(store: Store, t: Ticket, assigneeIds: number[]): Promise<Record<string, unknown>> {
  const techs = assigneeIds.length ? await store.people.many(assigneeIds) : [];
  const running = t.status === 'new' || t.status === 'assigned' || t.status === 'in_progress';
  // The next deadline: taking the ticket while nobody owns it, then resolving it.
  const due = running && t.ownedAt === null ? t.ownDueAt : t.resolveDueAt;
  return {
    number: t.id,
    title: t.title,
    status: t.status,
    priority: t.priority,
    tech: techs.map((p) => p.displayName),
    due: due.toISOString(),
  };
}

const toRequester = (ctx: ChangeCtx, t: Ticket) => t.requesterId !== ctx.actor.personId;

/** Called by saveChange (core/tickets/ticket-change.ts) for every change of a ticket row. */
export async function planTicketChange(
  ctx: ChangeCtx,
  before: Ticket,
  patch: TicketPatch,
  action: string,
  extra: { after?: Record<string, unknown> },
): Promise<void> {
  await planCardRefresh(ctx, before, patch, action, extra);
  const after: Ticket = { ...before, ...patch };
  let newAssignees = Array.isArray(extra.after?.assigneeIds) ? (extra.after!.assigneeIds as number[]) : null;
  // Staff starting work on an unowned ticket take it (change-status.service.ts adds them right after).
  const takes = patch.status === 'in_progress' && before.assigneeIds.length === 0 && patch.ownedAt !== undefined && ctx.actor.personId !== null && ctx.actor.role !== 'employee';
  if (takes) newAssignees = [ctx.actor.personId!];
  const assigned = !takes && newAssignees !== null && newAssignees.some((id) => !before.assigneeIds.includes(id));
  const statusChanged = patch.status !== undefined && patch.status !== before.status;
  if (!(assigned || statusChanged) || !toRequester(ctx, after)) return;
  const event = assigned ? 'assigned' : 'status_changed';
  const params = await ticketParams(ctx.store, after, newAssignees ?? before.assigneeIds);
  await notify(ctx.store, ctx.now, [{ recipient: { kind: 'person', personId: after.requesterId }, event, ticketId: after.id, params, dedupeKey: `${action}:${after.id}:v${before.version + 1}` }]);
}

/** Where a comment was typed, when it was typed in a chat thread: that thread has it already. */
export interface CommentOrigin {
  platform: ChatPlatform;
  channelId: string;
  threadTs: string;
}

/**
 * A public comment, wherever it was written (a card thread, a DM, the web, REST, mail, SMS), reaches
 * the requester and the watchers on the channels they chose, and every card thread of the ticket on
 * every platform (R4, R12, R15): all through the outbox, so an outage delays and never loses it.
 * Internal notes stay where they were typed: they are never relayed anywhere.
 */
export async function planComment(ctx: ChangeCtx, ticket: Ticket, comment: Pick<Comment, 'id' | 'body' | 'internal'>, origin?: CommentOrigin): Promise<void> {
  if (comment.internal) return;
  const body = comment.body.slice(0, 2000);
  const people = new Set([ticket.requesterId, ...ticket.watcherIds]);
  if (ctx.actor.personId !== null) people.delete(ctx.actor.personId);
  const intents: NotificationIntent[] = [];
  if (people.size) {
    const params = { ...(await ticketParams(ctx.store, ticket, ticket.assigneeIds)), author: ctx.actor.name, body };
    for (const personId of people) {
      intents.push({ recipient: { kind: 'person', personId }, event: 'comment_added', ticketId: ticket.id, params, dedupeKey: `comment:${comment.id}:p${personId}` });
    }
  }
  for (const m of await ctx.store.chat.cardsOf(ticket.id)) {
    if (origin && origin.platform === m.platform && origin.channelId === m.channelId && origin.threadTs === m.threadTs) continue;
    intents.push({
      recipient: { kind: 'channel', platform: m.platform, channelId: m.channelId },
      event: CARD_EVENTS.thread,
      ticketId: ticket.id,
      params: { number: ticket.id, threadTs: m.threadTs, author: ctx.actor.name, body, via: ctx.actor.channel },
      dedupeKey: `thread:${m.platform}:${m.channelId}:${m.threadTs}:c${comment.id}`,
    });
  }
  if (intents.length) await notify(ctx.store, ctx.now, intents);
}

/** A new ticket reaches its service's mailing list (R12). */
export async function planNewTicket(ctx: ChangeCtx, ticket: Ticket): Promise<void> {
  await planNewTicketCards(ctx, ticket);
  await planChatReceipt(ctx, ticket);
  if (ticket.serviceId === null) return;
  const intake = await ctx.store.notifications.intake(ticket.serviceId);
  if (!intake?.mailingList) return;
  const requester = await ctx.store.people.get(ticket.requesterId);
  const params = { ...(await ticketParams(ctx.store, ticket, ticket.assigneeIds)), requester: requester?.displayName ?? '' };
  const intent: NotificationIntent = { recipient: { kind: 'email', address: intake.mailingList }, event: 'ticket_created', ticketId: ticket.id, params, dedupeKey: `created:${ticket.id}` };
  await notify(ctx.store, ctx.now, [intent]);
}

/**
 * A ticket filed in Slack or Teams: the requester's message about it (their DM thread, where a reply
 * reaches the technicians), or "X filed #N for you" for a caller. Urgent: an answer, never held for a digest.
 */
async function planChatReceipt(ctx: ChangeCtx, ticket: Ticket): Promise<void> {
  if (ctx.actor.channel !== 'slack' && ctx.actor.channel !== 'teams') return;
  const mine = ticket.requesterId === ctx.actor.personId;
  const params = { number: ticket.id, title: ticket.title, ...(mine ? {} : { by: ctx.actor.name }) };
  const event = mine ? 'ticket_receipt' : 'filed_for_you';
  await notify(ctx.store, ctx.now, [{ recipient: { kind: 'person', personId: ticket.requesterId }, event, urgent: true, ticketId: ticket.id, params, dedupeKey: `${event}:${ticket.id}` }]);
}
