import type { DirectoryEntry, DirectoryRepository, GroupMap } from '../../../core/directory/directory.port';
import { marks, toBool, toInt, toIntOrNull, toStrOrNull, type Row, type Sql } from '../sql';

const toEntry = (r: Row): DirectoryEntry => ({
  objectId: String(r.object_id),
  personId: toInt(r.person_id),
  upn: toStrOrNull(r.upn),
  jobTitle: toStrOrNull(r.job_title),
  mobile: toStrOrNull(r.mobile),
  managerObjectId: toStrOrNull(r.manager_object_id),
  enabled: toBool(r.enabled),
});
const toMap = (r: Row): GroupMap => ({ id: toInt(r.id), groupRef: String(r.group_ref), role: r.role as GroupMap['role'], serviceId: toIntOrNull(r.service_id) });
const ENTRY = 'object_id, person_id, upn, job_title, mobile, manager_object_id, enabled';
/** IN lists stay well under every database's limit on bound values. */
const CHUNK = 500;

export class SqlDirectoryRepository implements DirectoryRepository {
  constructor(private readonly sql: Sql) {}

  async entries(objectIds: string[]): Promise<DirectoryEntry[]> {
    const out: DirectoryEntry[] = [];
    const unique = [...new Set(objectIds)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const part = unique.slice(i, i + CHUNK);
      out.push(...(await this.sql.select(`SELECT ${ENTRY} FROM directory_entries WHERE object_id IN (${marks(part.length)})`, part)).map(toEntry));
    }
    return out;
  }

  async save(e: DirectoryEntry, at: Date): Promise<void> {
    const params = [e.personId, e.upn, e.jobTitle, e.mobile, e.managerObjectId, e.enabled, at, e.objectId];
    const n = await this.sql.run('UPDATE directory_entries SET person_id = ?, upn = ?, job_title = ?, mobile = ?, manager_object_id = ?, enabled = ?, synced_at = ? WHERE object_id = ?', params);
    if (n === 0) await this.sql.run(`INSERT INTO directory_entries (person_id, upn, job_title, mobile, manager_object_id, enabled, synced_at, object_id) VALUES (${marks(8)})`, params);
  }

  async managerOf(personId: number): Promise<number | null> {
    const r = await this.sql.one(
      'SELECT m.person_id FROM directory_entries e JOIN directory_entries m ON m.object_id = e.manager_object_id WHERE e.person_id = ?',
      [personId],
    );
    return r ? toInt(r.person_id) : null;
  }

  async maps(): Promise<GroupMap[]> {
    return (await this.sql.select('SELECT id, group_ref, role, service_id FROM directory_groups ORDER BY id')).map(toMap);
  }

  async addMap(m: Omit<GroupMap, 'id'>, at: Date): Promise<number> {
    return this.sql.insert('INSERT INTO directory_groups (group_ref, role, service_id, created_at) VALUES (?, ?, ?, ?)', [m.groupRef, m.role, m.serviceId, at]);
  }

  async removeMap(id: number): Promise<boolean> {
    await this.sql.run('DELETE FROM directory_members WHERE map_id = ?', [id]);
    return (await this.sql.run('DELETE FROM directory_groups WHERE id = ?', [id])) > 0;
  }

  async members(mapId: number): Promise<number[]> {
    return (await this.sql.select('SELECT person_id FROM directory_members WHERE map_id = ? ORDER BY person_id', [mapId])).map((r) => toInt(r.person_id));
  }

  async addMember(mapId: number, personId: number): Promise<void> {
    await this.sql.run(this.sql.insertIgnoreSql('directory_members', ['map_id', 'person_id'], ['map_id', 'person_id']), [mapId, personId]);
  }

  async removeMember(mapId: number, personId: number): Promise<void> {
    await this.sql.run('DELETE FROM directory_members WHERE map_id = ? AND person_id = ?', [mapId, personId]);
  }

  async mapsOf(personId: number): Promise<GroupMap[]> {
    const rows = await this.sql.select('SELECT g.id, g.group_ref, g.role, g.service_id FROM directory_groups g JOIN directory_members d ON d.map_id = g.id WHERE d.person_id = ? ORDER BY g.id', [personId]);
    return rows.map(toMap);
  }
}
