import type { AutomationRepository, TicketEvent } from '../../../core/automation/automation.port';
import type { Rule, Trigger } from '../../../core/automation/rule.entity';
import type { Status } from '../../../core/tickets/ticket.entity';
import { marks, toBool, toDate, toInt, toStrOrNull, type Row, type Sql } from '../sql';
import { insertOnceSql } from './insert-once';

const ruleOf = (r: Row): Rule => ({
  id: toInt(r.id),
  name: String(r.name),
  when: String(r.trigger_on) as Trigger,
  if: JSON.parse(String(r.conditions_json)),
  then: JSON.parse(String(r.actions_json)),
  active: toBool(r.active),
  builtin: toStrOrNull(r.builtin),
  updatedAt: toDate(r.updated_at),
});

const SINCE_COLUMN = { created: 'created_at', updated: 'updated_at', resolved: 'resolved_at', pending: 'pending_since' } as const;

export class SqlAutomationRepository implements AutomationRepository {
  constructor(private readonly sql: Sql) {}

  async rules(): Promise<Rule[]> {
    return (await this.sql.select<Row>('SELECT * FROM automation_rules ORDER BY id')).map(ruleOf);
  }

  async rule(id: number): Promise<Rule | null> {
    const r = await this.sql.one<Row>('SELECT * FROM automation_rules WHERE id = ?', [id]);
    return r ? ruleOf(r) : null;
  }

  async insertRule(r: Omit<Rule, 'id' | 'updatedAt'>, at: Date): Promise<number> {
    return this.sql.insert(
      'INSERT INTO automation_rules (name, trigger_on, conditions_json, actions_json, active, builtin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [r.name, r.when, JSON.stringify(r.if), JSON.stringify(r.then), r.active, r.builtin, at, at],
    );
  }

  async updateRule(id: number, r: Omit<Rule, 'id' | 'updatedAt' | 'builtin'>, at: Date): Promise<void> {
    await this.sql.run('UPDATE automation_rules SET name = ?, trigger_on = ?, conditions_json = ?, actions_json = ?, active = ?, updated_at = ? WHERE id = ?', [
      r.name, r.when, JSON.stringify(r.if), JSON.stringify(r.then), r.active, at, id,
    ]);
  }

  async deleteRule(id: number): Promise<void> {
    await this.sql.run('DELETE FROM automation_runs WHERE rule_id = ?', [id]);
    await this.sql.run('DELETE FROM automation_rules WHERE id = ?', [id]);
  }

  async claimRun(ruleId: number, ticketId: number, runKey: string, at: Date): Promise<boolean> {
    const sql = insertOnceSql(this.sql, 'automation_runs', ['rule_id', 'ticket_id', 'run_key', 'outcome', 'created_at']);
    return (await this.sql.run(sql, [ruleId, ticketId, runKey.slice(0, 120), 'running', at])) > 0;
  }

  async finishRun(ruleId: number, ticketId: number, runKey: string, outcome: 'done' | 'failed', error: string | null): Promise<void> {
    await this.sql.run('UPDATE automation_runs SET outcome = ?, error = ? WHERE rule_id = ? AND ticket_id = ? AND run_key = ?', [
      outcome, error ? error.slice(0, 500) : null, ruleId, ticketId, runKey.slice(0, 120),
    ]);
  }

  async runsOf(ticketId: number) {
    const rows = await this.sql.select<Row>('SELECT rule_id, run_key, outcome, error, created_at FROM automation_runs WHERE ticket_id = ? ORDER BY id', [ticketId]);
    return rows.map((r) => ({ ruleId: toInt(r.rule_id), runKey: String(r.run_key), outcome: String(r.outcome), error: toStrOrNull(r.error), at: toDate(r.created_at) }));
  }

  async eventsAfter(afterId: number, limit: number): Promise<TicketEvent[]> {
    const rows = await this.sql.select<Row>(
      `SELECT id, ticket_id, action, channel, actor_name, after_json, created_at FROM audit_entries
        WHERE id > ? AND entity = 'ticket' AND ticket_id IS NOT NULL ORDER BY id LIMIT ${Math.max(1, Math.floor(limit))}`,
      [afterId],
    );
    return rows.map((r) => ({
      auditId: toInt(r.id),
      ticketId: toInt(r.ticket_id),
      action: String(r.action),
      channel: String(r.channel),
      actorName: String(r.actor_name),
      after: r.after_json ? (JSON.parse(String(r.after_json)) as Record<string, unknown>) : null,
      at: toDate(r.created_at),
    }));
  }

  async ticketsIdleSince(statuses: Status[], since: keyof typeof SINCE_COLUMN, before: Date, afterId: number, limit: number) {
    if (!statuses.length) return [];
    const col = SINCE_COLUMN[since];
    const rows = await this.sql.select<Row>(
      `SELECT id, ${col} AS since, service_id FROM tickets WHERE status IN (${marks(statuses.length)}) AND ${col} <= ? AND id > ? ORDER BY id LIMIT ${Math.max(1, Math.floor(limit))}`,
      [...statuses, before, afterId],
    );
    return rows.map((r) => ({ id: toInt(r.id), since: toDate(r.since), serviceId: r.service_id === null ? null : toInt(r.service_id) }));
  }

  async runKeys(ruleId: number, ticketIds: number[]): Promise<Set<string>> {
    if (!ticketIds.length) return new Set();
    const rows = await this.sql.select<Row>(`SELECT ticket_id, run_key FROM automation_runs WHERE rule_id = ? AND ticket_id IN (${marks(ticketIds.length)})`, [ruleId, ...ticketIds]);
    return new Set(rows.map((r) => `${toInt(r.ticket_id)}|${String(r.run_key)}`));
  }

  async createdBetween(categoryId: number | null, from: Date, to: Date, limit: number) {
    const rows = await this.sql.select<Row>(
      `SELECT id, title, status, created_at FROM tickets WHERE ${categoryId === null ? 'category_id IS NULL' : 'category_id = ?'} AND created_at >= ? AND created_at <= ?
        ORDER BY created_at, id LIMIT ${Math.max(1, Math.floor(limit))}`,
      categoryId === null ? [from, to] : [categoryId, from, to],
    );
    return rows.map((r) => ({ id: toInt(r.id), title: String(r.title), status: String(r.status) as Status, createdAt: toDate(r.created_at) }));
  }

  async requesterCommentedSince(ticketId: number, requesterId: number, since: Date): Promise<boolean> {
    const r = await this.sql.one('SELECT id FROM comments WHERE ticket_id = ? AND author_id = ? AND created_at >= ? LIMIT 1', [ticketId, requesterId, since]);
    return r !== null;
  }
}
