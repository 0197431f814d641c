import type { CoreDeps } from '../shared/deps';

export interface TicketMetrics {
  byStatus: Array<{ status: string; service: string; count: number }>;
  overdue: Array<{ service: string; count: number }>;
  createdByChannel: Array<{ channel: string; count: number }>;
  outbox: Array<{ channel: string; state: string; count: number }>;
  slaBreaches: { own: number; resolve: number };
  inboundEvents: Array<{ source: string; count: number }>;
}

/**
 * Figures for Prometheus (R6, Grafana), read at scrape time: whole-helpdesk counts only, no names
 * and no ticket content, because /metrics sits outside the API's bearer tokens (the scraper has none).
 * Services are labelled by slug ("none" for unrouted tickets) so dashboards survive a rename.
 */
export async function ticketMetrics(deps: CoreDeps): Promise<TicketMetrics> {
  const store = deps.uow.read;
  const [status, overdue, channels, services, outbox, slaBreaches, inboundEvents] = await Promise.all([
    store.reports.statusCounts(),
    store.reports.overdueByService({ kind: 'all' }, deps.clock.now()),
    store.reports.createdByChannel(),
    store.services.list(),
    store.reports.outboxDepth(),
    store.reports.slaBreaches(),
    store.reports.inboundEvents(),
  ]);
  const slug = new Map(services.map((s) => [s.id, s.slug]));
  const label = (id: number | null) => (id === null ? 'none' : (slug.get(id) ?? String(id)));
  return {
    byStatus: status.map((r) => ({ status: r.status, service: label(r.serviceId), count: r.count })),
    overdue: overdue.map((r) => ({ service: label(r.serviceId), count: r.count })),
    createdByChannel: channels.map((r) => ({ channel: r.channel, count: r.count })),
    outbox,
    slaBreaches,
    inboundEvents,
  };
}
