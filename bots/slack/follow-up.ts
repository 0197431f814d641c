import type { WebClient } from '@slack/web-api';
import { systemActor } from '../../core/shared/actor';
import { getTicket } from '../../core/tickets/get-ticket.service';
import type { TicketView } from '../../core/tickets/ticket.view';
import { queueChannels, recordTicketMessage, ticketMessages } from '../../core/chat/chat-channels.service';
import { chatContact } from '../../core/chat/chat-person.service';
import { ticketCardBlocks } from '../../cards/ticket.blocks';
import { dmChannel, SlackContext, tr } from './context';
import { ticketSuggestions } from './suggestions';

/**
 * What the Slack bot posts after each core call it made: the card in the service's queue channels,
 * its in-place update and a one-line event in its thread, and the requester's direct message.
 * A failed post is logged and never undoes the ticket change (issue 5's outbox will retry them).
 */
const view = (ctx: SlackContext, n: number): Promise<TicketView> => getTicket(ctx.deps, systemActor(ctx.deps.defaultLocale), n);
const card = (ctx: SlackContext, v: TicketView) => ticketCardBlocks(v, { locale: ctx.deps.defaultLocale, publicUrl: ctx.publicUrl, timeZone: ctx.timeZone, now: ctx.deps.clock.now() });

/** A sentence of the chat catalogue, translated for whoever reads it. */
type ChatLine = { key: `chat.${string}`; params: Record<string, unknown> };

async function safely(ctx: SlackContext, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    ctx.log.error({ err }, `slack follow-up failed: ${what}`);
  }
}

/** A new ticket: its card in every queue channel of its service, and the requester's DM thread. */
export async function announceNewTicket(ctx: SlackContext, client: WebClient, n: number, opts: { dm?: ChatLine } = {}): Promise<void> {
  const v = await view(ctx, n);
  const { text, blocks } = card(ctx, v);
  const posted = new Set<string>();
  const channels = await queueChannels(ctx.deps, 'slack', v.service?.id ?? null);
  const suggestions = channels.length ? await ticketSuggestions(ctx, n, v.service?.id ?? null) : null;
  for (const b of channels) {
    if (posted.has(b.channelId)) continue;
    posted.add(b.channelId);
    await safely(ctx, 'card', async () => {
      const r = await client.chat.postMessage({ channel: b.channelId, text, blocks });
      if (r.ts) await recordTicketMessage(ctx.deps, { ticketId: n, platform: 'slack', channelId: b.channelId, messageTs: r.ts, threadTs: r.ts, kind: 'card' });
      if (r.ts && suggestions) await client.chat.postMessage({ channel: b.channelId, thread_ts: r.ts, ...suggestions } as never);
    });
  }
  if (v.requester) await safely(ctx, 'requester thread', () => requesterThread(ctx, client, v, opts.dm));
}

/** The requester's DM message about this ticket; their replies in its thread reach the technicians. */
async function requesterThread(ctx: SlackContext, client: WebClient, v: TicketView, dm?: ChatLine): Promise<{ channel: string; ts: string } | null> {
  const existing = (await ticketMessages(ctx.deps, 'slack', v.number)).find((m) => m.kind === 'requester_dm');
  if (existing) return { channel: existing.channelId, ts: existing.threadTs };
  const who = await chatContact(ctx.deps, v.requester!.id, 'slack');
  if (!who?.userId) return null;
  const channel = await dmChannel(client, who.userId);
  const text = dm ? tr(who.locale, dm.key, dm.params) : tr(who.locale, 'chat.ticket_created', { number: v.number, title: v.title });
  const r = await client.chat.postMessage({ channel, text });
  if (!r.ts) return null;
  await recordTicketMessage(ctx.deps, { ticketId: v.number, platform: 'slack', channelId: channel, messageTs: r.ts, threadTs: r.ts, kind: 'requester_dm' });
  return { channel, ts: r.ts };
}

/**
 * After a change: every card updated in place and the event line in each card's thread. The
 * requester hears of status changes and assignments through the notification outbox (issue 5),
 * written with the change itself, so the DM is neither lost nor sent twice; `tellRequester` is kept
 * for the callers' sake and no longer sends anything here.
 */
export async function afterChange(ctx: SlackContext, client: WebClient, n: number, event: ChatLine, _opts: { tellRequester?: boolean } = {}): Promise<void> {
  const v = await view(ctx, n);
  const { text, blocks } = card(ctx, v);
  const line = tr(ctx.deps.defaultLocale, event.key, event.params);
  for (const m of (await ticketMessages(ctx.deps, 'slack', n)).filter((x) => x.kind === 'card')) {
    await safely(ctx, 'card update', () => client.chat.update({ channel: m.channelId, ts: m.messageTs, text, blocks }));
    await safely(ctx, 'thread line', () => client.chat.postMessage({ channel: m.channelId, thread_ts: m.threadTs, text: line }));
  }
}

