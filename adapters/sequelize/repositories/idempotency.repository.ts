import type { IdempotencyRepository } from '../../../core/shared/store.port';
import { toInt, type Sql } from '../sql';

export class SqlIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly sql: Sql) {}

  async find(scope: string, key: string): Promise<number | null> {
    const r = await this.sql.one('SELECT ticket_id FROM idempotency_keys WHERE scope = ? AND idem_key = ?', [scope, key]);
    return r ? toInt(r.ticket_id) : null;
  }

  /** A plain INSERT on purpose: the primary key makes the second delivery fail and roll back. */
  async remember(scope: string, key: string, ticketId: number, at: Date): Promise<void> {
    await this.sql.run('INSERT INTO idempotency_keys (scope, idem_key, ticket_id, created_at) VALUES (?, ?, ?, ?)', [scope, key, ticketId, at]);
  }
}
