import type { ErasureTarget, PersonalRows, PrivacyRepository } from '../../../core/people/privacy.port';
import { Sql, toDate, type Row } from '../sql';

const MAX_ROWS = 10_000;

/** Dates as ISO text, everything else as stored: the export is read by people and by programs. */
const clean = (rows: Row[]): PersonalRows =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /_at$/.test(k) && v !== null && v !== undefined ? toDate(v).toISOString() : v])));

const contactsOf = (f: ErasureTarget['former']) => [f.email, f.phone].filter((x): x is string => !!x);
const platformIds = (f: ErasureTarget['former']) => [f.slackUserId, f.aadObjectId?.toLowerCase()].filter((x): x is string => !!x);
const inList = (xs: unknown[]) => (xs.length ? `IN (${xs.map(() => '?').join(', ')})` : 'IN (NULL)');

export class SqlPrivacyRepository implements PrivacyRepository {
  constructor(private readonly sql: Sql) {}

  async collect(personId: number, former: ErasureTarget['former']): Promise<Record<string, PersonalRows>> {
    const q = async (sql: string, params: unknown[]) => clean(await this.sql.select<Row>(`${sql} LIMIT ${MAX_ROWS}`, params));
    const contacts = contactsOf(former);
    const ids = platformIds(former);
    return {
      person: await q('SELECT id, display_name, email, phone, locale, role, department, aad_object_id, slack_user_id, active, created_at, updated_at FROM people WHERE id = ?', [personId]),
      tickets_requested: await q('SELECT id, title, description, status, created_at, updated_at, resolved_at, closed_at FROM tickets WHERE requester_id = ? ORDER BY id', [personId]),
      tickets_filed_for_others: await q('SELECT id, title, requester_id, created_at FROM tickets WHERE created_by_id = ? AND requester_id <> ? ORDER BY id', [personId, personId]),
      tickets_assigned: await q('SELECT ticket_id, assigned_at FROM ticket_assignees WHERE person_id = ? ORDER BY ticket_id', [personId]),
      tickets_watched: await q('SELECT ticket_id FROM ticket_watchers WHERE person_id = ? ORDER BY ticket_id', [personId]),
      comments: await q('SELECT id, ticket_id, body, internal, channel, created_at FROM comments WHERE author_id = ? ORDER BY id', [personId]),
      attachments: await q('SELECT id, ticket_id, filename, content_type, size, created_at FROM attachments WHERE uploaded_by_id = ? ORDER BY id', [personId]),
      audit: await q('SELECT id, ticket_id, entity, entity_id, action, actor_role, channel, created_at FROM audit_entries WHERE actor_person_id = ? ORDER BY id', [personId]),
      services: await q('SELECT service_id FROM service_members WHERE person_id = ? ORDER BY service_id', [personId]),
      articles_written: await q('SELECT id, title, status, created_at FROM kb_articles WHERE author_id = ? ORDER BY id', [personId]),
      api_tokens: await q('SELECT id, name, role, created_at, revoked_at FROM api_tokens WHERE person_id = ? ORDER BY id', [personId]),
      chat_conversations: await q(`SELECT platform, conversation_type, conversation_id, updated_at FROM conversation_refs WHERE user_id ${inList(ids)} ORDER BY conversation_id`, ids),
      notification_preferences: await q('SELECT channels, rhythm, quiet_hours, updated_at FROM notification_preferences WHERE person_id = ?', [personId]),
      notifications: await q(`SELECT id, channel, address, event, ticket_id, state, created_at FROM outbox WHERE person_id = ? OR address ${inList(contacts)} ORDER BY id`, [personId, ...contacts]),
      oncall_shifts: await q('SELECT service_id, starts_at, ends_at FROM oncall_shifts WHERE person_id = ? ORDER BY starts_at', [personId]),
      absences: await q('SELECT starts_at, ends_at, reason FROM person_absences WHERE person_id = ? ORDER BY starts_at', [personId]),
      report_subscription: await q('SELECT via, created_at FROM report_subscriptions WHERE person_id = ?', [personId]),
      report_deliveries: await q('SELECT report_id, target, status, sent_at FROM report_deliveries WHERE person_id = ? ORDER BY id', [personId]),
    };
  }

