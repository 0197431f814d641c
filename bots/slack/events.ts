import type { App } from '@slack/bolt';
import { escapeMrkdwn } from '../../cards/format';
import { textAnswer } from '../../core/chat/text-answers.service';
import { reportOnDemand, searchTickets } from './lookups';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/shared/actor';
import { addComment } from '../../core/tickets/add-comment.service';
import { messageInThread } from '../../core/chat/chat-channels.service';
import { parseDirectMessage, relayRule, stripBotMention } from '../../core/chat/chat-command';
import { helpBlocks } from '../../cards/help.blocks';
import { asPerson, directMessage, ephemeral, SlackContext, tr } from './context';
import { relayToCards, relayToRequester } from './follow-up';
import { myTickets } from './commands';
import { publishHome } from './home';
import { answerKb, offerAnswers } from './kb';

type Msg = { type: string; subtype?: string; bot_id?: string; user?: string; text?: string; channel: string; channel_type?: string; ts: string; thread_ts?: string };
type Say = (m: { text: string; blocks?: unknown[] }) => Promise<unknown>;

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
    const say: Say = (x) => client.chat.postMessage({ channel: m.channel, ...(threaded ? { thread_ts: m.thread_ts } : {}), ...x } as never);
    await asPerson(ctx, client, m.user, m.channel_type === 'im' ? (text) => say({ text }) : ephemeral(client, m.channel, m.user), async (actor) => {
      const ref = threaded ? await messageInThread(ctx.deps, 'slack', m.channel, m.thread_ts!) : null;
      if (ref) return relay(ctx, client, actor, ref.ticketId, ref.kind, m.text!, eventId);
      if (m.channel_type === 'im') await conversation(ctx, actor, m.text!, say);
    });
  });

  app.event('app_mention', async ({ event, client, context }) => {
    const m = event as unknown as Msg;
    if (!m.user || typeof m.text !== 'string') return;
    // A mention inside a ticket's thread is a reply there: the message listener relays it.
    if (m.thread_ts && (await messageInThread(ctx.deps, 'slack', m.channel, m.thread_ts))) return;
    const tell = ephemeral(client, m.channel, m.user);
    const say: Say = (x) => client.chat.postEphemeral({ channel: m.channel, user: m.user!, ...x } as never);
    await asPerson(ctx, client, m.user, tell, (actor) => conversation(ctx, actor, stripBotMention(m.text!, context.botUserId), say));
  });

  app.event('app_home_opened', async ({ event, client }) => {
    const e = event as unknown as { user?: string; tab?: string };
    if (!e.user || (e.tab && e.tab !== 'home')) return;
    await asPerson(ctx, client, e.user, directMessage(client, e.user), (actor) => publishHome(ctx, client, actor, e.user!));
  });
}

/** Words to the bot: "my tickets", `kb <words>`, help, or a problem, answered with articles or the prefilled form. */
async function conversation(ctx: SlackContext, actor: Actor, text: string, say: Say): Promise<void> {
  const intent = parseDirectMessage(text);
  const l = actor.locale;
  if (intent.kind === 'my_tickets') return myTickets(ctx, actor, (x) => say({ text: x.text, blocks: x.blocks }));
  // Answers first (issue 8): the form comes with "Still need help", or at once when nothing matches.
  if (intent.kind === 'report') return offerAnswers(ctx, actor, intent.text, say);
  if (intent.kind === 'kb') return answerKb(ctx, actor, intent.text, say);
  if (intent.kind === 'usage' && intent.command === 'kb') return void (await say({ text: tr(l, 'kb.usage') }));
  // The rest of the /helpdesk words work in the DM too (CONTRACT.md: the same words everywhere).
  if (intent.kind === 'search') return searchTickets(ctx, actor, intent.text, (m) => say({ text: m.text, blocks: m.blocks }));
  if (intent.kind === 'report_stats') return reportOnDemand(ctx, actor, intent, (m) => say({ text: m.text, blocks: m.blocks }));
  const answer = await textAnswer(ctx.deps, actor, intent);
  if (answer !== null) return void (await say({ text: escapeMrkdwn(answer) }));
  await say(helpBlocks(l));
}

/** R15 chat: the card thread and the requester's DM thread are one conversation, kept on the ticket. */
async function relay(ctx: SlackContext, client: WebClient, actor: Actor, n: number, kind: 'card' | 'requester_dm', text: string, eventId: string): Promise<void> {
  const fromCard = kind === 'card';
  const { internal, body } = fromCard ? relayRule(text) : { internal: false, body: text.trim() };
  if (!body) return;
  const r = await addComment(ctx.deps, actor, n, { body, internal, idempotencyKey: `slack:${eventId}` });
  if (!r.created || internal) return;
  if (fromCard) await relayToRequester(ctx, client, n, { name: actor.name, text: body });
  else await relayToCards(ctx, client, n, tr(ctx.deps.defaultLocale, 'chat.relay', { name: actor.name, text: body }));
}
