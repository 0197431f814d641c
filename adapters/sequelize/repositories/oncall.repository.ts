import type { OnCallShift } from '../../../core/notifications/outbox.port';
import { toDate, toInt, type Row, type Sql } from '../sql';

const COLUMNS = 'id, service_id, person_id, starts_at, ends_at';
const toShift = (r: Row): OnCallShift => ({
  id: toInt(r.id),
  serviceId: toInt(r.service_id),
  personId: toInt(r.person_id),
  startsAt: toDate(r.starts_at),
  endsAt: toDate(r.ends_at),
});

/** The on-call rota: who answers for a service, from when to when. */
export class SqlOnCallRepository {
  constructor(private readonly sql: Sql) {}

  async at(serviceId: number, at: Date): Promise<OnCallShift[]> {
    const rows = await this.sql.select(`SELECT ${COLUMNS} FROM oncall_shifts WHERE service_id = ? AND starts_at <= ? AND ends_at > ? ORDER BY starts_at, id`, [serviceId, at, at]);
    return rows.map(toShift);
  }

  async list(serviceId: number): Promise<OnCallShift[]> {
    return (await this.sql.select(`SELECT ${COLUMNS} FROM oncall_shifts WHERE service_id = ? ORDER BY starts_at, id`, [serviceId])).map(toShift);
  }

  add(s: Omit<OnCallShift, 'id'>, at: Date): Promise<number> {
    return this.sql.insert('INSERT INTO oncall_shifts (service_id, person_id, starts_at, ends_at, created_at) VALUES (?, ?, ?, ?, ?)', [s.serviceId, s.personId, s.startsAt, s.endsAt, at]);
  }

  async delete(id: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM oncall_shifts WHERE id = ?', [id])) > 0;
  }
}
