import { freshSlaState, type SlaCandidate, type SlaClock, type SlaLevel, type SlaLevelName, type SlaRepository, type SlaBounds, type TicketSlaState } from '../../../core/sla/sla.port';
import type { Priority, Status } from '../../../core/tickets/ticket.entity';
import { RUNNING_STATUSES } from '../../../core/tickets/ticket.entity';
import { marks, toBool, toDate, toDateOrNull, toInt, type Row, type Sql } from '../sql';
import { insertOnceSql } from './insert-once';

const STATE_COLUMNS = 's.cycle AS s_cycle, s.own_level, s.resolve_level, s.own_met, s.resolve_met, s.own_breached_at, s.resolve_breached_at';

function stateOf(r: Row): TicketSlaState | null {
  if (r.s_cycle === null || r.s_cycle === undefined) return null;
  const met = (v: unknown) => (v === null || v === undefined ? null : toBool(v));
  return {
    cycle: toInt(r.s_cycle),
    ownLevel: toInt(r.own_level) as SlaLevel,
    resolveLevel: toInt(r.resolve_level) as SlaLevel,
    ownMet: met(r.own_met),
    resolveMet: met(r.resolve_met),
    ownBreachedAt: toDateOrNull(r.own_breached_at),
    resolveBreachedAt: toDateOrNull(r.resolve_breached_at),
  };
}

export class SqlSlaRepository implements SlaRepository {
  constructor(private readonly sql: Sql) {}

  async candidates(q: { bounds: SlaBounds[]; limit: number }): Promise<SlaCandidate[]> {
    if (!q.bounds.length) return [];
    const statuses = RUNNING_STATUSES as readonly Status[];
    // A ticket's level counts only in its current cycle (a reopen starts again from 0).
    const level = (col: string) => `(CASE WHEN s.cycle = t.reopen_count THEN s.${col} ELSE 0 END)`;
    const params: unknown[] = [...statuses];
    const clock = (due: string, col: string, b: [Date, Date, Date]) => {
      params.push(b[0], b[1], b[2]);
      return `((${level(col)} = 0 AND ${due} <= ?) OR (${level(col)} = 1 AND ${due} <= ?) OR (${level(col)} = 2 AND ${due} <= ?))`;
    };
    const perPriority = q.bounds.map((b) => {
      params.push(b.priority);
      const own = clock('t.own_due_at', 'own_level', b.own);
      const resolve = clock('t.resolve_due_at', 'resolve_level', b.resolve);
      return `(t.priority = ? AND ((t.owned_at IS NULL AND ${own}) OR ${resolve}))`;
    });
    // The outer bounds let the (status, resolve_due_at, own_due_at, ...) index cut the range before the join.
    const maxOwn = new Date(Math.max(...q.bounds.map((b) => b.own[0].getTime())));
    const maxResolve = new Date(Math.max(...q.bounds.map((b) => b.resolve[0].getTime())));
    params.push(maxOwn, maxResolve);
    const rows = await this.sql.select<Row>(
      `SELECT t.id, t.title, t.priority, t.status, t.service_id, t.own_due_at, t.resolve_due_at, t.owned_at, t.reopen_count, ${STATE_COLUMNS}
         FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id
        WHERE t.status IN (${marks(statuses.length)})
          AND (${perPriority.join(' OR ')})
          AND ((t.owned_at IS NULL AND t.own_due_at <= ?) OR t.resolve_due_at <= ?)
        ORDER BY t.resolve_due_at, t.id
        LIMIT ${Math.max(1, Math.floor(q.limit))}`,
      params,
    );
    if (!rows.length) return [];
    const ids = rows.map((r) => toInt(r.id));
    const assignees = await this.sql.select<Row>(`SELECT ticket_id, person_id FROM ticket_assignees WHERE ticket_id IN (${marks(ids.length)}) ORDER BY person_id`, ids);
    const byTicket = new Map<number, number[]>();
    for (const a of assignees) {
      const id = toInt(a.ticket_id);
      byTicket.set(id, [...(byTicket.get(id) ?? []), toInt(a.person_id)]);
    }
    return rows.map((r) => ({
      id: toInt(r.id),
      title: String(r.title),
      priority: toInt(r.priority) as Priority,
      status: String(r.status) as Status,
      serviceId: r.service_id === null ? null : toInt(r.service_id),
      ownDueAt: toDate(r.own_due_at),
      resolveDueAt: toDate(r.resolve_due_at),
      ownedAt: toDateOrNull(r.owned_at),
      reopenCount: toInt(r.reopen_count),
      assigneeIds: byTicket.get(toInt(r.id)) ?? [],
      state: stateOf(r),
    }));
  }

