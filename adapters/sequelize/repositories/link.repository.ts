import type { LinkRepository } from '../../../core/shared/store.port';
import type { StoredLink, StoredLinkType } from '../../../core/tickets/link.entity';
import { marks, toDate, toInt, type Row, type Sql } from '../sql';

const COLUMNS = 'id, from_id, to_id, type, created_at';

const toLink = (r: Row): StoredLink => ({
  id: toInt(r.id),
  fromId: toInt(r.from_id),
  toId: toInt(r.to_id),
  type: r.type as StoredLinkType,
  createdAt: toDate(r.created_at),
});

export class SqlLinkRepository implements LinkRepository {
  constructor(private readonly sql: Sql) {}

  async insert(l: { fromId: number; toId: number; type: StoredLinkType; createdById: number | null; at: Date }): Promise<number> {
    return this.sql.insert('INSERT INTO ticket_links (from_id, to_id, type, created_by_id, created_at) VALUES (?, ?, ?, ?, ?)', [
      l.fromId, l.toId, l.type, l.createdById, l.at,
    ]);
  }

  async get(id: number): Promise<StoredLink | null> {
    const r = await this.sql.one(`SELECT ${COLUMNS} FROM ticket_links WHERE id = ?`, [id]);
    return r && toLink(r);
  }

  async delete(id: number): Promise<void> {
    await this.sql.run('DELETE FROM ticket_links WHERE id = ?', [id]);
  }

  async listFor(ticketId: number): Promise<StoredLink[]> {
    // A UNION lets each end use its own index, where an OR would scan the table.
    const rows = await this.sql.select(
      `SELECT ${COLUMNS} FROM ticket_links WHERE from_id = ? UNION SELECT ${COLUMNS} FROM ticket_links WHERE to_id = ? ORDER BY id`,
      [ticketId, ticketId],
    );
    return rows.map(toLink);
  }

  async outgoing(fromIds: number[], type: StoredLinkType): Promise<StoredLink[]> {
    return this.byEnd('from_id', fromIds, type);
  }

  async incoming(toIds: number[], type: StoredLinkType): Promise<StoredLink[]> {
    return this.byEnd('to_id', toIds, type);
  }

  private async byEnd(column: 'from_id' | 'to_id', ids: number[], type: StoredLinkType): Promise<StoredLink[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const rows = await this.sql.select(
      `SELECT ${COLUMNS} FROM ticket_links WHERE ${column} IN (${marks(unique.length)}) AND type = ? ORDER BY id`,
      [...unique, type],
    );
    return rows.map(toLink);
  }
}
