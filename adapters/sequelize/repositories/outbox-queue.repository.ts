import type { OutboxEntry, OutboxState } from '../../../core/notifications/outbox.port';
import type { AttemptRecord, HeldGroup, OutboxListQuery, SendOutcome } from '../../../core/notifications/outbox-queue.port';
import { marks, toBool, toDate, toInt, toIntOrNull, toStrOrNull, type Sql } from '../sql';
import { OUTBOX_COLUMNS, toOutboxEntry } from './outbox.row';

const clip = (s: string) => s.slice(0, 500);

/** The worker's queries on the outbox; each runs inside the short transaction the worker opened. */
export class SqlOutboxQueue {
  constructor(private readonly sql: Sql) {}

  async claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxEntry[]> {
    // MySQL/MariaDB: rows another instance is claiming right now are skipped, not waited for.
    // SQLite has one writer at a time, so the plain read is already exclusive.
    const lock = this.sql.dialect === 'mysql' ? ' FOR UPDATE SKIP LOCKED' : '';
    const due = await this.sql.select(
      `SELECT id FROM outbox WHERE state = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ${Number(limit)}${lock}`,
      [now],
    );
    // A lease that ran out means its sender died mid-send: the row is taken again (at-least-once).
    const stale = due.length < limit
      ? await this.sql.select(`SELECT id FROM outbox WHERE state = 'sending' AND lease_until < ? ORDER BY lease_until, id LIMIT ${Number(limit - due.length)}${lock}`, [now])
      : [];
    const ids = await this.headsOfLanes([...due, ...stale].map((r) => toInt(r.id)));
    if (!ids.length) return [];
    await this.sql.run(`UPDATE outbox SET state = 'sending', lease_owner = ?, lease_until = ? WHERE id IN (${marks(ids.length)})`, [owner, leaseUntil, ...ids]);
    const rows = await this.sql.select(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE id IN (${marks(ids.length)}) ORDER BY due_at, id`, ids);
    return rows.map(toOutboxEntry);
  }

  /**
   * Messages about one ticket to one address go out in the order they were written (R15: a relayed
   * conversation reads in order): a candidate waits while an earlier row of its lane, outside this
   * claim, is still to be sent (retrying after an outage, or leased by another worker).
   */
  private async headsOfLanes(ids: number[]): Promise<number[]> {
    if (!ids.length) return ids;
    const lanes = await this.sql.select(`SELECT id, channel, address, ticket_id FROM outbox WHERE id IN (${marks(ids.length)})`, ids);
    const tickets = [...new Set(lanes.map((r) => toIntOrNull(r.ticket_id)).filter((t): t is number => t !== null))];
    if (!tickets.length) return ids;
    const earlier = await this.sql.select(
      `SELECT channel, address, ticket_id, MIN(id) AS first FROM outbox WHERE ticket_id IN (${marks(tickets.length)}) AND state IN ('pending', 'sending') AND id NOT IN (${marks(ids.length)}) GROUP BY channel, address, ticket_id`,
      [...tickets, ...ids],
    );
    const firstOutside = new Map(earlier.map((r) => [`${r.channel}\u0000${r.address}\u0000${toInt(r.ticket_id)}`, toInt(r.first)]));
    const blocked = new Set(
      lanes.filter((r) => {
        const first = firstOutside.get(`${r.channel}\u0000${r.address}\u0000${toIntOrNull(r.ticket_id)}`);
        return first !== undefined && first < toInt(r.id);
      }).map((r) => toInt(r.id)),
    );
    return ids.filter((id) => !blocked.has(id));
  }

  async settle(id: number, owner: string, outcome: SendOutcome, now: Date): Promise<boolean> {
    const mine = "WHERE id = ? AND lease_owner = ? AND state = 'sending'";
    switch (outcome.kind) {
      case 'sent':
        return (await this.sql.run(`UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL, lease_until = NULL ${mine}`, [now, id, owner])) > 0;
      case 'retry':
        return (
          (await this.sql.run(
            `UPDATE outbox SET state = 'pending', attempts = attempts + ?, due_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL ${mine}`,
            [outcome.counts ? 1 : 0, outcome.dueAt, clip(outcome.error), id, owner],
          )) > 0
        );
      case 'skipped':
        return (await this.sql.run(`UPDATE outbox SET state = 'skipped', attempts = attempts + 1, last_error = ?, lease_until = NULL ${mine}`, [clip(outcome.error), id, owner])) > 0;
      case 'failed':
        return (await this.sql.run(`UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, lease_until = NULL ${mine}`, [clip(outcome.error), id, owner])) > 0;
    }
  }

  async release(id: number, owner: string, dueAt: Date): Promise<void> {
    await this.sql.run("UPDATE outbox SET state = 'pending', due_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ? AND state = 'sending'", [dueAt, id, owner]);
  }

  async recordAttempt(a: AttemptRecord, at: Date): Promise<void> {
    await this.sql.run('INSERT INTO outbox_attempts (outbox_id, attempt, owner, ok, error, duration_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      a.outboxId,
      a.attempt,
      a.owner,
      a.ok,
      a.error === null ? null : clip(a.error),
      Math.round(a.durationMs),
      at,
    ]);
  }

  async attempts(outboxId: number): Promise<Array<AttemptRecord & { at: Date }>> {
    const rows = await this.sql.select('SELECT outbox_id, attempt, owner, ok, error, duration_ms, created_at FROM outbox_attempts WHERE outbox_id = ? ORDER BY id', [outboxId]);
    return rows.map((r) => ({
      outboxId: toInt(r.outbox_id),
      attempt: toInt(r.attempt),
      owner: String(r.owner),
      ok: toBool(r.ok),
      error: toStrOrNull(r.error),
      durationMs: toInt(r.duration_ms),
      at: toDate(r.created_at),
    }));
  }

  async list(q: OutboxListQuery): Promise<OutboxEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.state) (where.push('state = ?'), params.push(q.state));
    if (q.ticketId !== undefined) (where.push('ticket_id = ?'), params.push(q.ticketId));
    if (q.afterId !== undefined) (where.push('id > ?'), params.push(q.afterId));
    const rows = await this.sql.select(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox${where.length ? ' WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT ${Number(q.limit)}`,
      params,
    );
    return rows.map(toOutboxEntry);
  }

