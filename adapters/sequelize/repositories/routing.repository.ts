import type { RoutingRepository } from '../../../core/routing/routing.port';
import type { Absence, RoutingMode, RoutingRule, ServiceRouting } from '../../../core/routing/routing.entity';
import { OPEN_STATUSES, type Status } from '../../../core/tickets/ticket.entity';
import { marks, toBool, toDate, toInt, toIntOrNull, toStrOrNull, type Row, type Sql } from '../sql';

const settingsOf = (r: Row): ServiceRouting => ({
  serviceId: toInt(r.service_id),
  mode: String(r.mode) as RoutingMode,
  acceptMinutes: toIntOrNull(r.accept_minutes),
  warnPercent: toInt(r.warn_percent),
  managersPercent: toInt(r.managers_percent),
  calendar: r.calendar_json ? JSON.parse(String(r.calendar_json)) : null,
});

export class SqlRoutingRepository implements RoutingRepository {
  constructor(private readonly sql: Sql) {}

  async settings(serviceId: number): Promise<ServiceRouting | null> {
    const r = await this.sql.one<Row>('SELECT * FROM service_routing WHERE service_id = ?', [serviceId]);
    return r ? settingsOf(r) : null;
  }

  async allSettings(): Promise<ServiceRouting[]> {
    return (await this.sql.select<Row>('SELECT * FROM service_routing ORDER BY service_id')).map(settingsOf);
  }

  async saveSettings(s: ServiceRouting, at: Date): Promise<void> {
    const changed = await this.sql.run(
      'UPDATE service_routing SET mode = ?, accept_minutes = ?, warn_percent = ?, managers_percent = ?, calendar_json = ?, updated_at = ? WHERE service_id = ?',
      [s.mode, s.acceptMinutes, s.warnPercent, s.managersPercent, s.calendar ? JSON.stringify(s.calendar) : null, at, s.serviceId],
    );
    if (changed === 0 && !(await this.settings(s.serviceId))) {
      await this.sql.run(
        'INSERT INTO service_routing (service_id, mode, accept_minutes, warn_percent, managers_percent, calendar_json, rr_counter, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)',
        [s.serviceId, s.mode, s.acceptMinutes, s.warnPercent, s.managersPercent, s.calendar ? JSON.stringify(s.calendar) : null, at],
      );
    }
  }

  async serviceCalendars() {
    const rows = await this.sql.select<Row>('SELECT service_id, calendar_json FROM service_routing WHERE calendar_json IS NOT NULL');
    return rows.map((r) => ({ serviceId: toInt(r.service_id), calendar: JSON.parse(String(r.calendar_json)) as unknown }));
  }

  async nextTurn(serviceId: number, at: Date): Promise<number> {
    await this.sql.run('UPDATE service_routing SET rr_counter = rr_counter + 1, updated_at = ? WHERE service_id = ?', [at, serviceId]);
    const r = await this.sql.one<Row>('SELECT rr_counter FROM service_routing WHERE service_id = ?', [serviceId]);
    return r ? toInt(r.rr_counter) : 0;
  }

  async rules(): Promise<RoutingRule[]> {
    const rows = await this.sql.select<Row>('SELECT * FROM routing_rules ORDER BY position, id');
    return rows.map((r) => ({
      id: toInt(r.id),
      position: toInt(r.position),
      name: String(r.name),
      conditions: JSON.parse(String(r.conditions_json)) as unknown[],
      serviceId: toInt(r.service_id),
      active: toBool(r.active),
    }));
  }

  async insertRule(r: Omit<RoutingRule, 'id'>, at: Date): Promise<number> {
    return this.sql.insert('INSERT INTO routing_rules (position, name, conditions_json, service_id, active, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      r.position, r.name, JSON.stringify(r.conditions), r.serviceId, r.active, at,
    ]);
  }

  async deleteRule(id: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM routing_rules WHERE id = ?', [id])) > 0;
  }

  async absentAt(personIds: number[], at: Date): Promise<number[]> {
    if (!personIds.length) return [];
    const rows = await this.sql.select<Row>(
      `SELECT DISTINCT person_id FROM person_absences WHERE person_id IN (${marks(personIds.length)}) AND starts_at <= ? AND ends_at > ?`,
      [...personIds, at, at],
    );
    return rows.map((r) => toInt(r.person_id));
  }

  async absences(personId: number, from: Date): Promise<Absence[]> {
    const rows = await this.sql.select<Row>('SELECT * FROM person_absences WHERE person_id = ? AND ends_at > ? ORDER BY starts_at, id', [personId, from]);
    return rows.map((r) => ({ id: toInt(r.id), personId: toInt(r.person_id), startsAt: toDate(r.starts_at), endsAt: toDate(r.ends_at), reason: toStrOrNull(r.reason) }));
  }

  async insertAbsence(a: Omit<Absence, 'id'>, at: Date): Promise<number> {
    return this.sql.insert('INSERT INTO person_absences (person_id, starts_at, ends_at, reason, created_at) VALUES (?, ?, ?, ?, ?)', [a.personId, a.startsAt, a.endsAt, a.reason, at]);
  }

  async deleteAbsence(id: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM person_absences WHERE id = ?', [id])) > 0;
  }

  async openLoad(personIds: number[]): Promise<Map<number, number>> {
    const load = new Map<number, number>(personIds.map((id) => [id, 0]));
    if (!personIds.length) return load;
    const statuses = OPEN_STATUSES as readonly Status[];
    const rows = await this.sql.select<Row>(
      `SELECT a.person_id, COUNT(*) AS n FROM ticket_assignees a JOIN tickets t ON t.id = a.ticket_id
        WHERE a.person_id IN (${marks(personIds.length)}) AND t.status IN (${marks(statuses.length)}) GROUP BY a.person_id`,
      [...personIds, ...statuses],
    );
    for (const r of rows) load.set(toInt(r.person_id), toInt(r.n));
    return load;
  }

  async unaccepted(serviceIds: number[], before: Date, limit: number) {
    if (!serviceIds.length) return [];
    const rows = await this.sql.select<Row>(
      `SELECT t.id, t.service_id, MAX(a.assigned_at) AS assigned_at FROM tickets t JOIN ticket_assignees a ON a.ticket_id = t.id
        WHERE t.status = 'assigned' AND t.service_id IN (${marks(serviceIds.length)})
        GROUP BY t.id, t.service_id HAVING MAX(a.assigned_at) <= ? ORDER BY t.id LIMIT ${Math.max(1, Math.floor(limit))}`,
      [...serviceIds, before],
    );
    return rows.map((r) => ({ id: toInt(r.id), serviceId: toInt(r.service_id), assignedAt: toDate(r.assigned_at) }));
  }
}
