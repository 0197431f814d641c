import type { TicketListRow, TicketQuery, TicketRepository } from '../../../core/shared/store.port';
import type { NewTicket, Status, Ticket, TicketPatch } from '../../../core/tickets/ticket.entity';
import { marks, setClause, toInt, toIntOrNull, type Row, type Sql } from '../sql';
import { buildTicketListQuery } from './ticket-list.query';
import { PATCH_COLUMNS, TICKET_COLUMNS, toListRow, toTicket } from './ticket.row';

const INSERT_COLUMNS = [
  'title', 'description', 'type', 'category_id', 'urgency', 'impact', 'priority', 'status', 'requester_id',
  'created_by_id', 'service_id', 'source_channel', 'sla_started_at', 'own_due_at', 'resolve_due_at',
  'first_response_at', 'owned_at', 'resolved_at', 'closed_at', 'pending_since', 'pending_until',
  'paused_minutes', 'reopen_count', 'resolution', 'version', 'created_at', 'updated_at',
];

export class SqlTicketRepository implements TicketRepository {
  constructor(private readonly sql: Sql) {}

  async insert(t: NewTicket): Promise<number> {
    // NewTicket carries no creation time: SLA clocks start at creation, so slaStartedAt is that time
    // (and it comes from the use case's clock, which keeps tests deterministic).
    const at = t.slaStartedAt;
    return this.sql.insert(`INSERT INTO tickets (${INSERT_COLUMNS.join(', ')}) VALUES (${marks(INSERT_COLUMNS.length)})`, [
      t.title, t.description, t.type, t.categoryId, t.urgency, t.impact, t.priority, t.status, t.requesterId,
      t.createdById, t.serviceId, t.sourceChannel, t.slaStartedAt, t.ownDueAt, t.resolveDueAt,
      t.firstResponseAt, t.ownedAt, t.resolvedAt, t.closedAt, t.pendingSince, t.pendingUntil,
      t.pausedMinutes, t.reopenCount, t.resolution, 1, at, at,
    ]);
  }

  async get(id: number): Promise<Ticket | null> {
    // The ticket with its assignees and watchers in one round trip (one row per person, at least one);
    // assignees in the order they were added.
    const rows = await this.sql.select<Row>(
      `SELECT ${TICKET_COLUMNS.map((c) => `t.${c}`).join(', ')}, x.kind, x.person_id FROM tickets t
       LEFT JOIN (SELECT 'a' AS kind, ticket_id, person_id, assigned_at FROM ticket_assignees WHERE ticket_id = ?
                  UNION ALL SELECT 'w' AS kind, ticket_id, person_id, NULL AS assigned_at FROM ticket_watchers WHERE ticket_id = ?) x ON x.ticket_id = t.id
       WHERE t.id = ? ORDER BY x.kind, x.assigned_at, x.person_id`,
      [id, id, id],
    );
    if (!rows.length) return null;
    const of = (kind: string) => rows.filter((p) => p.kind === kind).map((p) => toInt(p.person_id));
    return toTicket(rows[0], of('a'), of('w'));
  }

  /** One conditional UPDATE: the database, not the last writer, decides who wins a race. */
  async update(id: number, expectedVersion: number, patch: TicketPatch, at: Date): Promise<boolean> {
    const { sets, params } = setClause(patch, PATCH_COLUMNS, 'Ticket');
    const changed = await this.sql.run(
      `UPDATE tickets SET ${[...sets, 'version = version + 1', 'updated_at = ?'].join(', ')} WHERE id = ? AND version = ?`,
      [...params, at, id, expectedVersion],
    );
    return changed === 1;
  }

  async addAssignee(ticketId: number, personId: number, at: Date): Promise<void> {
    // Idempotent: a repeated assignment keeps the first assigned_at (and its place in the order).
    const sql = this.sql.insertIgnoreSql('ticket_assignees', ['ticket_id', 'person_id', 'assigned_at'], ['ticket_id', 'person_id']);
    await this.sql.run(sql, [ticketId, personId, at]);
  }

  async removeAssignee(ticketId: number, personId: number): Promise<void> {
    await this.sql.run('DELETE FROM ticket_assignees WHERE ticket_id = ? AND person_id = ?', [ticketId, personId]);
  }

  async addWatcher(ticketId: number, personId: number): Promise<void> {
    await this.sql.run(this.sql.insertIgnoreSql('ticket_watchers', ['ticket_id', 'person_id'], ['ticket_id', 'person_id']), [ticketId, personId]);
  }

  async removeWatcher(ticketId: number, personId: number): Promise<void> {
    await this.sql.run('DELETE FROM ticket_watchers WHERE ticket_id = ? AND person_id = ?', [ticketId, personId]);
  }

  /** One query for the rows and their names, one for the page's assignees. */
  async list(q: TicketQuery): Promise<TicketListRow[]> {
    const query = buildTicketListQuery(q, this.sql.dialect);
    if (!query) return [];
    const rows = await this.sql.select(query.sql, query.params);
    if (rows.length === 0) return [];
    const ids = rows.map((r) => toInt(r.id));
    const links = await this.sql.select<Row>(
      `SELECT a.ticket_id, a.person_id, p.display_name FROM ticket_assignees a JOIN people p ON p.id = a.person_id
       WHERE a.ticket_id IN (${marks(ids.length)}) ORDER BY a.ticket_id, a.assigned_at, a.person_id`,
      ids,
    );
    const byTicket = new Map<number, Array<{ id: number; name: string }>>();
    for (const l of links) {
      const t = toInt(l.ticket_id);
      byTicket.set(t, [...(byTicket.get(t) ?? []), { id: toInt(l.person_id), name: String(l.display_name) }]);
    }
    return rows.map((r) => toListRow(r, byTicket.get(toInt(r.id)) ?? []));
  }

  async brief(ids: number[]): Promise<Array<{ id: number; title: string; status: Status; serviceId: number | null }>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const rows = await this.sql.select<Row>(
      `SELECT id, title, status, service_id FROM tickets WHERE id IN (${marks(unique.length)}) ORDER BY id`,
      unique,
    );
    return rows.map((r) => ({ id: toInt(r.id), title: String(r.title), status: r.status as Status, serviceId: toIntOrNull(r.service_id) }));
  }
}
