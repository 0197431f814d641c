import type { Actor } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { addComment } from '../../core/tickets/add-comment.service';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { listTickets } from '../../core/tickets/list-tickets.service';
import type { Level } from '../../core/tickets/ticket.entity';
import { searchArticles } from '../../core/kb/search-articles.service';
import { listCategories } from '../../core/people/manage-categories.service';
import { messageInThread } from '../../core/chat/chat-channels.service';
import { parseTicketReply } from '../../core/chat/ticket-reply';
import { parseDirectMessage, parseHelpdeskCommand, relayRule, titleFrom, type ChatIntent } from '../../core/chat/chat-command';
import { REPORT_FORM_VERB } from '../../cards/actions';
import { helpAdaptive } from '../../cards/help.adaptive';
import { myTicketsAdaptive } from '../../cards/my-tickets.adaptive';
import { reportFormAdaptive } from '../../cards/report-form.adaptive';
import { kbSuggestionsAdaptive, KB_SUGGESTIONS_MAX } from '../../cards/kb-suggestions.adaptive';
import { noticeAdaptive } from '../../cards/notice.adaptive';
import { channelThread, conversationTypeOf, spokenText, TeamsActivity, userIdOf } from './activity';
import { cardMessage, ConnectorAddress, explain, OutActivity, TeamsContext, teamsActor, textMessage, tr } from './context';
import { announceNewTicket, personalAddress, relayToCards, relayToRequester } from './follow-up';
import { adminCommand } from './commands';
import { reportOnDemand, searchTickets } from './lookups';
import { textAnswer } from '../../core/chat/text-answers.service';

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

type Plan = { kind: 'form'; value: Record<string, unknown> } | { kind: 'relay'; ticket: number; from: 'card' | 'requester' } | { kind: 'personal' } | { kind: 'mention' };

async function planOf(ctx: TeamsContext, a: TeamsActivity): Promise<Plan | null> {
  const value = a.value as Record<string, unknown> | undefined;
  if (value && typeof value === 'object' && value.verb === REPORT_FORM_VERB) return { kind: 'form', value };
  if (conversationTypeOf(a) === 'personal') {
    const dm = a.replyToId ? await messageInThread(ctx.deps, 'teams', a.conversation.id, a.replyToId) : null;
    return dm?.kind === 'requester_dm' ? { kind: 'relay', ticket: dm.ticketId, from: 'requester' } : { kind: 'personal' };
  }
  const { channelId, rootId } = channelThread(a);
  const card = rootId ? await messageInThread(ctx.deps, 'teams', channelId, rootId) : null;
  if (card?.kind === 'card') return { kind: 'relay', ticket: card.ticketId, from: 'card' };
  // Outside a ticket's thread the bot answers only when spoken to.
  return (a.entities ?? []).some((e) => e.type === 'mention' && e.mentioned?.id === a.recipient?.id) ? { kind: 'mention' } : null;
}

async function route(ctx: TeamsContext, a: TeamsActivity, actor: Actor, plan: Plan, say: Say): Promise<void> {
  if (plan.kind === 'form') return fileFromForm(ctx, a, actor, plan.value, say);
  const text = spokenText(a);
  if (plan.kind === 'relay') return relay(ctx, actor, plan.ticket, plan.from, text, a);
  if (plan.kind === 'mention') return conversation(ctx, a, actor, parseHelpdeskCommand(text), say);
  // A personal chat has no threads: "#12 words" is a reply about ticket 12.
  const reply = parseTicketReply(text);
  if (reply) return relay(ctx, actor, reply.ticket, 'requester', reply.text, a);
  return conversation(ctx, a, actor, parseDirectMessage(text), say);
}

/** Words to the bot, the same as on Slack (CONTRACT.md). */
async function conversation(ctx: TeamsContext, a: TeamsActivity, actor: Actor, intent: ChatIntent, channelSay: Say): Promise<void> {
  const l = actor.locale;
  // Teams has no "only you can see this" in a channel: someone's tickets and search results go to their personal chat (R16).
  let say = channelSay;
  if (conversationTypeOf(a) !== 'personal' && (intent.kind === 'my_tickets' || intent.kind === 'kb' || intent.kind === 'search' || intent.kind === 'report_stats')) {
    const to = await personalAddress(ctx, userIdOf(a));
    if (!to) return void (await channelSay(textMessage(tr(l, 'teams.ask_privately'))));
    await channelSay(textMessage(tr(l, 'teams.sent_privately')));
    say = (m) => ctx.connector.post(to, m);
  }
  if (intent.kind === 'my_tickets') {
    const page = await listTickets(ctx.deps, actor, { requester: 'me', sort: 'newest', limit: 20 });
    if (!page.items.length) return void (await say(textMessage(tr(l, 'chat.no_tickets'))));
    return void (await say(cardMessage(myTicketsAdaptive(page.items, { locale: l, publicUrl: ctx.publicUrl, timeZone: ctx.timeZone, now: ctx.deps.clock.now(), withActions: false }))));
  }
  if (intent.kind === 'report') return deflect(ctx, actor, intent.text, say);
  if (intent.kind === 'kb') return kbSearch(ctx, actor, intent.text, say);
  if (intent.kind === 'search') return searchTickets(ctx, actor, intent.text, say);
  if (intent.kind === 'report_stats') return reportOnDemand(ctx, actor, intent, say);
  const answer = await textAnswer(ctx.deps, actor, intent);
  if (answer !== null) return void (await say(textMessage(answer)));
  if (intent.kind === 'usage' && intent.command === 'kb') return void (await say(textMessage(tr(l, 'teams.usage_kb'))));
  if (intent.kind === 'setup' || intent.kind === 'role' || intent.kind === 'usage') return adminCommand(ctx, a, actor, intent, say);
  await say(cardMessage(helpAdaptive(l)));
}

