import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes } from 'sequelize';
import { parseDatabaseUrl } from '../../adapters/sequelize/connection-url';
import { openDatabase, type Database } from '../../adapters/sequelize/database';
import { formatDate, toBool, toDate } from '../../adapters/sequelize/sql';
import { mariadbUrl, openTestDb, TEST_DATABASES, type TestDb } from '../support/db';
import { addPerson } from './make';
import { MIGRATIONS_DIR } from '../../adapters/sequelize/migrator';

/** Every migration of the folder, in order: later issues add theirs (chat, knowledge base, reports...). */
const ALL_MIGRATIONS = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.js')).sort();

type IndexInfo = { name: string; unique: boolean; fields: Array<{ attribute: string }> };

/** Tables, columns and indexes as both dialects report them through Sequelize's query interface. */
async function describeSchema(db: Database) {
  const qi = db.sequelize.getQueryInterface();
  const names = ((await qi.showAllTables()) as Array<string | { tableName: string }>).map((t) => (typeof t === 'string' ? t : t.tableName)).sort();
  const schema: Record<string, { columns: string[]; indexes: string[] }> = {};
  for (const t of names) {
    const columns = Object.keys(await qi.describeTable(t)).sort();
    const indexes = ((await qi.showIndex(t)) as IndexInfo[])
      .map((i) => {
        const cols = i.fields.map((f) => f.attribute).join(',');
        // Names the database made up (primary key, column-level unique, MySQL's foreign-key indexes) differ by dialect.
        const madeUp = /^(PRIMARY|sqlite_autoindex)/.test(i.name) || i.name === cols;
        return `${i.unique ? 'unique ' : ''}(${cols})${madeUp ? '' : ` ${i.name}`}`;
      })
      .sort();
    schema[t] = { columns, indexes };
  }
  return schema;
}

describe('database URLs', () => {
  it('reads the three documented forms', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', storage: ':memory:' });
    expect(parseDatabaseUrl('sqlite:data/helpdesk.sqlite', '/srv/app')).toEqual({ dialect: 'sqlite', storage: '/srv/app/data/helpdesk.sqlite' });
    expect(parseDatabaseUrl('mysql://help%40desk:p%3Ass@db.local:3307/helpdesk')).toEqual({
      dialect: 'mysql', host: 'db.local', port: 3307, user: 'help@desk', password: 'p:ss', database: 'helpdesk',
    });
    expect(parseDatabaseUrl('mysql://root@127.0.0.1/helpdesk')).toMatchObject({ port: 3306, password: '' });
  });

  it('says how to fix a wrong URL without echoing its password', () => {
    expect(() => parseDatabaseUrl('postgres://u:secret@h/db')).toThrow(/Unsupported database URL scheme "postgres".*mysql:\/\/user:password@host/);
    expect(() => parseDatabaseUrl('postgres://u:secret@h/db')).not.toThrow(/secret/);
    expect(() => parseDatabaseUrl('mysql://u:secret@h')).toThrow(/database name/);
  });
});

describe('values between JavaScript and the databases', () => {
  it('writes UTC dates with milliseconds, in the text form each dialect compares correctly', () => {
    const d = new Date('2026-03-02T08:30:00.045Z');
    expect(formatDate(d, 'mysql')).toBe('2026-03-02 08:30:00.045');
    expect(formatDate(d, 'sqlite')).toBe('2026-03-02 08:30:00.045 +00:00');
    expect(() => formatDate(new Date('nope'), 'mysql')).toThrow(/Invalid Date/);
  });

  it('reads dates whether the driver gives Date objects or strings (dateStrings), as UTC unless told otherwise', () => {
    const d = new Date('2026-03-02T08:30:00.045Z');
    expect(toDate(d)).toBe(d);
    expect(toDate('2026-03-02 08:30:00.045')).toEqual(d);
    expect(toDate('2026-03-02 08:30:00.045 +00:00')).toEqual(d);
    expect(toDate('2026-03-02 10:30:00.045 +02:00')).toEqual(d);
    expect(toDate('2026-03-02T08:30:00.045123Z')).toEqual(d);
    expect(toDate('2026-03-02 08:30:00')).toEqual(new Date('2026-03-02T08:30:00Z'));
    expect(() => toDate('yesterday')).toThrow(/Not a date/);
    expect([1, '1', true, 0, '0', false, null].map(toBool)).toEqual([true, true, true, false, false, false, false]);
  });
});

