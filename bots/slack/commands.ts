import type { App } from '@slack/bolt';
import { escapeMrkdwn } from '../../cards/format';
import { textAnswer } from '../../core/chat/text-answers.service';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { createTicket } from '../../core/tickets/create-ticket.service';
import { listTickets } from '../../core/tickets/list-tickets.service';
import { setRole } from '../../core/people/manage-services.service';
import { bindChannel } from '../../core/chat/chat-channels.service';
import { ChatIntent, parseHelpdeskCommand, parseTicketCommand, personRefOf, titleFrom } from '../../core/chat/chat-command';
import { myTicketsBlocks } from '../../cards/my-tickets.blocks';
import { helpBlocks } from '../../cards/help.blocks';
import { asPerson, slackActor, SlackContext, tr } from './context';
import { announceNewTicket } from './follow-up';
import { openReportModal } from './modals';
import { editDetailsAction, textWithButton } from './reply-blocks';
import { answerKb } from './kb';
import { reportOnDemand, searchTickets } from './lookups';

const USAGE = { role: 'chat.usage_role', setup: 'chat.usage_setup', for: 'chat.usage_for', kb: 'kb.usage', search: 'chat.usage_search' } as const;

type Reply = (m: { text: string; blocks?: unknown[]; response_type?: 'ephemeral' | 'in_channel' }) => Promise<unknown>;
interface Cmd {
  user_id: string;
  channel_id: string;
  team_id?: string;
  text?: string;
  trigger_id?: string;
}

/** Slash commands: acknowledged at once (Slack waits 3 s at most), answered through response_url. */
export function registerCommands(app: App, ctx: SlackContext): void {
  app.command('/ticket', async ({ command, ack, client, respond }) => {
    await ack();
    await run(ctx, client, command, respond as Reply, (actor) => ticketCommand(ctx, client, actor, command, parseTicketCommand(command.text ?? ''), respond as Reply));
  });
  app.command('/tickets', async ({ command, ack, client, respond }) => {
    await ack();
    await run(ctx, client, command, respond as Reply, (actor) => myTickets(ctx, actor, respond as Reply));
  });
  app.command('/helpdesk', async ({ command, ack, client, respond }) => {
    await ack();
    await run(ctx, client, command, respond as Reply, (actor) => helpdeskCommand(ctx, client, actor, command, parseHelpdeskCommand(command.text ?? ''), respond as Reply));
  });
}

async function run(ctx: SlackContext, client: WebClient, command: Cmd, respond: Reply, work: (actor: Actor) => Promise<void>): Promise<void> {
  await asPerson(ctx, client, command.user_id, (text) => respond({ response_type: 'ephemeral', text }), (actor) => work(actor));
}

/** A slash command's trigger id is unique per invocation: a replayed request files nothing new. */
const replayKey = (c: Cmd) => (c.trigger_id ? { idempotencyKey: `cmd:${c.trigger_id.slice(0, 180)}` } : {});

