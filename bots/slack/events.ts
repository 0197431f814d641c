import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/shared/actor';
import { addComment } from '../../core/tickets/add-comment.service';
import { messageInThread } from '../../core/chat/chat-channels.service';
import { relayRule, stripBotMention } from '../../core/chat/chat-command';
import { asPerson, directMessage, ephemeral, SlackContext, tr } from './context';
import type { TicketMessage } from '../../core/chat/chat.port';
import { talkOnSlack, type SlackSay } from './talk';
import { publishHome } from './home';

type Msg = { type: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel: string; channel_type?: string; ts: string; thread_ts?: string };
type Say = SlackSay;

/**
 * Events, worked on from the inbox (bots/slack/inbound.ts). Slack retries an event it thinks was lost:
 * the inbox keys it by event id, so a retry does nothing, and comments carry it as their idempotency key.
 */
export function registerEvents(app: App, ctx: SlackContext): void {
  app.event('message', async ({ event, body, client }) => {
    const m = event as unknown as Msg;
    // Edits, joins and bots (ourselves included) are not people talking to the helpdesk.
    if (m.subtype || m.bot_id || !m.user || typeof m.text !== 'string') return;
    const eventId = String((body as { event_id?: string }).event_id ?? `${m.channel}:${m.ts}`);
    const threaded = m.thread_ts && m.thread_ts !== m.ts;
    if (m.channel_type !== 'im' && !threaded) return;
    const say: Say = ({ response_type: _public, ...x }) => client.chat.postMessage({ channel: m.channel, ...(threaded ? { thread_ts: m.thread_ts } : {}), ...x } as never);
    await asPerson(ctx, client, m.user, m.channel_type === 'im' ? (text) => say({ text }) : ephemeral(client, m.channel, m.user), async (actor) => {
      const ref = threaded ? await messageInThread(ctx.deps, 'slack', m.channel, m.thread_ts!) : null;
      if (ref) return relay(ctx, actor, ref, m.text!, eventId);
      if (m.channel_type === 'im') await talkOnSlack(ctx, client, actor, m.text!, { via: 'direct', inputKey: `slack:${eventId}` }, { say });
    });
  });

  app.event('app_mention', async ({ event, body, client, context }) => {
    const m = event as unknown as Msg;
    if (!m.user || typeof m.text !== 'string') return;
    // A mention inside a ticket's thread is a reply there: the message listener relays it.
    if (m.thread_ts && (await messageInThread(ctx.deps, 'slack', m.channel, m.thread_ts))) return;
    // A retry of the event is recognised by the inbox (its key is the event id): no second answer.
    const eventId = String((body as { event_id?: string }).event_id ?? `${m.channel}:${m.ts}`);
    const tell = ephemeral(client, m.channel, m.user);
    const say: Say = ({ response_type: _public, ...x }) => client.chat.postEphemeral({ channel: m.channel, user: m.user!, ...x } as never);
    const caps = { via: 'mention' as const, channel: { teamId: (body as { team_id?: string }).team_id ?? null, channelId: m.channel }, inputKey: `slack:${eventId}` };
    await asPerson(ctx, client, m.user, tell, (actor) => talkOnSlack(ctx, client, actor, stripBotMention(m.text!, context.botUserId), caps, { say }));
  });

  app.event('app_home_opened', async ({ event, client }) => {
    const e = event as unknown as { user?: string; tab?: string };
    if (!e.user || (e.tab && e.tab !== 'home')) return;
    await asPerson(ctx, client, e.user, directMessage(client, e.user), (actor) => publishHome(ctx, client, actor, e.user!));
  });
}

/**
 * R15 chat: the card threads and the requester's chats are one conversation, kept on the ticket. The
 * outbox relays the comment (core planComment) to the requester and to every other card thread, on
 * whichever platform each is; the thread it was typed in has it already.
 */
async function relay(ctx: SlackContext, actor: Actor, ref: TicketMessage, text: string, eventId: string): Promise<void> {
  const fromCard = ref.kind === 'card';
  const { internal, body } = fromCard ? relayRule(text) : { internal: false, body: text.trim() };
  if (!body) return;
  const origin = fromCard ? { platform: 'slack' as const, channelId: ref.channelId, threadTs: ref.threadTs } : undefined;
  await addComment(ctx.deps, actor, ref.ticketId, { body, internal, idempotencyKey: `slack:${eventId}` }, origin);
}