describe('SQLite file databases', () => {
  let dir: string;
  let cwd: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-db-'));
    cwd = process.cwd();
    process.chdir(dir);
  });
  afterAll(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder, uses WAL, enforces foreign keys and waits when the file is busy', async () => {
    const db = await openDatabase('sqlite:data/sub/helpdesk.sqlite');
    try {
      expect(fs.existsSync(path.join(dir, 'data/sub/helpdesk.sqlite'))).toBe(true);
      expect(await db.migrate()).toEqual(ALL_MIGRATIONS);
      const pragma = (sql: string, transaction?: never) =>
        db.sequelize.query(sql, { type: QueryTypes.SELECT, raw: true, transaction }) as Promise<Array<Record<string, unknown>>>;
      expect((await pragma('PRAGMA journal_mode'))[0]).toEqual({ journal_mode: 'wal' });
      // Transactions run on their own connection on file databases: check the settings there.
      await db.sequelize.transaction(async (tx) => {
        expect((await pragma('PRAGMA foreign_keys', tx as never))[0]).toEqual({ foreign_keys: 1 });
        expect((await pragma('PRAGMA busy_timeout', tx as never))[0]).toEqual({ timeout: 5000 });
      });
      await expect(db.uow.transaction((s) => s.services.insert({ slug: 'x', name: 'X', leadId: 999 }))).rejects.toThrow(/FOREIGN KEY/);
      const id = await db.uow.transaction((s) => addPerson(s, { email: 'File@Example.com' }));
      expect((await db.uow.read.people.get(id))?.email).toBe('file@example.com');
    } finally {
      await db.close();
    }
  });
});

describe.each(TEST_DATABASES)('database on %s', (name) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(name);
  });
  afterAll(() => t.close());

  it('migrates up, down and up again to the same tables and indexes', async () => {
    const first = await describeSchema(t.db);
    expect(Object.keys(first)).toEqual(expect.arrayContaining([
      'api_tokens', 'audit_entries', 'categories', 'comments', 'external_refs', 'idempotency_keys', 'people',
      'schema_migrations', 'service_members', 'services', 'settings', 'sla_policies', 'ticket_assignees',
      'ticket_links', 'ticket_watchers', 'tickets',
      // issue 3 (chat)
      'channel_bindings', 'inbound_events', 'ticket_messages',
    ]));
    expect(first.channel_bindings.indexes).toEqual(expect.arrayContaining(['unique (platform,channel_id,purpose) channel_bindings_channel']));
    expect(first.ticket_messages.indexes).toEqual(expect.arrayContaining(['(platform,channel_id,thread_ts) ticket_messages_thread', '(ticket_id,kind) ticket_messages_ticket']));
    // The named indexes the queries rely on, identical on both databases.
    expect(first.tickets.indexes).toEqual(expect.arrayContaining([
      '(service_id,status,priority,resolve_due_at,id) tickets_queue',
      '(requester_id,id) tickets_requester',
      '(status,resolve_due_at) tickets_status_due',
      '(status,priority,resolve_due_at,id) tickets_status_priority',
      '(updated_at,id) tickets_updated',
    ]));
    expect(first.people.indexes).toEqual(expect.arrayContaining(['unique (email)', 'unique (phone)', 'unique (slack_user_id)', 'unique (aad_object_id)', '(role,id) people_role']));
    expect(first.ticket_links.indexes).toEqual(expect.arrayContaining(['unique (from_id,type,to_id) ticket_links_from', '(to_id,type) ticket_links_to']));
    expect(first.sla_policies.indexes).toContain('unique (priority,service_id) sla_policies_key');

    expect(await t.db.migrate()).toEqual([]);
    await t.db.rollback();
    expect(Object.keys(await describeSchema(t.db))).toEqual(['schema_migrations']);
    expect(await t.db.migrate()).toEqual(ALL_MIGRATIONS);
    expect(await describeSchema(t.db)).toEqual(first);
    expect((await t.uow.read.categories.list()).map((c) => c.slug)).toEqual(['hardware', 'software', 'network', 'access', 'other']);
  });

  it('answers the health check, and says false once closed', async () => {
    expect(await t.db.ping()).toBe(true);
    const other = name === 'sqlite' ? await openDatabase('sqlite::memory:') : await openDatabase(mariadbUrl());
    expect(await other.ping()).toBe(true);
    await other.close();
    expect(await other.ping()).toBe(false);
  });

  it('lets an observer count the statements sent, until it unsubscribes', async () => {
    const seen: string[] = [];
    const stop = t.db.onQuery((sql) => seen.push(sql));
    await t.uow.read.tickets.get(123456);
    await t.uow.transaction((s) => s.tickets.get(654321));
    stop();
    await t.uow.read.tickets.get(123456);
    expect(seen[0]).toMatch(/^SELECT [\s\S]* FROM tickets t\b[\s\S]*WHERE t\.id = 123456\b/);
    expect(seen.some((s) => /^(START TRANSACTION|BEGIN)/.test(s))).toBe(true);
    expect(seen.some((s) => /^COMMIT/.test(s))).toBe(true);
    expect(seen).toHaveLength(4);
  });

  if (name === 'mariadb') {
    it('talks to MariaDB in UTC and utf8mb4', async () => {
      const [row] = (await t.db.sequelize.query('SELECT @@session.time_zone AS tz, @@character_set_connection AS cs', { type: QueryTypes.SELECT })) as Array<Record<string, string>>;
      expect(row).toEqual({ tz: '+00:00', cs: 'utf8mb4' });
    });
  }
});