async function ticketCommand(ctx: SlackContext, client: WebClient, actor: Actor, command: Cmd, intent: ChatIntent, respond: Reply): Promise<void> {
  const l = actor.locale;
  if (intent.kind === 'usage') return void (await respond({ response_type: 'ephemeral', text: tr(l, 'chat.usage_for') }));
  if (intent.kind === 'report' && !intent.text) {
    if (!command.trigger_id) throw new HelpdeskError('validation_failed', {}, [{ path: 'trigger_id', message: 'missing' }]);
    return openReportModal(ctx, client, actor, command.trigger_id, {});
  }
  if (intent.kind === 'report') {
    const r = await createTicket(ctx.deps, actor, { title: titleFrom(intent.text), description: intent.text, ...replayKey(command) });
    const n = r.ticket.id;
    const text = tr(l, r.created ? 'chat.ticket_created' : 'chat.ticket_seen', { number: n, title: r.ticket.title });
    await respond({ response_type: 'ephemeral', ...textWithButton(text, { label: tr(l, 'chat.edit_details'), actionId: editDetailsAction, value: String(n) }) });
    if (r.created) await announceNewTicket(ctx, client, n);
    return;
  }
  if (intent.kind === 'report_for') {
    const input = { title: titleFrom(intent.text), description: intent.text, ...replayKey(command) };
    const ref = personRefOf(intent.person);
    let r;
    try {
      r = await createTicket(ctx.deps, actor, { ...input, requester: ref });
    } catch (e) {
      // Core refused (an employee filing for someone else): say what they can do instead.
      if (e instanceof HelpdeskError && e.code === 'forbidden') return void (await respond({ response_type: 'ephemeral', text: tr(l, 'chat.for_refused') }));
      // A Slack user we never met: core has already checked the caller may file for others; meet them, then file.
      if (!(e instanceof HelpdeskError && e.code === 'person_not_found' && /^[UW][A-Z0-9]+$/.test(ref))) throw e;
      await slackActor(ctx, client, ref);
      r = await createTicket(ctx.deps, actor, { ...input, requester: ref });
    }
    const n = r.ticket.id;
    const requester = r.ticket.requesterId;
    await respond({ response_type: 'ephemeral', text: tr(l, 'chat.filed_for', { number: n, who: intent.person, title: r.ticket.title }) });
    if (r.created && requester !== actor.personId) {
      await announceNewTicket(ctx, client, n, { dm: { key: 'chat.filed_for_you', params: { by: actor.name, number: n, title: r.ticket.title } } });
    }
  }
}

export async function myTickets(ctx: SlackContext, actor: Actor, respond: Reply): Promise<void> {
  const page = await listTickets(ctx.deps, actor, { requester: 'me', sort: 'newest', limit: 20 });
  if (!page.items.length) return void (await respond({ response_type: 'ephemeral', text: tr(actor.locale, 'chat.no_tickets') }));
  const rendered = myTicketsBlocks(page.items, { locale: actor.locale, publicUrl: ctx.publicUrl, timeZone: ctx.timeZone, now: ctx.deps.clock.now() });
  await respond({ response_type: 'ephemeral', ...rendered });
}

async function helpdeskCommand(ctx: SlackContext, client: WebClient, actor: Actor, command: Cmd, intent: ChatIntent, respond: Reply): Promise<void> {
  const l = actor.locale;
  if (intent.kind === 'my_tickets') return myTickets(ctx, actor, respond);
  if (intent.kind === 'kb') return answerKb(ctx, actor, intent.text, (m) => respond({ response_type: 'ephemeral', ...m }));
  if (intent.kind === 'search') return searchTickets(ctx, actor, intent.text, respond);
  if (intent.kind === 'report_stats') return reportOnDemand(ctx, actor, intent, respond);
  const answer = await textAnswer(ctx.deps, actor, intent);
  if (answer !== null) return void (await respond({ response_type: 'ephemeral', text: escapeMrkdwn(answer) }));
  if (intent.kind === 'usage') return void (await respond({ response_type: 'ephemeral', text: tr(l, USAGE[intent.command]) }));
  if (intent.kind === 'setup') {
    const { service } = await bindChannel(ctx.deps, actor, { platform: 'slack', teamId: command.team_id ?? null, channelId: command.channel_id, purpose: intent.purpose, service: intent.service });
    const text = service ? tr(l, 'chat.bound_technicians', { service: service.name }) : tr(l, 'chat.bound_managers');
    return void (await respond({ response_type: 'in_channel', text }));
  }
  if (intent.kind === 'role') {
    const ref = personRefOf(intent.person);
    const input = { person: ref, role: intent.role, service: intent.service };
    let person;
    try {
      person = await setRole(ctx.deps, actor, input);
    } catch (e) {
      if (!(e instanceof HelpdeskError && e.code === 'person_not_found' && /^[UW][A-Z0-9]+$/.test(ref))) throw e;
      await slackActor(ctx, client, ref);
      person = await setRole(ctx.deps, actor, input);
    }
    const service = intent.service ? tr(l, 'chat.in_service', { service: intent.service }) : '';
    return void (await respond({ response_type: 'ephemeral', text: tr(l, 'chat.role_set', { who: person.displayName, role: intent.role, service }) }));
  }
  await respond({ response_type: 'ephemeral', ...helpBlocks(l) });
}