  async get(id: number): Promise<OutboxEntry | null> {
    const r = await this.sql.one(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE id = ?`, [id]);
    return r ? toOutboxEntry(r) : null;
  }

  async requeue(ids: number[], now: Date): Promise<number> {
    const set = "UPDATE outbox SET state = 'pending', attempts = 0, due_at = ?, lease_owner = NULL, lease_until = NULL WHERE state = 'failed'";
    return ids.length ? this.sql.run(`${set} AND id IN (${marks(ids.length)})`, [now, ...ids]) : this.sql.run(set, [now]);
  }

  async countByState(): Promise<Partial<Record<OutboxState, number>>> {
    const rows = await this.sql.select('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state');
    return Object.fromEntries(rows.map((r) => [String(r.state), toInt(r.n)]));
  }

  async heldGroups(now: Date): Promise<HeldGroup[]> {
    const rows = await this.sql.select(
      "SELECT DISTINCT person_id, channel, address FROM outbox WHERE state = 'held' AND digest_at <= ? ORDER BY person_id, channel, address",
      [now],
    );
    return rows.map((r) => ({ personId: toIntOrNull(r.person_id), channel: String(r.channel) as HeldGroup['channel'], address: String(r.address) }));
  }

  async held(g: HeldGroup, now: Date): Promise<OutboxEntry[]> {
    const person = g.personId === null ? 'person_id IS NULL' : 'person_id = ?';
    const rows = await this.sql.select(
      `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE state = 'held' AND digest_at <= ? AND ${person} AND channel = ? AND address = ? ORDER BY created_at, id`,
      [now, ...(g.personId === null ? [] : [g.personId]), g.channel, g.address],
    );
    return rows.map(toOutboxEntry);
  }

  async purge(before: Date): Promise<number> {
    // Attempts go with their rows (ON DELETE CASCADE); SQLite enforces it as foreign keys are on.
    const n = await this.sql.run("DELETE FROM outbox WHERE state IN ('sent', 'digested', 'skipped') AND created_at < ?", [before]);
    await this.sql.run('DELETE FROM notification_keys WHERE created_at < ?', [before]);
    return n;
  }

  async markDigested(ids: number[], digestId: number): Promise<void> {
    if (ids.length) await this.sql.run(`UPDATE outbox SET state = 'digested', digest_id = ? WHERE state = 'held' AND id IN (${marks(ids.length)})`, [digestId, ...ids]);
  }
}
