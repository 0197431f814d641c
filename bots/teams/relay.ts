import { systemActor } from '../../core/shared/actor';
import { getTicket } from '../../core/tickets/get-ticket.service';
import type { TicketView } from '../../core/tickets/ticket.view';
import { recordTicketMessage, ticketMessages } from '../../core/chat/chat-channels.service';
import { chatContact } from '../../core/chat/chat-person.service';
import { conversationRef, personalConversation, rememberConversation } from '../../core/chat/conversation-refs.service';
import type { Locale } from '../../core/i18n/catalogue';
import { ConnectorAddress, TeamsContext, textMessage, tr } from './context';

/**
 * The live relay of a Teams conversation (R15): a requester's words to every card thread, a
 * technician's to the requester's personal chat. Everything is found through the database (ticket
 * messages, conversation references), so any instance can do it. Cards themselves are posted and
 * refreshed by the outbox only.
 */

const view = (ctx: TeamsContext, n: number): Promise<TicketView> => getTicket(ctx.deps, systemActor(ctx.deps.defaultLocale), n);

async function safely(ctx: TeamsContext, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    ctx.log.error({ err }, `teams relay failed: ${what}`);
  }
}

const channelAddress = async (ctx: TeamsContext, channelId: string): Promise<ConnectorAddress | null> => {
  const ref = await conversationRef(ctx.deps, 'teams', channelId);
  return ref ? { serviceUrl: ref.serviceUrl, conversationId: ref.conversationId } : null;
};

/** A requester's words reach every card thread of the ticket. */
export async function relayToCards(ctx: TeamsContext, n: number, text: string): Promise<void> {
  for (const m of (await ticketMessages(ctx.deps, 'teams', n)).filter((x) => x.kind === 'card')) {
    const to = await channelAddress(ctx, m.channelId);
    if (to) await safely(ctx, 'relay to card', () => ctx.connector.post(to, textMessage(text), m.threadTs));
  }
}

/** A technician's public words reach the requester's personal chat. */
export async function relayToRequester(ctx: TeamsContext, n: number, from: { name: string; text: string }): Promise<void> {
  await safely(ctx, 'relay to requester', async () => {
    const v = await view(ctx, n);
    if (v.requester) await toRequester(ctx, v, (l) => tr(l, 'chat.relay', from));
  });
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