  async recordEvent(e: { ticketId: number; clock: SlaClock; level: SlaLevelName; cycle: number; at: Date }): Promise<boolean> {
    // The unique key decides between two sweeps: the second waits for the first's row lock, then changes nothing.
    const sql = insertOnceSql(this.sql, 'sla_events', ['ticket_id', 'clock', 'level', 'cycle', 'created_at']);
    return (await this.sql.run(sql, [e.ticketId, e.clock, e.level, e.cycle, e.at])) > 0;
  }

  async state(ticketId: number): Promise<TicketSlaState | null> {
    const r = await this.sql.one<Row>(`SELECT ${STATE_COLUMNS} FROM ticket_sla s WHERE s.ticket_id = ?`, [ticketId]);
    return r ? stateOf(r) : null;
  }

  async saveState(ticketId: number, s: TicketSlaState, at: Date): Promise<void> {
    const cols = ['ticket_id', 'cycle', 'own_level', 'resolve_level', 'own_met', 'resolve_met', 'own_breached_at', 'resolve_breached_at', 'updated_at'];
    const values = [ticketId, s.cycle, s.ownLevel, s.resolveLevel, s.ownMet, s.resolveMet, s.ownBreachedAt, s.resolveBreachedAt, at];
    const head = `INSERT INTO ticket_sla (${cols.join(', ')}) VALUES (${marks(cols.length)})`;
    const rest = cols.slice(1);
    const sql =
      this.sql.dialect === 'mysql'
        ? `${head} ON DUPLICATE KEY UPDATE ${rest.map((c) => `${c} = VALUES(${c})`).join(', ')}`
        : `${head} ON CONFLICT (ticket_id) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}`;
    await this.sql.run(sql, values);
  }

  async recordMet(ticketId: number, cycle: number, clock: SlaClock, met: boolean, at: Date): Promise<void> {
    const col = clock === 'own' ? 'own_met' : 'resolve_met';
    const changed = await this.sql.run(`UPDATE ticket_sla SET ${col} = ?, updated_at = ? WHERE ticket_id = ? AND cycle = ? AND ${col} IS NULL`, [met, at, ticketId, cycle]);
    if (changed > 0) return;
    const current = await this.state(ticketId);
    if (current && current.cycle === cycle) return;
    await this.saveState(ticketId, { ...freshSlaState(cycle), [clock === 'own' ? 'ownMet' : 'resolveMet']: met }, at);
  }

  async unrecordedOutcomes(since: Date, limit: number) {
    const lim = Math.max(1, Math.floor(limit));
    const pick = (col: 'owned_at' | 'resolved_at', met: 'own_met' | 'resolve_met') =>
      `SELECT t.id, t.reopen_count, t.own_due_at, t.resolve_due_at, t.owned_at, t.resolved_at, ${STATE_COLUMNS}
         FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id
        WHERE t.${col} >= ? AND (s.ticket_id IS NULL OR s.cycle <> t.reopen_count OR s.${met} IS NULL)
        LIMIT ${lim}`;
    const rows = [...(await this.sql.select<Row>(pick('owned_at', 'own_met'), [since])), ...(await this.sql.select<Row>(pick('resolved_at', 'resolve_met'), [since]))];
    const seen = new Set<number>();
    return rows
      .filter((r) => !seen.has(toInt(r.id)) && seen.add(toInt(r.id)))
      .map((r) => ({
        id: toInt(r.id),
        reopenCount: toInt(r.reopen_count),
        ownDueAt: toDate(r.own_due_at),
        resolveDueAt: toDate(r.resolve_due_at),
        ownedAt: toDateOrNull(r.owned_at),
        resolvedAt: toDateOrNull(r.resolved_at),
        state: stateOf(r),
      }));
  }

  async levelCounts() {
    const statuses = RUNNING_STATUSES as readonly Status[];
    const r = await this.sql.one<Row>(
      `SELECT SUM(CASE WHEN s.own_level = 1 OR s.resolve_level = 1 THEN 1 ELSE 0 END) AS warned,
              SUM(CASE WHEN s.own_level >= 2 OR s.resolve_level >= 2 THEN 1 ELSE 0 END) AS escalated,
              SUM(CASE WHEN s.own_met = 0 THEN 1 ELSE 0 END) AS own_missed,
              SUM(CASE WHEN s.resolve_met = 0 THEN 1 ELSE 0 END) AS resolve_missed
         FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id
        WHERE t.status IN (${marks(statuses.length)}) AND s.cycle = t.reopen_count`,
      [...statuses],
    );
    const n = (v: unknown) => (v === null || v === undefined ? 0 : toInt(v));
    return { warned: n(r?.warned), escalated: n(r?.escalated), ownMissed: n(r?.own_missed), resolveMissed: n(r?.resolve_missed) };
  }
}
