import type { ExternalRefRepository } from '../../../core/shared/store.port';
import type { ExternalRef } from '../../../core/tickets/link.entity';
import { toDate, toInt, toStrOrNull, type Row, type Sql } from '../sql';

const COLUMNS = 'id, ticket_id, system, ref_key, url, created_at';

const toRef = (r: Row): ExternalRef => ({
  id: toInt(r.id),
  ticketId: toInt(r.ticket_id),
  system: String(r.system),
  key: String(r.ref_key),
  url: toStrOrNull(r.url),
  createdAt: toDate(r.created_at),
});

export class SqlExternalRefRepository implements ExternalRefRepository {
  constructor(private readonly sql: Sql) {}

  async insert(r: Omit<ExternalRef, 'id'>): Promise<number> {
    return this.sql.insert('INSERT INTO external_refs (ticket_id, system, ref_key, url, created_at) VALUES (?, ?, ?, ?, ?)', [
      r.ticketId, r.system, r.key, r.url, r.createdAt,
    ]);
  }

  async list(ticketId: number): Promise<ExternalRef[]> {
    return (await this.sql.select(`SELECT ${COLUMNS} FROM external_refs WHERE ticket_id = ? ORDER BY id`, [ticketId])).map(toRef);
  }

  async get(id: number): Promise<ExternalRef | null> {
    const r = await this.sql.one(`SELECT ${COLUMNS} FROM external_refs WHERE id = ?`, [id]);
    return r && toRef(r);
  }

  async delete(id: number): Promise<void> {
    await this.sql.run('DELETE FROM external_refs WHERE id = ?', [id]);
  }
}
