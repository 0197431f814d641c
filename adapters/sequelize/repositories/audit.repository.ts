import type { AuditEntry, NewAuditEntry } from '../../../core/audit/audit.entity';
import type { Channel, Role } from '../../../core/shared/actor';
import type { AuditRepository } from '../../../core/shared/store.port';
import { marks, toDate, toInt, toIntOrNull, type Row, type Sql } from '../sql';

const COLUMNS = [
  'ticket_id', 'entity', 'entity_id', 'action', 'actor_person_id', 'actor_token_id', 'actor_role', 'actor_name',
  'channel', 'before_json', 'after_json', 'created_at',
];

const json = (v: Record<string, unknown> | null) => (v === null ? null : JSON.stringify(v));
const parse = (v: unknown) => (v === null || v === undefined ? null : (JSON.parse(String(v)) as Record<string, unknown>));

const toEntry = (r: Row): AuditEntry => ({
  id: toInt(r.id),
  ticketId: toIntOrNull(r.ticket_id),
  entity: r.entity as AuditEntry['entity'],
  entityId: toIntOrNull(r.entity_id),
  action: String(r.action),
  actorPersonId: toIntOrNull(r.actor_person_id),
  actorTokenId: toIntOrNull(r.actor_token_id),
  actorRole: r.actor_role as Role,
  actorName: String(r.actor_name),
  channel: r.channel as Channel,
  before: parse(r.before_json),
  after: parse(r.after_json),
  createdAt: toDate(r.created_at),
});

/** Append-only: there is deliberately no update or delete here. */
export class SqlAuditRepository implements AuditRepository {
  constructor(private readonly sql: Sql) {}

  async append(e: NewAuditEntry): Promise<number> {
    return this.sql.insert(`INSERT INTO audit_entries (${COLUMNS.join(', ')}) VALUES (${marks(COLUMNS.length)})`, [
      e.ticketId, e.entity, e.entityId, e.action, e.actorPersonId, e.actorTokenId, e.actorRole, e.actorName,
      e.channel, json(e.before), json(e.after), e.createdAt,
    ]);
  }

  async forTicket(ticketId: number): Promise<AuditEntry[]> {
    const rows = await this.sql.select(`SELECT id, ${COLUMNS.join(', ')} FROM audit_entries WHERE ticket_id = ? ORDER BY id`, [ticketId]);
    return rows.map(toEntry);
  }
}