  async erase(t: ErasureTarget): Promise<Record<string, number>> {
    const { personId: id, former, at } = t;
    const contacts = contactsOf(former);
    const ids = platformIds(former);
    const done: Record<string, number> = {};
    const run = async (what: string, sql: string, params: unknown[]) => {
      done[what] = (done[what] ?? 0) + (await this.sql.run(sql, params));
    };
    await run('person', 'UPDATE people SET display_name = ?, email = NULL, phone = NULL, locale = NULL, aad_object_id = NULL, slack_user_id = NULL, department = NULL, active = ?, updated_at = ? WHERE id = ?',
      [t.replacementName, false, at, id]);
    await run('audit_names', 'UPDATE audit_entries SET actor_name = ? WHERE actor_person_id = ?', [t.replacementName, id]);
    // Names and contacts copied into audit snapshots and article versions are replaced in the text.
    for (const [from, to] of [[former.name, t.replacementName], ...contacts.map((c) => [c, '—'])] as Array<[string, string]>) {
      if (!from) continue;
      for (const col of ['before_json', 'after_json']) {
        await run('audit_traces', `UPDATE audit_entries SET ${col} = REPLACE(${col}, ?, ?) WHERE ${col} LIKE ?`, [from, to, `%${from}%`]);
      }
    }
    await this.scrubCopies(t, run);
    await run('article_versions', 'UPDATE kb_article_versions SET editor_name = ? WHERE editor_id = ?', [t.replacementName, id]);
    await run('service_memberships', 'DELETE FROM service_members WHERE person_id = ?', [id]);
    await run('api_tokens', 'UPDATE api_tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL', [at, id]);
    await run('chat_conversations', `DELETE FROM conversation_refs WHERE user_id ${inList(ids)}`, ids);
    await run('notification_preferences', 'DELETE FROM notification_preferences WHERE person_id = ?', [id]);
    const outbox = `SELECT id FROM outbox WHERE person_id = ? OR address ${inList(contacts)}`;
    await run('notification_attempts', `DELETE FROM outbox_attempts WHERE outbox_id IN (SELECT id FROM (${outbox}) o)`, [id, ...contacts]);
    await run('notifications', `DELETE FROM outbox WHERE id IN (SELECT id FROM (${outbox}) o)`, [id, ...contacts]);
    await run('oncall_shifts', 'DELETE FROM oncall_shifts WHERE person_id = ?', [id]);
    await run('absences', 'DELETE FROM person_absences WHERE person_id = ?', [id]);
    await run('report_subscription', 'DELETE FROM report_subscriptions WHERE person_id = ?', [id]);
    // Deliveries name the person's address (email:..., dm:slack:...): they go with the person.
    await run('report_deliveries', 'DELETE FROM report_deliveries WHERE person_id = ?', [id]);
    return done;
  }

  /**
   * The person's own audit trail holds what they were called and how they were reached before a
   * change (an earlier name, department, address): those snapshots are rewritten, and every earlier
   * name, address and id found there is replaced wherever it was copied as text (audit snapshots of
   * tickets, notification payloads written for others, stored reports, attachment names).
   */
  private async scrubCopies(t: ErasureTarget, run: (what: string, sql: string, params: unknown[]) => Promise<void>): Promise<void> {
    const traces = new Map<string, string>();
    const add = (v: unknown, to: string) => {
      if (typeof v === 'string' && v.trim().length >= 3 && v !== t.replacementName) traces.set(v, to);
    };
    add(t.former.name, t.replacementName);
    for (const v of [...contactsOf(t.former), ...platformIds(t.former)]) add(v, '—');
    const own = await this.sql.select<Row>("SELECT id, before_json, after_json FROM audit_entries WHERE entity = 'person' AND entity_id = ?", [t.personId]);
    for (const row of own) {
      const patch: Record<string, string | null> = {};
      for (const col of ['before_json', 'after_json'] as const) {
        const raw = row[col];
        if (typeof raw !== 'string' || !raw) continue;
        let snap: unknown;
        try {
          snap = JSON.parse(raw);
        } catch {
          continue;
        }
        if (!snap || typeof snap !== 'object' || Array.isArray(snap)) continue;
        const o = snap as Record<string, unknown>;
        for (const k of NAME_KEYS) if (k in o && o[k] !== null) (add(o[k], t.replacementName), (o[k] = t.replacementName));
        for (const k of CONTACT_KEYS) if (k in o && o[k] !== null) (add(o[k], '—'), (o[k] = null));
        patch[col] = JSON.stringify(o);
      }
      if (Object.keys(patch).length) {
        await run('audit_traces', `UPDATE audit_entries SET ${Object.keys(patch).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...Object.values(patch), row.id]);
      }
    }
    for (const [from, to] of traces) {
      // JSON columns hold the text escaped as JSON; the filename holds it as typed.
      const asJson = JSON.stringify(from).slice(1, -1);
      const toJson = JSON.stringify(to).slice(1, -1);
      for (const [what, table, col] of JSON_COPIES) await run(what, `UPDATE ${table} SET ${col} = REPLACE(${col}, ?, ?) WHERE ${col} LIKE ?`, [asJson, toJson, `%${asJson}%`]);
      await run('attachment_names', 'UPDATE attachments SET filename = REPLACE(filename, ?, ?) WHERE filename LIKE ?', [from, to, `%${from}%`]);
    }
  }
}

/** Keys of a person's own snapshots: the name is replaced, the rest cleared. */
const NAME_KEYS = ['displayName', 'name'];
const CONTACT_KEYS = ['email', 'phone', 'department', 'slackUserId', 'aadObjectId', 'jobTitle', 'mobilePhone', 'upn'];
const JSON_COPIES: Array<[string, string, string]> = [
  ['audit_traces', 'audit_entries', 'before_json'],
  ['audit_traces', 'audit_entries', 'after_json'],
  ['notification_payloads', 'outbox', 'params'],
  ['stored_reports', 'stored_reports', 'body'],
];
