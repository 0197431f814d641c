import type { TestDb } from '../support/db';
import { Sql, type Row } from '../../adapters/sequelize/sql';

/** What the notifications outbox holds: what the sweeps asked to send, read as the worker would. */
export async function outbox(t: TestDb, event?: string): Promise<Array<{ event: string; ticketId: number | null; personId: number | null; address: string; dedupeKey: string | null; params: Record<string, unknown> }>> {
  const sql = new Sql(t.db.sequelize, t.db.dialect, null);
  const rows = await sql.select<Row>(`SELECT event, ticket_id, person_id, address, dedupe_key, params FROM outbox ${event ? 'WHERE event = ?' : ''} ORDER BY id`, event ? [event] : []);
  return rows.map((r) => ({
    event: String(r.event),
    ticketId: r.ticket_id === null ? null : Number(r.ticket_id),
    personId: r.person_id === null ? null : Number(r.person_id),
    address: String(r.address),
    dedupeKey: r.dedupe_key === null ? null : String(r.dedupe_key),
    params: JSON.parse(String(r.params)),
  }));
}

export async function auditActions(t: TestDb, ticketId: number, prefix: string): Promise<string[]> {
  const sql = new Sql(t.db.sequelize, t.db.dialect, null);
  const rows = await sql.select<Row>('SELECT action FROM audit_entries WHERE ticket_id = ? ORDER BY id', [ticketId]);
  return rows.map((r) => String(r.action)).filter((a) => a.startsWith(prefix));
}
