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
  };
}
