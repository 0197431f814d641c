import type { Actor } from '../../core/shared/actor';
import { seesEverything } from '../../core/shared/actor';
import { listTickets } from '../../core/tickets/list-tickets.service';
import { buildReport } from '../../core/reports/build-report.service';
import { reportMarkdown, reportTitle } from '../../core/reports/report.render';
import { ticketSearchBlocks } from '../../cards/ticket-search.blocks';
import { reportTextBlocks } from '../../cards/report-text.blocks';
import { SlackContext, tr } from './context';

type Reply = (m: { text: string; blocks?: unknown[]; response_type?: 'ephemeral' | 'in_channel' }) => Promise<unknown>;

/** `/helpdesk search <words>`: tickets this person may see (R16: an employee finds only their own), newest first. */
export async function searchTickets(ctx: SlackContext, actor: Actor, text: string, respond: Reply): Promise<void> {
  const q = text.trim().slice(0, 200);
  const page = await listTickets(ctx.deps, actor, { q, sort: 'newest', limit: 20 });
  if (!page.items.length) return void (await respond({ response_type: 'ephemeral', text: tr(actor.locale, 'chat.search_none', { text: q }) }));
  const options = { locale: actor.locale, publicUrl: ctx.publicUrl, timeZone: ctx.timeZone, now: ctx.deps.clock.now() };
  await respond({ response_type: 'ephemeral', ...ticketSearchBlocks(page.items, q, options) });
}

/**
 * `/helpdesk report [weekly|monthly] [service]` on demand (R8): managers and admins only in chat (the
 * scheduled report goes to the managers' channel); anyone else is told politely and nothing is built.
 */
export async function reportOnDemand(ctx: SlackContext, actor: Actor, intent: { period: 'weekly' | 'monthly'; service?: string }, respond: Reply): Promise<void> {
  if (!seesEverything(actor)) return void (await respond({ response_type: 'ephemeral', text: tr(actor.locale, 'chat.report_refused') }));
  const report = await buildReport(ctx.deps, actor, { period: intent.period, service: intent.service, lang: actor.locale }, ctx.timeZone);
  await respond({ response_type: 'ephemeral', ...reportTextBlocks(reportTitle(report), reportMarkdown(report)) });
}
