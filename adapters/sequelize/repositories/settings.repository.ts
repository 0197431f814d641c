import type { SlaPolicy } from '../../../core/sla/sla-policy';
import type { SettingsRepository } from '../../../core/shared/store.port';
import type { Priority } from '../../../core/tickets/ticket.entity';
import { toInt, toIntOrNull, type Sql } from '../sql';

export class SqlSettingsRepository implements SettingsRepository {
  constructor(private readonly sql: Sql) {}

  async get<T>(key: string): Promise<T | null> {
    const r = await this.sql.one<{ value_json: string }>('SELECT value_json FROM settings WHERE `key` = ?', [key]);
    return r ? (JSON.parse(r.value_json) as T | null) : null;
  }

  async set(key: string, value: unknown, at: Date): Promise<void> {
    const insert = 'INSERT INTO settings (`key`, value_json, updated_at) VALUES (?, ?, ?)';
    const upsert =
      this.sql.dialect === 'mysql'
        ? `${insert} ON DUPLICATE KEY UPDATE value_json = VALUES(value_json), updated_at = VALUES(updated_at)`
        : `${insert} ON CONFLICT (\`key\`) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`;
    await this.sql.run(upsert, [key, JSON.stringify(value ?? null), at]);
  }

  async slaPolicies(): Promise<SlaPolicy[]> {
    const rows = await this.sql.select('SELECT priority, service_id, own_minutes, resolve_minutes FROM sla_policies ORDER BY priority, service_id, id');
    return rows.map((r) => ({
      priority: toInt(r.priority) as Priority,
      serviceId: toIntOrNull(r.service_id),
      ownMinutes: toInt(r.own_minutes),
      resolveMinutes: toInt(r.resolve_minutes),
    }));
  }

  /**
   * Upsert on (priority, service_id) done by hand: the unique index does not hold for the default
   * policies, whose service_id is NULL (NULLs never clash on either database).
   */
  async setSlaPolicy(p: SlaPolicy): Promise<void> {
    const match = p.serviceId === null ? 'service_id IS NULL' : 'service_id = ?';
    const key = p.serviceId === null ? [p.priority] : [p.priority, p.serviceId];
    const existing = await this.sql.one(`SELECT id FROM sla_policies WHERE priority = ? AND ${match} ORDER BY id`, key);
    if (existing) {
      await this.sql.run('UPDATE sla_policies SET own_minutes = ?, resolve_minutes = ? WHERE id = ?', [p.ownMinutes, p.resolveMinutes, existing.id]);
    } else {
      await this.sql.insert('INSERT INTO sla_policies (priority, service_id, own_minutes, resolve_minutes) VALUES (?, ?, ?, ?)', [
        p.priority, p.serviceId, p.ownMinutes, p.resolveMinutes,
      ]);
    }
  }
}
