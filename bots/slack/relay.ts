import type { WebClient } from '@slack/web-api';
import { systemActor } from '../../core/shared/actor';
import { getTicket } from '../../core/tickets/get-ticket.service';
import type { TicketView } from '../../core/tickets/ticket.view';
import { recordTicketMessage, ticketMessages } from '../../core/chat/chat-channels.service';
import { chatContact } from '../../core/chat/chat-person.service';
import { dmChannel, SlackContext, tr } from './context';

/**
 * The live relay of a Slack thread conversation (R15): a requester's words to every card thread, a
 * technician's to the requester's DM thread, and a line under the cards for what changes no card
 * (a note, a drafted article). Cards themselves are posted and refreshed by the outbox only.
 */
async function safely(ctx: SlackContext, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    ctx.log.error({ err }, `slack relay failed: ${what}`);
  }
}

/** A line (a requester's words, or what happened) in every card thread of the ticket. */
export async function relayToCards(ctx: SlackContext, client: WebClient, n: number, text: string): Promise<void> {
  for (const m of (await ticketMessages(ctx.deps, 'slack', n)).filter((x) => x.kind === 'card')) {
    await safely(ctx, 'relay to card', () => client.chat.postMessage({ channel: m.channelId, thread_ts: m.threadTs, text }));
  }
}

/** The requester's DM message about this ticket (opened if none yet); their replies in its thread reach the technicians. */
async function requesterThread(ctx: SlackContext, client: WebClient, v: TicketView): Promise<{ channel: string; ts: string } | null> {
  const existing = (await ticketMessages(ctx.deps, 'slack', v.number)).find((m) => m.kind === 'requester_dm');
  if (existing) return { channel: existing.channelId, ts: existing.threadTs };
  const who = await chatContact(ctx.deps, v.requester!.id, 'slack');
  if (!who?.userId) return null;
  const channel = await dmChannel(client, who.userId);
  const r = await client.chat.postMessage({ channel, text: tr(who.locale, 'chat.ticket_created', { number: v.number, title: v.title }) });
  if (!r.ts) return null;
  await recordTicketMessage(ctx.deps, { ticketId: v.number, platform: 'slack', channelId: channel, messageTs: r.ts, threadTs: r.ts, kind: 'requester_dm' });
  return { channel, ts: r.ts };
}

/** A technician's public words reach the requester's DM thread. */
export async function relayToRequester(ctx: SlackContext, client: WebClient, n: number, from: { name: string; text: string }): Promise<void> {
  await safely(ctx, 'relay to requester', async () => {
    const v = await getTicket(ctx.deps, systemActor(ctx.deps.defaultLocale), n);
    if (!v.requester) return;
    const who = await chatContact(ctx.deps, v.requester.id, 'slack');
    const thread = await requesterThread(ctx, client, v);
    const text = tr(who?.locale ?? ctx.deps.defaultLocale, 'chat.relay', from);
    if (thread) await client.chat.postMessage({ channel: thread.channel, thread_ts: thread.ts, reply_broadcast: true, text });
  });
}
