import type { Transaction } from 'sequelize';
import { openDatabase, type Database } from '../../adapters/sequelize/database';
import { parseDatabaseUrl } from '../../adapters/sequelize/connection-url';
import { Sql, type Row } from '../../adapters/sequelize/sql';
import type { UnitOfWork } from '../../core/shared/store.port';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { workerUrl } = require('./mysql-databases') as { workerUrl: (base: string, worker: number) => string };

/**
 * The databases every storage test runs on. SQLite always (a fresh in-memory database per file);
 * MariaDB/MySQL too when TEST_MYSQL_URL is set (each jest worker on its own database: see mariadbUrl).
 *
 * reset() deletes every row of every table except schema_migrations, then puts back the rows the
 * migrations seeded (categories, default SLA policies, and whatever later migrations seed), exactly
 * as they were right after migrating. Auto-increment counters are not reset: ids keep growing
 * within a file, on both databases alike, so no test can come to rely on a particular id.
 */
export type TestDbName = 'sqlite' | 'mariadb';
export interface TestDb {
  name: TestDbName;
  db: Database;
  uow: UnitOfWork;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_DATABASES: TestDbName[] = process.env.TEST_MYSQL_URL ? ['sqlite', 'mariadb'] : ['sqlite'];

interface Seed {
  table: string;
  columns: string[];
  rows: unknown[][];
}

async function tables(db: Database): Promise<string[]> {
  const all = (await db.sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>;
  return all.map((t) => (typeof t === 'string' ? t : t.tableName)).filter((t) => t !== 'schema_migrations');
}

/** Runs `fn` on one pinned connection with foreign-key checks off, so tables empty in any order. */
async function withoutForeignKeys(db: Database, fn: (sql: Sql, tx: Transaction) => Promise<void>): Promise<void> {
  const q = db.sequelize;
  if (db.dialect === 'sqlite') {
    // The pragma is ignored inside a transaction: switch it around it (one in-memory connection).
    await q.query('PRAGMA foreign_keys = OFF');
    try {
      await q.transaction((tx) => fn(new Sql(q, 'sqlite', tx), tx));
    } finally {
      await q.query('PRAGMA foreign_keys = ON');
    }
    return;
  }
  await q.transaction(async (tx) => {
    await q.query('SET FOREIGN_KEY_CHECKS = 0', { transaction: tx });
    try {
      await fn(new Sql(q, 'mysql', tx), tx);
    } finally {
      await q.query('SET FOREIGN_KEY_CHECKS = 1', { transaction: tx });
    }
  });
}

async function snapshot(db: Database): Promise<Seed[]> {
  const sql = new Sql(db.sequelize, db.dialect, null);
  const seeds: Seed[] = [];
  for (const table of await tables(db)) {
    const rows = await sql.select<Row>(`SELECT * FROM ${Sql.id(table)}`);
    if (!rows.length) continue;
    const columns = Object.keys(rows[0]);
    seeds.push({ table, columns, rows: rows.map((r) => columns.map((c) => r[c])) });
  }
  return seeds;
}

async function restore(db: Database, seeds: Seed[]): Promise<void> {
  const names = await tables(db);
  await withoutForeignKeys(db, async (sql) => {
    for (const table of names) await sql.run(`DELETE FROM ${Sql.id(table)}`);
    for (const s of seeds) {
      const cols = s.columns.map(Sql.id).join(', ');
      for (const row of s.rows) {
        await sql.run(`INSERT INTO ${Sql.id(s.table)} (${cols}) VALUES (${row.map(() => '?').join(', ')})`, row);
      }
    }
  });
}

/** Drops every table, ours or not, so each MariaDB test file starts from the migrations alone. */
async function dropEverything(db: Database): Promise<void> {
  const all = (await db.sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>;
  await withoutForeignKeys(db, async (_sql, tx) => {
    for (const t of all) {
      const table = typeof t === 'string' ? t : t.tableName;
      await db.sequelize.query(`DROP TABLE IF EXISTS ${Sql.id(table)}`, { transaction: tx });
    }
  });
}

/**
 * This worker's own MariaDB database: TEST_MYSQL_URL's name + `_w<worker>` (created by jest's
 * globalSetup), so files running in parallel never wipe each other's tables. Tests that open a
 * second connection (a second instance) use this URL too.
 */
export function mariadbUrl(): string {
  const base = process.env.TEST_MYSQL_URL;
  if (!base) throw new Error('TEST_MYSQL_URL is not set: mariadb tests need e.g. mysql://root@127.0.0.1:3306/helpdesk_test');
  const url: string = workerUrl(base, Number(process.env.JEST_WORKER_ID ?? '1'));
  const target = parseDatabaseUrl(url);
  // Every table of this database is dropped: refuse anything that does not look like a test database.
  // TEST_MYSQL_WIPE=yes: the developer says this database is a scratch one whatever its name.
  if (target.dialect !== 'mysql' || (!/test/i.test(target.database) && process.env.TEST_MYSQL_WIPE !== 'yes')) {
    throw new Error(`TEST_MYSQL_URL must name a MySQL database whose name contains "test" (it is wiped), got "${target.dialect === 'mysql' ? target.database : url}"`);
  }
  return url;
}

export async function openTestDb(name: TestDbName): Promise<TestDb> {
  const db = name === 'sqlite' ? await openDatabase('sqlite::memory:') : await openDatabase(mariadbUrl(), { poolMax: 10 });
  try {
    if (name === 'mariadb') await dropEverything(db);
    await db.migrate();
  } catch (err) {
    await db.close();
    throw err;
  }
  const seeds = await snapshot(db);
  return { name, db, uow: db.uow, reset: () => restore(db, seeds), close: () => db.close() };
}