/** Issue 8: up to three published articles first; without any, straight to the prefilled form. */
async function deflect(ctx: TeamsContext, actor: Actor, text: string, say: Say): Promise<void> {
  const found = await searchArticles(ctx.deps, actor, { q: text.slice(0, 500), limit: KB_SUGGESTIONS_MAX });
  if (found.items.length) return void (await say(cardMessage(kbSuggestionsAdaptive(found.items, text, actor.locale))));
  await say(textMessage(tr(actor.locale, 'chat.report_prompt', { text: text.length > 200 ? text.slice(0, 199) + '…' : text })));
  await say(cardMessage(await reportForm(ctx, actor, text)));
}

/** `kb <words>`: the same search, asked for (staff also find technician-only articles: core filters). */
async function kbSearch(ctx: TeamsContext, actor: Actor, text: string, say: Say): Promise<void> {
  const found = await searchArticles(ctx.deps, actor, { q: text.slice(0, 500), limit: KB_SUGGESTIONS_MAX });
  if (!found.items.length) return void (await say(textMessage(tr(actor.locale, 'teams.kb_none', { text: text.slice(0, 200) }))));
  await say(cardMessage(kbSuggestionsAdaptive(found.items, text, actor.locale)));
}

export async function reportForm(ctx: TeamsContext, actor: Actor, text: string): Promise<Record<string, unknown>> {
  const categories = (await listCategories(ctx.deps)).map((c) => ({ slug: c.slug, name: actor.locale === 'en' ? c.nameEn : c.nameFr }));
  return reportFormAdaptive({ locale: actor.locale, categories, prefill: text ? { title: titleFrom(text), description: text } : {} });
}

const field = (v: Record<string, unknown>, k: string) => (typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string) : undefined);

/** The form's Action.Submit: one form files one ticket, however often it is sent (the form message id is the key). */
async function fileFromForm(ctx: TeamsContext, a: TeamsActivity, actor: Actor, v: Record<string, unknown>, say: Say): Promise<void> {
  const title = field(v, 'title');
  if (!title) throw new HelpdeskError('validation_failed', {}, [{ path: 'title', message: 'required' }]);
  const input = { title, description: field(v, 'description'), category: field(v, 'category'), urgency: field(v, 'urgency') as Level | undefined };
  const key = `form:${a.conversation.id}:${a.replyToId ?? a.id}`.slice(0, 190);
  const r = await createTicket(ctx.deps, actor, { ...input, idempotencyKey: key });
  const text = tr(actor.locale, r.created ? 'chat.ticket_created' : 'chat.ticket_seen', { number: r.ticket.id, title: r.ticket.title });
  if (a.replyToId) {
    // The form becomes the receipt, so it cannot be sent again by mistake.
    const to = { serviceUrl: a.serviceUrl, conversationId: a.conversation.id };
    await ctx.connector.update(to, a.replyToId, cardMessage(noticeAdaptive(tr(actor.locale, 'teams.done_title'), text, 'good'))).catch((err) => ctx.log.warn({ err }, 'form update failed'));
  }
  if (!r.created) return void (await say(textMessage(text)));
  // The receipt in the personal chat is the requester's first ticket message (announceNewTicket sends it).
  ctx.later('announce', () => announceNewTicket(ctx, r.ticket.id));
}

/** R15: the card thread and the requester's personal chat are one conversation, kept on the ticket. */
async function relay(ctx: TeamsContext, actor: Actor, n: number, from: 'card' | 'requester', text: string, a: TeamsActivity): Promise<void> {
  const { internal, body } = from === 'card' ? relayRule(text) : { internal: false, body: text.trim() };
  if (!body) return;
  const r = await addComment(ctx.deps, actor, n, { body, internal, idempotencyKey: `teams:${a.id ?? ''}`.slice(0, 190) });
  // Internal notes stay on the ticket and in the technicians' thread only.
  if (!r.created || internal) return;
  if (from === 'card') ctx.later('relay', () => relayToRequester(ctx, n, { name: actor.name, text: body }));
  else ctx.later('relay', () => relayToCards(ctx, n, tr(ctx.deps.defaultLocale, 'chat.relay', { name: actor.name, text: body })));
}
