import type { Role } from '../../../core/shared/actor';
import type { Locale } from '../../../core/i18n/catalogue';
import type { NewPerson, Person, PersonLookup, PersonPatch } from '../../../core/people/person.entity';
import type { PersonRepository } from '../../../core/shared/store.port';
import { marks, setClause, toBool, toDate, toInt, toStrOrNull, type Row, type Sql } from '../sql';

export const PERSON_COLUMNS = 'id, email, display_name, phone, locale, role, aad_object_id, slack_user_id, department, active, created_at';

/** Column of each patchable field; typed so a new Person field fails the build until mapped here. */
const PATCH_COLUMNS: { [K in keyof Required<PersonPatch>]: string } = {
  email: 'email',
  displayName: 'display_name',
  phone: 'phone',
  locale: 'locale',
  role: 'role',
  aadObjectId: 'aad_object_id',
  slackUserId: 'slack_user_id',
  department: 'department',
  active: 'active',
};

const LOOKUP_COLUMNS: Record<PersonLookup['by'], string> = {
  id: 'id',
  email: 'email',
  phone: 'phone',
  slackUserId: 'slack_user_id',
  aadObjectId: 'aad_object_id',
};

/** E-mail addresses are stored lower-cased so that look-ups ignore case on both databases. */
const normalEmail = (e: string | null | undefined) => (e == null ? e : e.trim().toLowerCase());

export function toPerson(r: Row): Person {
  return {
    id: toInt(r.id),
    email: toStrOrNull(r.email),
    displayName: String(r.display_name),
    phone: toStrOrNull(r.phone),
    locale: toStrOrNull(r.locale) as Locale | null,
    role: r.role as Role,
    aadObjectId: toStrOrNull(r.aad_object_id),
    slackUserId: toStrOrNull(r.slack_user_id),
    department: toStrOrNull(r.department),
    active: toBool(r.active),
    createdAt: toDate(r.created_at),
  };
}

export class SqlPersonRepository implements PersonRepository {
  constructor(private readonly sql: Sql) {}

  async get(id: number): Promise<Person | null> {
    const r = await this.sql.one(`SELECT ${PERSON_COLUMNS} FROM people WHERE id = ?`, [id]);
    return r && toPerson(r);
  }

  async find(lookup: PersonLookup): Promise<Person | null> {
    const value = lookup.by === 'email' ? normalEmail(lookup.value) : lookup.value;
    const r = await this.sql.one(`SELECT ${PERSON_COLUMNS} FROM people WHERE ${LOOKUP_COLUMNS[lookup.by]} = ?`, [value]);
    return r && toPerson(r);
  }

  async many(ids: number[]): Promise<Person[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const rows = await this.sql.select(`SELECT ${PERSON_COLUMNS} FROM people WHERE id IN (${marks(unique.length)}) ORDER BY id`, unique);
    return rows.map(toPerson);
  }

  async insert(p: NewPerson): Promise<number> {
    // NewPerson carries no time: the row is stamped with the wall clock.
    const now = new Date();
    return this.sql.insert(
      `INSERT INTO people (email, display_name, phone, locale, role, aad_object_id, slack_user_id, department, active, created_at, updated_at)
       VALUES (${marks(11)})`,
      [normalEmail(p.email), p.displayName, p.phone, p.locale, p.role, p.aadObjectId, p.slackUserId, p.department, p.active, now, now],
    );
  }

  async update(id: number, patch: PersonPatch): Promise<void> {
    const { sets, params } = setClause({ ...patch, email: patch.email === undefined ? undefined : normalEmail(patch.email) }, PATCH_COLUMNS, 'Person');
    sets.push('updated_at = ?');
    await this.sql.run(`UPDATE people SET ${sets.join(', ')} WHERE id = ?`, [...params, new Date(), id]);
  }

  async list(q: { role?: Role; text?: string; limit: number; afterId?: number }): Promise<Person[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.role) {
      where.push('role = ?');
      params.push(q.role);
    }
    const text = q.text?.trim();
    if (text) {
      const like = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
      where.push("(display_name LIKE ? ESCAPE '!' OR email LIKE ? ESCAPE '!')");
      params.push(like, like.toLowerCase());
    }
    if (q.afterId !== undefined) {
      where.push('id > ?');
      params.push(q.afterId);
    }
    if (!Number.isSafeInteger(q.limit) || q.limit < 0) throw new Error(`Invalid list limit: ${q.limit}`);
    const rows = await this.sql.select(
      `SELECT ${PERSON_COLUMNS} FROM people${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id LIMIT ${q.limit}`,
      params,
    );
    return rows.map(toPerson);
  }

  async serviceIdsOf(personId: number): Promise<number[]> {
    const rows = await this.sql.select('SELECT service_id FROM service_members WHERE person_id = ? ORDER BY service_id', [personId]);
    return rows.map((r) => toInt(r.service_id));
  }
}
