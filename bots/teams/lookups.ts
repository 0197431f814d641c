import type { Actor } from '../../core/shared/actor';
import { seesEverything } from '../../core/shared/actor';
import { listTickets } from '../../core/tickets/list-tickets.service';
import { publishReport } from '../../core/reports/publish-report.service';
import { reportLinks } from '../../core/reports/report-poster.port';
import { ticketSearchAdaptive } from '../../cards/ticket-search.adaptive';
import { reportSummaryAdaptive } from '../../cards/report-summary.adaptive';
import { cardMessage, OutActivity, TeamsContext, textMessage, tr } from './context';

type Say = (m: OutActivity) => Promise<unknown>;

/** `search <words>`: tickets this person may see (R16: an employee finds only their own), newest first. */
export async function searchTickets(ctx: TeamsContext, actor: Actor, text: string, say: Say): Promise<void> {
  const q = text.trim().slice(0, 200);
  const page = await listTickets(ctx.deps, actor, { q, sort: 'newest', limit: 20 });
  if (!page.items.length) return void (await say(textMessage(tr(actor.locale, 'chat.search_none', { text: q }))));
  await say(cardMessage(ticketSearchAdaptive(page.items, q, { locale: actor.locale, publicUrl: ctx.publicUrl, timeZone: ctx.timeZone, now: ctx.deps.clock.now(), withActions: false })));
}

/**
 * `report [weekly|monthly] [service]` on demand (R8), for managers and admins: the report is kept
 * like a scheduled one and shown as the same card, chart and files included.
 */
export async function reportOnDemand(ctx: TeamsContext, actor: Actor, intent: { period: 'weekly' | 'monthly'; service?: string }, say: Say): Promise<void> {
  if (!seesEverything(actor)) return void (await say(textMessage(tr(actor.locale, 'chat.report_refused'))));
  const { stored } = await publishReport(ctx.deps, actor, { period: intent.period, service: intent.service, lang: actor.locale }, ctx.timeZone);
  await say(cardMessage(reportSummaryAdaptive(stored.report, reportLinks(ctx.publicUrl, stored))));
}
