import { systemActor } from '../../core/shared/actor';
import { getTicket } from '../../core/tickets/get-ticket.service';
import type { TicketView } from '../../core/tickets/ticket.view';
import { listPeople } from '../../core/people/manage-people.service';
import { queueChannels, recordTicketMessage, ticketMessages } from '../../core/chat/chat-channels.service';
import { chatContact } from '../../core/chat/chat-person.service';
import { conversationRef, personalConversation, rememberConversation } from '../../core/chat/conversation-refs.service';
import type { Locale } from '../../core/i18n/catalogue';
import { ticketCardAdaptive } from '../../cards/ticket.adaptive';
import { cardMessage, ConnectorAddress, TeamsContext, textMessage, tr } from './context';

/**
 * What the Teams bot sends after each core call it made: the card in the service's queue channels,
 * its in-place update (PUT, so every member of a channel of any size sees it) with a line in its
 * thread, and the requester's personal chat. Everything is found through the database (bindings,
 * ticket messages, conversation references), so any instance can do it. A failed send is logged and
 * never undoes the ticket change (the notification outbox will retry them).
 */
export type ChatLine = { key: `chat.${string}` | `teams.${string}`; params: Record<string, unknown> };

const view = (ctx: TeamsContext, n: number): Promise<TicketView> => getTicket(ctx.deps, systemActor(ctx.deps.defaultLocale), n);

/** The technician card as it is now; the Assign choice lists the technicians (Teams has no people picker in a card). */
export async function technicianCard(ctx: TeamsContext, v: TicketView, locale: Locale = ctx.deps.defaultLocale, withActions = true): Promise<Record<string, unknown>> {
  const technicians = withActions ? (await listPeople(ctx.deps, systemActor(locale), { role: 'technician', limit: 100 })).filter((p) => p.active) : [];
  return ticketCardAdaptive(v, { locale, publicUrl: ctx.publicUrl, timeZone: ctx.timeZone, now: ctx.deps.clock.now(), withActions, technicians: technicians.map((p) => ({ id: p.id, name: p.displayName })) });
}

async function safely(ctx: TeamsContext, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    ctx.log.error({ err }, `teams follow-up failed: ${what}`);
  }
}

const channelAddress = async (ctx: TeamsContext, channelId: string): Promise<ConnectorAddress | null> => {
  const ref = await conversationRef(ctx.deps, 'teams', channelId);
  return ref ? { serviceUrl: ref.serviceUrl, conversationId: ref.conversationId } : null;
};

/** A new ticket: its card in every Teams queue channel of its service, and a line in the requester's personal chat. */
export async function announceNewTicket(ctx: TeamsContext, n: number, opts: { dm?: ChatLine } = {}): Promise<void> {
  const v = await view(ctx, n);
  const card = await technicianCard(ctx, v);
  const posted = new Set<string>();
  for (const b of await queueChannels(ctx.deps, 'teams', v.service?.id ?? null)) {
    if (posted.has(b.channelId)) continue;
    posted.add(b.channelId);
    await safely(ctx, 'card', async () => {
      const to = await channelAddress(ctx, b.channelId);
      if (!to) return ctx.log.warn({ channel: b.channelId }, 'teams queue channel has no conversation reference');
      const r = await ctx.connector.post(to, cardMessage(card, `#${n} ${v.title}`));
      if (r.id) await recordTicketMessage(ctx.deps, { ticketId: n, platform: 'teams', channelId: b.channelId, messageTs: r.id, threadTs: r.id, kind: 'card' });
    });
  }
  if (v.requester) {
    await safely(ctx, 'requester', () => toRequester(ctx, v, (l) => tr(l, opts.dm?.key ?? 'chat.ticket_created', opts.dm?.params ?? { number: n, title: v.title })));
  }
}

/** After a change: every card replaced in place, the event line in each card's thread, the requester told. */
export async function afterChange(ctx: TeamsContext, n: number, event: ChatLine, _opts: { tellRequester?: boolean } = {}): Promise<void> {
  const v = await view(ctx, n);
  const card = await technicianCard(ctx, v);
  const line = tr(ctx.deps.defaultLocale, event.key, event.params);
  for (const m of (await ticketMessages(ctx.deps, 'teams', n)).filter((x) => x.kind === 'card')) {
    const to = await channelAddress(ctx, m.channelId);
    if (!to) continue;
    await safely(ctx, 'card update', () => ctx.connector.update(to, m.messageTs, cardMessage(card, `#${n} ${v.title}`)));
    await safely(ctx, 'thread line', () => ctx.connector.post(to, textMessage(line), m.threadTs));
  }
  // The requester hears of the change through the notification outbox (core/notifications), which
  // retries through a Teams outage and honours their channels and digest; not from here.
}

/**
 * A message in the requester's personal chat, recorded as a `requester_dm` message of the ticket:
 * their reply to it comes back to the card threads. A personal chat nobody opened yet (a caller
 * filed for by phone support) is created through the connector with a stored reference of the tenant.
 */
async function toRequester(ctx: TeamsContext, v: TicketView, text: (l: Locale) => string): Promise<void> {
  const who = await chatContact(ctx.deps, v.requester!.id, 'teams');
  if (!who?.userId) return;
  const to = await personalAddress(ctx, who.userId);
  if (!to) return;
  const r = await ctx.connector.post(to, textMessage(`${text(who.locale)}\n\n${tr(who.locale, 'teams.reply_hint', { number: v.number })}`));
  if (r.id) await recordTicketMessage(ctx.deps, { ticketId: v.number, platform: 'teams', channelId: to.conversationId, messageTs: r.id, threadTs: r.id, kind: 'requester_dm' });
}

/** The person's personal chat with the bot; opened through the connector (and remembered) when they never wrote to it. */
export async function personalAddress(ctx: TeamsContext, userId: string): Promise<ConnectorAddress | null> {
  const found = await personalConversation(ctx.deps, 'teams', userId);
  if (found.ref) return { serviceUrl: found.ref.serviceUrl, conversationId: found.ref.conversationId };
  if (!found.tenant) return null;
  const to = await ctx.connector.createConversation(found.tenant, userId);
  await rememberConversation(ctx.deps, { ...found.tenant, conversationId: to.conversationId, conversationType: 'personal', userId, teamId: null, channelId: null });
  return to;
}
