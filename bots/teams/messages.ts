import type { Actor } from '../../core/shared/actor';
import { addComment } from '../../core/tickets/add-comment.service';
import { messageInThread } from '../../core/chat/chat-channels.service';
import { parseTicketReply } from '../../core/chat/ticket-reply';
import { relayRule } from '../../core/chat/chat-command';
import { REPORT_FORM_VERB } from '../../cards/actions';
import { noticeAdaptive } from '../../cards/notice.adaptive';
import { channelThread, conversationTypeOf, spokenText, TeamsActivity, userIdOf } from './activity';
import { cardMessage, ConnectorAddress, explain, OutActivity, TeamsContext, teamsActor, textMessage, tr } from './context';
import { personalAddress } from './relay';
import type { CommentOrigin } from '../../core/notifications/plan-ticket-notifications';
import { renderTeams, talkOnTeams } from './talk';
import { act } from '../../core/chat/conversation.service';
import { isPrivateReply } from '../../core/chat/chat-reply';

type Say = (m: OutActivity) => Promise<unknown>;

/**
 * Messages: the personal chat (a problem, "my tickets", help, admin commands, the report form's
 * submission, a reply to a ticket message), a card thread in a channel (relay), or an @mention.
 * Teams resends what it did not see answered: the inbox keys each activity by its id, so a resend does nothing.
 */
export async function onMessage(ctx: TeamsContext, a: TeamsActivity): Promise<void> {
  // With the channel permission the bot reads every post: chatter outside ticket threads is not ours (nobody is created for it).
  const plan = await planOf(ctx, a);
  if (!plan) return;
  const here: ConnectorAddress = { serviceUrl: a.serviceUrl, conversationId: a.conversation.id };
  const say: Say = (m) => ctx.connector.post(here, m);
  let who;
  try {
    who = await teamsActor(ctx, a);
  } catch (e) {
    return void (await say(textMessage(explain(ctx, ctx.deps.defaultLocale, e))));
  }
  const actor = who.actor;
  try {
    await route(ctx, a, actor, plan, say);
  } catch (e) {
    await say(textMessage(explain(ctx, actor.locale, e)));
  }
}

type Plan = { kind: 'form'; value: Record<string, unknown> } | { kind: 'relay'; ticket: number; from: 'card' | 'requester'; origin?: CommentOrigin } | { kind: 'personal' } | { kind: 'mention' };

async function planOf(ctx: TeamsContext, a: TeamsActivity): Promise<Plan | null> {
  const value = a.value as Record<string, unknown> | undefined;
  if (value && typeof value === 'object' && value.verb === REPORT_FORM_VERB) return { kind: 'form', value };
  if (conversationTypeOf(a) === 'personal') {
    const dm = a.replyToId ? await messageInThread(ctx.deps, 'teams', a.conversation.id, a.replyToId) : null;
    return dm?.kind === 'requester_dm' ? { kind: 'relay', ticket: dm.ticketId, from: 'requester' } : { kind: 'personal' };
  }
  const { channelId, rootId } = channelThread(a);
  const card = rootId ? await messageInThread(ctx.deps, 'teams', channelId, rootId) : null;
  if (card?.kind === 'card') return { kind: 'relay', ticket: card.ticketId, from: 'card', origin: { platform: 'teams', channelId: card.channelId, threadTs: card.threadTs } };
  // Outside a ticket's thread the bot answers only when spoken to.
  return (a.entities ?? []).some((e) => e.type === 'mention' && e.mentioned?.id === a.recipient?.id) ? { kind: 'mention' } : null;
}

async function route(ctx: TeamsContext, a: TeamsActivity, actor: Actor, plan: Plan, say: Say): Promise<void> {
  if (plan.kind === 'form') return fileFromForm(ctx, a, actor, plan.value, say);
  const text = spokenText(a);
  if (plan.kind === 'relay') return relay(ctx, actor, plan.ticket, plan.from, text, a, plan.origin);
  if (plan.kind === 'mention') return conversation(ctx, a, actor, text, 'mention', say);
  // A personal chat has no threads: "#12 words" is a reply about ticket 12.
  const reply = parseTicketReply(text);
  if (reply) return relay(ctx, actor, reply.ticket, 'requester', reply.text, a);
  return conversation(ctx, a, actor, text, 'direct', say);
}

/** Words to the bot, the same as on Slack and the web (core/chat/conversation.service.ts). */
async function conversation(ctx: TeamsContext, a: TeamsActivity, actor: Actor, text: string, via: 'direct' | 'mention', channelSay: Say): Promise<void> {
  const l = actor.locale;
  const channel = conversationTypeOf(a) === 'channel' ? { teamId: a.channelData?.team?.id ?? null, channelId: channelThread(a).channelId } : null;
  const replies = await talkOnTeams(ctx, a, actor, text, { via, channel, ...(a.id ? { inputKey: `teams:${a.id}`.slice(0, 190) } : {}) });
  // Teams has no "only you can see this" in a channel: someone's tickets, search results and reports go to their personal chat (R16).
  let say = channelSay;
  if (conversationTypeOf(a) !== 'personal' && replies.some(isPrivateReply)) {
    const to = await personalAddress(ctx, userIdOf(a));
    if (!to) return void (await channelSay(textMessage(tr(l, 'teams.ask_privately'))));
    await channelSay(textMessage(tr(l, 'teams.sent_privately')));
    say = (m) => ctx.connector.post(to, m);
  }
  for (const r of replies) for (const m of await renderTeams(ctx, actor, r)) await say(m);
}

/** The form's Action.Submit: one form files one ticket, however often it is sent (the form message id is the key). */
async function fileFromForm(ctx: TeamsContext, a: TeamsActivity, actor: Actor, v: Record<string, unknown>, say: Say): Promise<void> {
  const key = `form:${a.conversation.id}:${a.replyToId ?? a.id}`;
  const [r] = await act(ctx.deps, actor, { kind: 'file_form', values: v, key });
  if (r.kind !== 'filed') return;
  if (a.replyToId) {
    // The form becomes the receipt, so it cannot be sent again by mistake.
    const to = { serviceUrl: a.serviceUrl, conversationId: a.conversation.id };
    await ctx.connector.update(to, a.replyToId, cardMessage(noticeAdaptive(tr(actor.locale, 'teams.done_title'), r.text, 'good'))).catch((err) => ctx.log.warn({ err }, 'form update failed'));
  }
  // A new ticket's receipt in the personal chat comes from the outbox (the requester's ticket message, quoted to reply).
  if (!r.created) await say(textMessage(r.text));
}

/**
 * R15: the card threads and the requester's chats are one conversation, kept on the ticket. The
 * comment is relayed by the outbox (core planComment) to the requester and every other card thread,
 * on whichever platform each of them is.
 */
async function relay(ctx: TeamsContext, actor: Actor, n: number, from: 'card' | 'requester', text: string, a: TeamsActivity, origin?: CommentOrigin): Promise<void> {
  const { internal, body } = from === 'card' ? relayRule(text) : { internal: false, body: text.trim() };
  if (!body) return;
  await addComment(ctx.deps, actor, n, { body, internal, idempotencyKey: `teams:${a.id ?? ''}`.slice(0, 190) }, origin);
}
