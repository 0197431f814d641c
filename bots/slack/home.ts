import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from '@slack/types';
import type { Actor } from '../../core/shared/actor';
import { listTickets } from '../../core/tickets/list-tickets.service';
import { myTicketsBlocks } from '../../cards/my-tickets.blocks';
import { SlackContext, tr } from './context';
import { reportIssueAction } from './reply-blocks';

/** The App Home tab: a "Report an issue" button above the person's own tickets (R11: the same on phone and PC). */
export async function publishHome(ctx: SlackContext, client: WebClient, actor: Actor, userId: string): Promise<void> {
  const page = await listTickets(ctx.deps, actor, { requester: 'me', sort: 'newest', limit: 20 });
  const l = actor.locale;
  const button: KnownBlock = {
    type: 'actions',
    elements: [{ type: 'button', style: 'primary', action_id: reportIssueAction, text: { type: 'plain_text', text: tr(l, 'chat.report_button') } }],
  };
  const list = page.items.length
    ? myTicketsBlocks(page.items, { locale: l, publicUrl: ctx.publicUrl, timeZone: ctx.timeZone, now: ctx.deps.clock.now() }).blocks
    : [{ type: 'section', text: { type: 'mrkdwn', text: tr(l, 'chat.no_tickets') } } as KnownBlock];
  // A Home view holds at most 100 blocks.
  await client.views.publish({ user_id: userId, view: { type: 'home', blocks: [button, ...list].slice(0, 100) } });
}
