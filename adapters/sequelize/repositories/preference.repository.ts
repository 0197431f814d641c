import type { DeliveryChannel, NotificationPreferences, Rhythm, ServiceIntake } from '../../../core/notifications/outbox.port';
import { toBool, toInt, toStrOrNull, type Row, type Sql } from '../sql';

const toIntake = (r: Row): ServiceIntake => ({
  serviceId: toInt(r.service_id),
  mailingList: toStrOrNull(r.mailing_list),
  oncallAfterMinutes: toInt(r.oncall_after_minutes),
});

/** People's notification preferences and services' intake settings (one row each, replaced whole). */
export class SqlPreferenceRepository {
  constructor(private readonly sql: Sql) {}

  async get(personId: number): Promise<NotificationPreferences | null> {
    const r = await this.sql.one('SELECT person_id, channels, rhythm, quiet_hours FROM notification_preferences WHERE person_id = ?', [personId]);
    if (!r) return null;
    const channels = String(r.channels).split(',').filter(Boolean) as DeliveryChannel[];
    return { personId, channels, rhythm: String(r.rhythm) as Rhythm, quietHours: toBool(r.quiet_hours) };
  }

  async set(p: NotificationPreferences, at: Date): Promise<void> {
    const values = [p.channels.join(','), p.rhythm, p.quietHours, at, p.personId];
    const n = await this.sql.run('UPDATE notification_preferences SET channels = ?, rhythm = ?, quiet_hours = ?, updated_at = ? WHERE person_id = ?', values);
    if (n === 0) {
      await this.sql.run('INSERT INTO notification_preferences (channels, rhythm, quiet_hours, updated_at, person_id) VALUES (?, ?, ?, ?, ?)', values);
    }
  }

  async intake(serviceId: number): Promise<ServiceIntake | null> {
    const r = await this.sql.one('SELECT service_id, mailing_list, oncall_after_minutes FROM service_intake WHERE service_id = ?', [serviceId]);
    return r ? toIntake(r) : null;
  }

  async intakes(): Promise<ServiceIntake[]> {
    return (await this.sql.select('SELECT service_id, mailing_list, oncall_after_minutes FROM service_intake ORDER BY service_id')).map(toIntake);
  }

  async setIntake(i: ServiceIntake, at: Date): Promise<void> {
    const values = [i.mailingList, i.oncallAfterMinutes, at, i.serviceId];
    const n = await this.sql.run('UPDATE service_intake SET mailing_list = ?, oncall_after_minutes = ?, updated_at = ? WHERE service_id = ?', values);
    if (n === 0) await this.sql.run('INSERT INTO service_intake (mailing_list, oncall_after_minutes, updated_at, service_id) VALUES (?, ?, ?, ?)', values);
  }
}
