import type { WebClient } from '@slack/web-api';
import { systemActor } from '../../core/shared/actor';
import { getTicket } from '../../core/tickets/get-ticket.service';
import type { TicketView } from '../../core/tickets/ticket.view';
import { recordTicketMessage, ticketMessages } from '../../core/chat/chat-channels.service';
import { chatContact } from '../../core/chat/chat-person.service';
import { dmChannel, SlackContext, tr } from './context';

/**
 * A line under the Slack cards for what changes no card (a note, a drafted article). Comments are
 * relayed by the outbox (core planComment), and cards posted and refreshed by it.
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
