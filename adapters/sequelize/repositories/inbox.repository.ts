import type { InboxEntry, InboxOutcome, InboxRepository, InboxSource, InboxState, NewInput } from '../../../core/chat/inbox.port';
import { isRetryableMysqlError } from '../unit-of-work';
import { marks, toDate, toDateOrNull, toInt, toStrOrNull, type Row, type Sql } from '../sql';

const COLUMNS = 'id, source, idempotency_key, payload, state, attempts, due_at, lease_owner, lease_until, last_error, created_at, done_at';
const clip = (s: string) => s.slice(0, 500);

/**
 * A claim's `FOR UPDATE` takes next-key locks on the due index, which an INSERT of a new input can
 * deadlock with on MySQL. Both statements are idempotent on their own: run the loser again.
 */
async function retrying<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= 5 || !isRetryableMysqlError(err)) throw err;
      await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * (attempt + 1)));
    }
  }
}

const toEntry = (r: Row): InboxEntry => ({
  id: toInt(r.id),
  source: String(r.source) as InboxSource,
  key: String(r.idempotency_key),
  payload: String(r.payload),
  state: String(r.state) as InboxState,
  attempts: toInt(r.attempts),
  dueAt: toDate(r.due_at),
  leaseOwner: toStrOrNull(r.lease_owner),
  leaseUntil: toDateOrNull(r.lease_until),
  lastError: toStrOrNull(r.last_error),
  createdAt: toDate(r.created_at),
  doneAt: toDateOrNull(r.done_at),
});

/** The inbox's queries; `claim` runs in the worker's short transaction, the others are one statement each. */
export class SqlInboxRepository implements InboxRepository {
  constructor(private readonly sql: Sql) {}

  async store(i: NewInput, at: Date): Promise<boolean> {
    const cols = ['source', 'idempotency_key', 'payload', 'state', 'attempts', 'due_at', 'lease_owner', 'lease_until', 'created_at'];
    const sql = this.sql.insertIgnoreSql('inbox', cols, ['source', 'idempotency_key']);
    const state = i.lease ? 'working' : 'pending';
    const changed = await retrying(() => this.sql.run(sql, [i.source, i.key.slice(0, 191), i.payload, state, 0, at, i.lease?.owner ?? null, i.lease?.until ?? null, at]));
    return changed > 0;
  }

  async claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<InboxEntry[]> {
    // MySQL/MariaDB: rows another instance is claiming right now are skipped, not waited for.
    // SQLite has one writer at a time, so the plain read is already exclusive.
    const lock = this.sql.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
    const due = await this.sql.select(`SELECT id FROM inbox WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ${Number(limit)}${lock}`, [now]);
    // A lease that ran out means its worker (or the request working inline) died: taken again.
    const stale = due.length < limit
      ? await this.sql.select(`SELECT id FROM inbox WHERE state = 'working' AND lease_until < ? ORDER BY lease_until, id LIMIT ${Number(limit - due.length)}${lock}`, [now])
      : [];
    const ids = [...due, ...stale].map((r) => toInt(r.id));
    if (!ids.length) return [];
    await this.sql.run(`UPDATE inbox SET state = 'working', lease_owner = ?, lease_until = ? WHERE id IN (${marks(ids.length)})`, [owner, leaseUntil, ...ids]);
    const rows = await this.sql.select(`SELECT ${COLUMNS} FROM inbox WHERE id IN (${marks(ids.length)}) ORDER BY id`, ids);
    return rows.map(toEntry);
  }

  settle(source: InboxSource, key: string, owner: string, outcome: InboxOutcome, now: Date): Promise<boolean> {
    return retrying(() => this.settleOnce(source, key, owner, outcome, now));
  }

  private async settleOnce(source: InboxSource, key: string, owner: string, outcome: InboxOutcome, now: Date): Promise<boolean> {
    const mine = "WHERE source = ? AND idempotency_key = ? AND lease_owner = ? AND state = 'working'";
    const k = [source, key.slice(0, 191), owner];
    switch (outcome.kind) {
      case 'done':
        return (await this.sql.run(`UPDATE inbox SET state = 'done', attempts = attempts + 1, done_at = ?, lease_until = NULL ${mine}`, [now, ...k])) > 0;
      case 'retry':
        return (await this.sql.run(
          `UPDATE inbox SET state = 'pending', attempts = attempts + 1, due_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL ${mine}`,
          [outcome.dueAt, clip(outcome.error), ...k],
        )) > 0;
      case 'failed':
        return (await this.sql.run(`UPDATE inbox SET state = 'failed', attempts = attempts + 1, last_error = ?, lease_until = NULL ${mine}`, [clip(outcome.error), ...k])) > 0;
    }
  }

  async list(q: { state?: InboxState; source?: InboxSource; limit: number; afterId?: number }): Promise<InboxEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.state) (where.push('state = ?'), params.push(q.state));
    if (q.source) (where.push('source = ?'), params.push(q.source));
    if (q.afterId !== undefined) (where.push('id > ?'), params.push(q.afterId));
    const rows = await this.sql.select(`SELECT ${COLUMNS} FROM inbox${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT ${Number(q.limit)}`, params);
    return rows.map(toEntry);
  }

  async requeue(ids: number[], now: Date): Promise<number> {
    const set = "UPDATE inbox SET state = 'pending', attempts = 0, due_at = ?, lease_owner = NULL, lease_until = NULL WHERE state = 'failed'";
    return ids.length ? this.sql.run(`${set} AND id IN (${marks(ids.length)})`, [now, ...ids]) : this.sql.run(set, [now]);
  }

  async countByState(): Promise<Array<{ source: string; state: string; count: number }>> {
    const rows = await this.sql.select('SELECT source, state, COUNT(*) AS n FROM inbox GROUP BY source, state');
    return rows.map((r) => ({ source: String(r.source), state: String(r.state), count: toInt(r.n) }));
  }

  async purge(before: Date): Promise<number> {
    return this.sql.run("DELETE FROM inbox WHERE state = 'done' AND due_at < ?", [before]);
  }
}
