import type { Channel } from '../../../core/shared/actor';
import type { Status } from '../../../core/tickets/ticket.entity';
import { toInt, toIntOrNull, type Sql } from '../sql';

/** Scrape-time counts for /metrics: one GROUP BY each, read from covering indexes (tickets_queue, tickets_channel). */
export function reportMetrics(sql: Sql) {
  return {
    async statusCounts(): Promise<Array<{ status: Status; serviceId: number | null; count: number }>> {
      const rows = await sql.select('SELECT t.service_id, t.status, COUNT(*) AS n FROM tickets t GROUP BY t.service_id, t.status');
      return rows.map((r) => ({ status: r.status as Status, serviceId: toIntOrNull(r.service_id), count: toInt(r.n) }));
    },
    async createdByChannel(): Promise<Array<{ channel: Channel; count: number }>> {
      const rows = await sql.select('SELECT t.source_channel, COUNT(*) AS n FROM tickets t GROUP BY t.source_channel');
      return rows.map((r) => ({ channel: r.source_channel as Channel, count: toInt(r.n) }));
    },
    /** Messages not yet delivered, by channel and state (outbox_due serves the state range). */
    async outboxDepth(): Promise<Array<{ channel: string; state: string; count: number }>> {
      const rows = await sql.select("SELECT o.channel, o.state, COUNT(*) AS n FROM outbox o WHERE o.state IN ('pending', 'sending', 'held', 'failed') GROUP BY o.channel, o.state");
      return rows.map((r) => ({ channel: String(r.channel), state: String(r.state), count: toInt(r.n) }));
    },
    /** Deadlines missed so far (ticket_sla keeps one row per ticket the SLA sweep has judged). */
    async slaBreaches(): Promise<{ own: number; resolve: number }> {
      const r = await sql.one('SELECT COALESCE(SUM(CASE WHEN s.own_met = 0 THEN 1 ELSE 0 END), 0) AS own, COALESCE(SUM(CASE WHEN s.resolve_met = 0 THEN 1 ELSE 0 END), 0) AS res FROM ticket_sla s');
      return { own: toInt(r?.own ?? 0), resolve: toInt(r?.res ?? 0) };
    },
    /** Inbound platform events seen (Slack, Teams, Twilio...), by source, from the idempotency table's key. */
    async inboundEvents(): Promise<Array<{ source: string; count: number }>> {
      const rows = await sql.select('SELECT e.source, COUNT(*) AS n FROM inbound_events e GROUP BY e.source');
      return rows.map((r) => ({ source: String(r.source), count: toInt(r.n) }));
    },
  };
}
