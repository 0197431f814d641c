import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import type { Database } from './database';
import { Sql, toDate, type Row } from './sql';

/**
 * Backups (R18) of the whole database in a portable form: gzip'd JSON lines, one header, then per
 * table its columns and rows as arrays, with dates as ISO text. The same file restores on SQLite or
 * MySQL/MariaDB, so a trial on SQLite can move to MySQL, and a MySQL backup can be checked on a
 * laptop. The SQLite full-text table is not saved: it is rebuilt from the articles on restore.
 */
export const BACKUP_FORMAT = 1;
const PAGE = 1000;

const isDerived = (table: string) => table === 'schema_migrations' || table.startsWith('kb_articles_fts') || table.startsWith('sqlite_');

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

async function tablesOf(db: Database): Promise<string[]> {
  const all = (await db.sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>;
  return all.map((t) => (typeof t === 'string' ? t : t.tableName)).filter((t) => !isDerived(t)).sort();
}

async function appliedMigrations(db: Database): Promise<string[]> {
  const rows = await new Sql(db.sequelize, db.dialect, null).select<Row>('SELECT name FROM schema_migrations ORDER BY name');
  return rows.map((r) => String(r.name));
}

/** Column name -> true for date columns, from the database's own description of the table. */
async function describe(db: Database, table: string): Promise<Record<string, { type: string; primaryKey?: boolean }>> {
  return (await db.sequelize.getQueryInterface().describeTable(table)) as Record<string, { type: string; primaryKey?: boolean }>;
}

async function dateColumns(db: Database, table: string): Promise<Map<string, boolean>> {
  return new Map(Object.entries(await describe(db, table)).map(([c, d]) => [c, /DATE|TIME/i.test(d.type)]));
}

/** Pages follow the primary key (stable and index-served); a table without one, all its columns. */
async function pageOrder(db: Database, table: string): Promise<string> {
  const desc = await describe(db, table);
  const pk = Object.keys(desc).filter((c) => desc[c].primaryKey);
  return (pk.length ? pk : Object.keys(desc)).map(Sql.id).join(', ');
}

async function write(out: Writable, line: unknown): Promise<void> {
  if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
}

export interface BackupSummary {
  tables: number;
  rows: number;
  migrations: string[];
}

/** Streams every table page by page (ordered by its first column), so a large database fits in memory. */
export async function dumpDatabase(db: Database, target: Writable, at: Date): Promise<BackupSummary> {
  const gzip = createGzip();
  gzip.pipe(target);
  const finished = once(target, 'finish');
  const sql = new Sql(db.sequelize, db.dialect, null);
  const migrations = await appliedMigrations(db);
  const tables = await tablesOf(db);
  await write(gzip, { helpdesk_backup: BACKUP_FORMAT, created_at: at.toISOString(), dialect: db.dialect, migrations, tables });
  let total = 0;
  for (const table of tables) {
    const dates = await dateColumns(db, table);
    const columns = [...dates.keys()];
    await write(gzip, { table, columns });
    const order = await pageOrder(db, table);
    const list = columns.map(Sql.id).join(', ');
    for (let offset = 0; ; offset += PAGE) {
      const rows = await sql.select<Row>(`SELECT ${list} FROM ${Sql.id(table)} ORDER BY ${order} LIMIT ${PAGE} OFFSET ${offset}`);
      for (const r of rows) {
        await write(gzip, columns.map((c) => {
          const v = r[c];
          if (v === null || v === undefined) return null;
          if (dates.get(c)) return toDate(v).toISOString();
          // Binary columns (attachments) travel as base64, tagged so a restore knows to decode them.
          if (Buffer.isBuffer(v)) return { b64: v.toString('base64') };
          if (typeof v === 'bigint') return Number(v);
          // A JSON column read back as an object (mysql2) goes back in as its text.
          return typeof v === 'object' ? JSON.stringify(v) : v;
        }));
      }
      total += rows.length;
      if (rows.length < PAGE) break;
    }
  }
  gzip.end();
  await finished;
  return { tables: tables.length, rows: total, migrations };
}

/** Runs `fn` in one transaction whose foreign keys are checked at commit: tables load in any order. */
async function withoutForeignKeys(db: Database, fn: (sql: Sql) => Promise<void>): Promise<void> {
  const q = db.sequelize;
  if (db.dialect === 'sqlite') {
    // foreign_keys cannot change inside a transaction (and a file database gives each transaction its
    // own connection); deferring the checks to the commit works in both cases.
    await q.transaction(async (tx) => {
      await q.query('PRAGMA defer_foreign_keys = ON', { transaction: tx });
      await fn(new Sql(q, 'sqlite', tx));
    });
    return;
  }
  await q.transaction(async (tx) => {
    await q.query('SET FOREIGN_KEY_CHECKS = 0', { transaction: tx });
    try {
      await fn(new Sql(q, 'mysql', tx));
    } finally {
      await q.query('SET FOREIGN_KEY_CHECKS = 1', { transaction: tx });
    }
  });
}

/**
 * Replaces the database's content with a backup's, in one transaction: all or nothing. The database
 * is migrated first and must know every migration the backup was taken at (restoring an older
 * backup into a newer schema is fine: later columns take their defaults). Without `force`, refuses a
 * database that already holds tickets or people, so a typo cannot wipe production.
 */
export async function restoreDatabase(db: Database, source: Readable, opts: { force?: boolean } = {}): Promise<BackupSummary> {
  await db.migrate();
  const gunzip = createGunzip();
  // pipe() does not pass a source's error on: without this, an unreadable file is an unhandled 'error'.
  source.on('error', (err) => gunzip.destroy(err));
  const lines = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next().catch(() => ({ done: true, value: '' }));
  let header: { helpdesk_backup?: number; migrations?: string[]; tables?: string[] };
  try {
    header = first.done ? {} : JSON.parse(first.value);
  } catch {
    header = {};
  }
  if (header.helpdesk_backup !== BACKUP_FORMAT || !Array.isArray(header.migrations)) throw new BackupError('not a helpdesk backup file (or a newer format)');
  const known = new Set(await appliedMigrations(db));
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length) throw new BackupError(`the backup comes from a newer version (migrations ${unknown.join(', ')}): upgrade first`);
  const probe = new Sql(db.sequelize, db.dialect, null);
  const busy = await probe.one<Row>('SELECT (SELECT COUNT(*) FROM tickets) + (SELECT COUNT(*) FROM people) AS n');
  if (!opts.force && Number(busy?.n ?? 0) > 0) throw new BackupError('the database already holds tickets or people: restore into an empty database, or pass --force to replace everything');
  const tables = await tablesOf(db);
  let total = 0;
  await withoutForeignKeys(db, async (sql) => {
    for (const t of tables) await sql.run(`DELETE FROM ${Sql.id(t)}`);
    let table: string | null = null;
    let columns: string[] = [];
    let dates: boolean[] = [];
    let batch: unknown[][] = [];
    const flush = async () => {
      if (!batch.length || !table) return;
      const row = `(${columns.map(() => '?').join(', ')})`;
      await sql.run(`INSERT INTO ${Sql.id(table)} (${columns.map(Sql.id).join(', ')}) VALUES ${batch.map(() => row).join(', ')}`, batch.flat());
      total += batch.length;
      batch = [];
    };
    for (let next = await it.next(); !next.done; next = await it.next()) {
      if (!next.value.trim()) continue;
      const line = JSON.parse(next.value) as unknown;
      if (Array.isArray(line)) {
        if (!table) throw new BackupError('row before any table in the backup');
        batch.push(line.map((v, i) => {
          if (dates[i] && typeof v === 'string') return new Date(v);
          if (v && typeof v === 'object' && typeof (v as { b64?: unknown }).b64 === 'string') return Buffer.from((v as { b64: string }).b64, 'base64');
          return v;
        }));
        if (batch.length >= 200) await flush();
        continue;
      }
      await flush();
      const head = line as { table?: string; columns?: string[] };
      if (!head.table || !Array.isArray(head.columns)) throw new BackupError('unexpected line in the backup');
      if (!tables.includes(head.table)) throw new BackupError(`the backup has a table this version does not know: ${head.table}`);
      const here = await dateColumns(db, head.table);
      const missing = head.columns.filter((c) => !here.has(c));
      if (missing.length) throw new BackupError(`table ${head.table} has no column ${missing.join(', ')} here`);
      table = head.table;
      columns = head.columns;
      dates = columns.map((c) => here.get(c) === true);
    }
    await flush();
    if (db.dialect === 'sqlite') {
      // The search index is derived data: rebuilt from the restored articles' normalised text.
      await sql.run('DELETE FROM kb_articles_fts');
      await sql.run('INSERT INTO kb_articles_fts (rowid, title, body) SELECT id, search_title, search_body FROM kb_articles');
    }
  });
  return { tables: tables.length, rows: total, migrations: header.migrations };
}
