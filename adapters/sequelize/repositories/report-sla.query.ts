import type { OverdueTicketRow, ReportQuery, ReportScope, SlaFlagCounts } from '../../../core/reports/report.port';
import { RUNNING_STATUSES, type Status } from '../../../core/tickets/ticket.entity';
import { toDate, toInt, toIntOrNull, type Sql } from '../sql';

const n = (v: unknown) => (v === null || v === undefined ? 0 : toInt(v));
const RUNNING = RUNNING_STATUSES.map((s) => `'${s}'`).join(', ');
const COUNT_IF = (cond: string) => `COALESCE(SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0)`;

type Scoped = (scope: ReportScope) => { sql: string; params: unknown[] };

/**
 * The report's SLA, overdue and incident figures. Each query starts from an index range of the
 * period (tickets_resolved, tickets_owned, tickets_created, ticket_sla_breached) or from the running
 * tickets (tickets_overdue), and reaches ticket_sla by its primary key.
 */
export function reportSlaQueries(sql: Sql, scoped: Scoped) {
  /** One clock: judged among tickets done in the period, missed among those still running that breached in it. */
  async function clock(q: ReportQuery, done: 'owned_at' | 'resolved_at', c: 'own' | 'resolve'): Promise<SlaFlagCounts> {
    const s = scoped(q.scope);
    const join = 'FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id AND s.cycle = t.reopen_count';
    const notDone = c === 'own' ? 't.owned_at IS NULL' : 't.resolved_at IS NULL';
    const [judged, breached, risk] = await Promise.all([
      sql.one(`SELECT ${COUNT_IF(`s.${c}_met = 1`)} AS met, ${COUNT_IF(`s.${c}_met = 0`)} AS missed ${join} WHERE t.${done} >= ? AND t.${done} < ?${s.sql}`,
        [q.from, q.to, ...s.params]),
      // Still running at the end of the period (or done after it) and breached within it.
      sql.one(`SELECT COUNT(*) AS n ${join} WHERE s.${c}_breached_at >= ? AND s.${c}_breached_at < ? AND s.${c}_met = 0
               AND (${notDone} OR t.${done} >= ?)${s.sql}`, [q.from, q.to, q.to, ...s.params]),
      sql.one(`SELECT COUNT(*) AS n ${join} WHERE t.status IN (${RUNNING}) AND s.${c}_level = 1 AND s.${c}_met IS NULL${c === 'own' ? ' AND t.owned_at IS NULL' : ''}${s.sql}`,
        [...s.params]),
    ]);
    return { met: n(judged?.met), missed: n(judged?.missed) + n(breached?.n), atRisk: n(risk?.n) };
  }

  return {
    async slaCompliance(q: ReportQuery) {
      const [own, resolve] = await Promise.all([clock(q, 'owned_at', 'own'), clock(q, 'resolved_at', 'resolve')]);
      return { own, resolve };
    },

    async previousCounts(q: ReportQuery) {
      const s = scoped(q.scope);
      const count = (col: string) => sql.one(`SELECT COUNT(*) AS n FROM tickets t WHERE t.${col} >= ? AND t.${col} < ?${s.sql}`, [q.previousFrom, q.from, ...s.params]);
      const [opened, resolved] = await Promise.all([count('created_at'), count('resolved_at')]);
      return { opened: n(opened?.n), resolved: n(resolved?.n) };
    },

    async overdueTickets(scope: ReportScope, now: Date, limit: number): Promise<OverdueTicketRow[]> {
      const s = scoped(scope);
      const rows = await sql.select(
        `SELECT t.id, t.title, t.service_id, t.status, CASE WHEN t.owned_at IS NULL AND t.own_due_at < ? THEN t.own_due_at ELSE t.resolve_due_at END AS due
           FROM tickets t WHERE t.status IN (${RUNNING}) AND (t.resolve_due_at < ? OR (t.owned_at IS NULL AND t.own_due_at < ?))${s.sql}
          ORDER BY due, t.id LIMIT ${Math.max(1, Math.trunc(limit))}`,
        [now, now, now, ...s.params],
      );
      return rows.map((r) => ({ id: toInt(r.id), title: String(r.title), serviceId: toIntOrNull(r.service_id), status: r.status as Status, dueAt: toDate(r.due) }));
    },

    async incidents(q: ReportQuery, limit: number) {
      const s = scoped(q.scope);
      const rows = await sql.select(
        `SELECT p.id, p.title, COUNT(*) AS n FROM tickets t
           JOIN ticket_links l ON l.to_id = t.id AND l.type = 'parent_of'
           JOIN tickets p ON p.id = l.from_id
          WHERE t.created_at >= ? AND t.created_at < ?${s.sql}
          GROUP BY p.id, p.title HAVING COUNT(*) >= 2 ORDER BY n DESC, p.id LIMIT ${Math.max(1, Math.trunc(limit))}`,
        [q.from, q.to, ...s.params],
      );
      return rows.map((r) => ({ id: toInt(r.id), title: String(r.title), reports: n(r.n) }));
    },
  };
}
