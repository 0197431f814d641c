import type { App, BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/shared/actor';
import { HelpdeskError } from '../../core/shared/errors';
import { claimTicket } from '../../core/tickets/claim-ticket.service';
import { assignTicket } from '../../core/tickets/assign-ticket.service';
import { changeStatus } from '../../core/tickets/change-status.service';
import { getTicket } from '../../core/tickets/get-ticket.service';
import { STATUSES, Status, type Level } from '../../core/tickets/ticket.entity';
import { ACTIONS, parseTicketValue } from '../../cards/actions';
import { asPerson, directMessage, ephemeral, slackActor, SlackContext } from './context';
import { openReportModal, openResolveModal } from './modals';

export type Action = Record<string, any>;
export const invalid = (what: string) => new HelpdeskError('validation_failed', {}, [{ path: what, message: 'invalid' }]);

/** The ticket a button is about: its value, else the `ticket:<n>` block it sits in (selects have no value). */
export function ticketOf(a: Action): number {
  for (const raw of [a.value, a.block_id]) {
    const p = typeof raw === 'string' ? parseTicketValue(raw) : null;
    if (p && Number.isSafeInteger(p.ticket) && p.ticket > 0) return p.ticket;
  }
  throw invalid('ticket');
}

/** Shows the presser the ticket's new card at once, in place of the one pressed (Slack's response_url). */
export type ShowCard = (n: number) => Promise<void>;
export type ActionWork = (actor: Actor, a: Action, body: BlockAction, client: WebClient, shown: ShowCard) => Promise<void>;

/**
 * Acknowledge, meet the person, then work; refusals go back privately where the button was pressed.
 * After a change the presser sees the new card through `respond`; the outbox refreshes every posted
 * copy (this one too, in place: no second post) and adds the thread line.
 */
export const actionHandler = (app: App, ctx: SlackContext) => (id: string, work: ActionWork) =>
  app.action<BlockAction>(id, async ({ ack, body, action, client, respond }) => {
    await ack();
    const channel = body.channel?.id ?? body.container?.channel_id;
    const tell = channel ? ephemeral(client, channel, body.user.id) : directMessage(client, body.user.id);
    const shown: ShowCard = async (n) => {
      if (!body.response_url || body.container?.type !== 'message') return;
      const card = await ctx.cards.slack(n);
      await respond({ replace_original: true, ...card } as never).catch((err) => ctx.log.warn({ err }, 'slack respond failed'));
    };
    await asPerson(ctx, client, body.user.id, tell, (actor) => work(actor, action as Action, body, client, shown));
  });

/**
 * Card buttons and selects. A button is an input like any other (it can be forged): core decides
 * whether this person may do it, and a refusal is an ephemeral sentence with nothing changed.
 */
export function registerActions(app: App, ctx: SlackContext): void {
  const on = actionHandler(app, ctx);

  on(ACTIONS.claim, async (actor, a, _b, _client, shown) => {
    const n = ticketOf(a);
    await claimTicket(ctx.deps, actor, n);
    await shown(n);
  });

  on(ACTIONS.assign, async (actor, a, _b, client, shown) => {
    const n = ticketOf(a);
    const users: unknown = a.selected_users;
    if (!Array.isArray(users) || users.length === 0 || users.length > 20 || !users.every((u) => typeof u === 'string' && /^[UW][A-Z0-9]+$/.test(u))) throw invalid('selected_users');
    let assigned;
    try {
      assigned = await assignTicket(ctx.deps, actor, n, { add: users });
    } catch (e) {
      // Core refuses a press by someone who may not assign before looking anyone up; only then meet the unknown people.
      if (!(e instanceof HelpdeskError && e.code === 'person_not_found')) throw e;
      for (const u of users as string[]) await slackActor(ctx, client, u);
      assigned = await assignTicket(ctx.deps, actor, n, { add: users });
    }
    await shown(assigned.id);
  });

  on(ACTIONS.status, async (actor, a, body, client, shown) => {
    const parsed = parseTicketValue(String(a.selected_option?.value ?? ''));
    const status = parsed?.rest as Status | undefined;
    if (!parsed || !status || !STATUSES.includes(status)) throw invalid('status');
    // Resolving needs the resolution text: the Status select opens the same modal as the Resolve button.
    if (status === 'resolved') return openResolveModal(client, actor, body.trigger_id, parsed.ticket);
    await changeStatus(ctx.deps, actor, parsed.ticket, { status });
    await shown(parsed.ticket);
  });

  on(ACTIONS.resolve, async (actor, a, body, client) => {
    const n = ticketOf(a);
    await getTicket(ctx.deps, actor, n);
    await openResolveModal(client, actor, body.trigger_id, n);
  });

  on(ACTIONS.editDetails, async (actor, a, body, client) => {
    const v = await getTicket(ctx.deps, actor, ticketOf(a));
    const prefill = { title: v.title, description: v.description, category: v.category?.slug, urgency: v.urgency as Level };
    await openReportModal(ctx, client, actor, body.trigger_id, prefill, v.number);
  });

  on(ACTIONS.reportIssue, async (actor, a, body, client) => {
    const text = typeof a.value === 'string' ? a.value.slice(0, 2000) : '';
    const title = text.split('\n')[0].slice(0, 120);
    await openReportModal(ctx, client, actor, body.trigger_id, text ? { title, description: text } : {});
  });

  // A link button: Slack opens the URL itself; the click must still be acknowledged.
  app.action(ACTIONS.openTicket, async ({ ack }) => {
    await ack();
  });
}
