import type { Person } from '../../../core/people/person.entity';
import type { Role } from '../../../core/shared/actor';
import type { ApiToken, TokenRepository } from '../../../core/shared/store.port';
import { toDateOrNull, toInt, toIntOrNull, type Row, type Sql } from '../sql';
import { PERSON_COLUMNS, toPerson } from './person.repository';

const toToken = (r: Row): ApiToken => ({
  id: toInt(r.id),
  name: String(r.name),
  role: r.role as Role,
  personId: toIntOrNull(r.person_id),
  revokedAt: toDateOrNull(r.revoked_at),
});

/** Only hashes are stored; a revoked token is still found so the caller can say why it is refused. */
export class SqlTokenRepository implements TokenRepository {
  constructor(private readonly sql: Sql) {}

  async insert(t: { name: string; hash: string; role: Role; personId: number | null; at: Date }): Promise<number> {
    return this.sql.insert('INSERT INTO api_tokens (name, token_hash, role, person_id, created_at) VALUES (?, ?, ?, ?, ?)', [
      t.name, t.hash, t.role, t.personId, t.at,
    ]);
  }

  async findByHash(hash: string): Promise<ApiToken | null> {
    const r = await this.sql.one('SELECT id, name, role, person_id, revoked_at FROM api_tokens WHERE token_hash = ?', [hash]);
    return r && toToken(r);
  }

  /**
   * One statement on every API request: the token, its person, and one row per service of that
   * person (a LEFT JOIN rather than GROUP_CONCAT, which MySQL truncates at 1024 bytes).
   */
  async authenticate(hash: string): Promise<{ token: ApiToken; person: Person | null; serviceIds: number[] } | null> {
    const personColumns = PERSON_COLUMNS.split(', ').map((c) => `p.${c}`).join(', ');
    const rows = await this.sql.select<Row>(
      `SELECT tk.id AS token_id, tk.name AS token_name, tk.role AS token_role, tk.person_id AS token_person_id,
         tk.revoked_at AS token_revoked_at, ${personColumns}, sm.service_id AS member_of
       FROM api_tokens tk
       LEFT JOIN people p ON p.id = tk.person_id
       LEFT JOIN service_members sm ON sm.person_id = p.id
       WHERE tk.token_hash = ? ORDER BY sm.service_id`,
      [hash],
    );
    if (!rows.length) return null;
    const r = rows[0];
    const token = toToken({ id: r.token_id, name: r.token_name, role: r.token_role, person_id: r.token_person_id, revoked_at: r.token_revoked_at });
    return {
      token,
      person: r.id == null ? null : toPerson(r),
      serviceIds: rows.filter((x) => x.member_of != null).map((x) => toInt(x.member_of)),
    };
  }

  async list(): Promise<ApiToken[]> {
    return (await this.sql.select('SELECT id, name, role, person_id, revoked_at FROM api_tokens ORDER BY id')).map(toToken);
  }

  async revoke(id: number, at: Date): Promise<void> {
    // The first revocation time is the one that counts.
    await this.sql.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id]);
  }
}
