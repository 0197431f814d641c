import type { Service } from '../../../core/people/person.entity';
import type { ServiceRepository } from '../../../core/shared/store.port';
import { marks, toInt, toIntOrNull, type Row, type Sql } from '../sql';

export class SqlServiceRepository implements ServiceRepository {
  constructor(private readonly sql: Sql) {}

  async get(id: number): Promise<Service | null> {
    return (await this.load('WHERE id = ?', [id]))[0] ?? null;
  }

  async findBySlug(slug: string): Promise<Service | null> {
    return (await this.load('WHERE slug = ?', [slug]))[0] ?? null;
  }

  async list(): Promise<Service[]> {
    return this.load('', []);
  }

  async insert(s: { slug: string; name: string; leadId: number | null }): Promise<number> {
    return this.sql.insert('INSERT INTO services (slug, name, lead_id, created_at) VALUES (?, ?, ?, ?)', [s.slug, s.name, s.leadId, new Date()]);
  }

  async update(id: number, patch: { name?: string; leadId?: number | null }): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    if (patch.name !== undefined) {
      sets.push('name = ?');
      params.push(patch.name);
    }
    if (patch.leadId !== undefined) {
      sets.push('lead_id = ?');
      params.push(patch.leadId);
    }
    if (!sets.length) return;
    await this.sql.run(`UPDATE services SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
  }

  async addMember(serviceId: number, personId: number): Promise<void> {
    // Idempotent: adding a member twice is not an error.
    await this.sql.run(this.sql.insertIgnoreSql('service_members', ['service_id', 'person_id'], ['service_id', 'person_id']), [serviceId, personId]);
  }

  async removeMember(serviceId: number, personId: number): Promise<void> {
    await this.sql.run('DELETE FROM service_members WHERE service_id = ? AND person_id = ?', [serviceId, personId]);
  }

  /** Services and their members in two queries, whatever the number of services. */
  private async load(where: string, params: unknown[]): Promise<Service[]> {
    const rows = await this.sql.select<Row>(`SELECT id, slug, name, lead_id FROM services ${where} ORDER BY id`, params);
    if (!rows.length) return [];
    const ids = rows.map((r) => toInt(r.id));
    const members = await this.sql.select<Row>(
      `SELECT service_id, person_id FROM service_members WHERE service_id IN (${marks(ids.length)}) ORDER BY service_id, person_id`,
      ids,
    );
    return rows.map((r) => {
      const id = toInt(r.id);
      return {
        id,
        slug: String(r.slug),
        name: String(r.name),
        leadId: toIntOrNull(r.lead_id),
        memberIds: members.filter((m) => toInt(m.service_id) === id).map((m) => toInt(m.person_id)),
      };
    });
  }
}
