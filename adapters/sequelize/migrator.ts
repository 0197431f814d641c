import fs from 'node:fs';
import path from 'node:path';
import { QueryTypes, type QueryInterface, type Sequelize } from 'sequelize';
import type mysql from 'mysql2/promise';
import type { MigrationParams, RunnableMigration, Umzug } from 'umzug';
import type { ConnectionTarget } from './connection-url';

/** The package's migrations/ folder, whether this runs from the sources or from the build in dist/. */
const up = path.resolve(__dirname, '..', '..');
export const MIGRATIONS_DIR = path.join(path.basename(up) === 'dist' ? path.dirname(up) : up, 'migrations');

type MigrationModule = {
  up: (p: MigrationParams<QueryInterface>) => Promise<unknown>;
  down?: (p: MigrationParams<QueryInterface>) => Promise<unknown>;
};

/**
 * The migration list is read from the folder and loaded with `require` ourselves: umzug's own glob
 * loader switches to `import()` when `require.main` is unset (jest, embedded use), which breaks CJS.
 */
function listMigrations(dir: string): Array<RunnableMigration<QueryInterface>> {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((file) => {
      const full = path.join(dir, file);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(full) as MigrationModule;
      if (typeof mod.up !== 'function') throw new Error(`Migration ${file} exports no up()`);
      return {
        name: file,
        path: full,
        up: (p) => mod.up(p),
        down: mod.down ? (p) => mod.down!(p) : undefined,
      };
    });
}

/**
 * True when every migration file is already recorded: the usual start, answered with one SELECT and
 * without loading umzug (and its command-line parser).
 */
export async function upToDate(sequelize: Sequelize, dir = MIGRATIONS_DIR): Promise<boolean> {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
  try {
    const rows = await sequelize.query<{ name: string }>('SELECT name FROM schema_migrations', { type: QueryTypes.SELECT, raw: true, logging: false });
    const done = new Set(rows.map((r) => r.name));
    return files.every((f) => done.has(f));
  } catch {
    return false; // no table yet: a fresh database
  }
}

export function createMigrator(sequelize: Sequelize, dir = MIGRATIONS_DIR): Umzug<QueryInterface> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SequelizeStorage, Umzug } = require('umzug') as typeof import('umzug');
  return new Umzug<QueryInterface>({
    migrations: () => listMigrations(dir),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations', modelName: 'SchemaMigration' }),
    logger: undefined,
  });
}

/**
 * Several instances may start at once on MySQL: a named lock, held on a connection of its own (not
 * one of the pool's, which may have a single slot), makes them run the migrations one after another.
 * SQLite's write lock and a single process make this unnecessary there.
 */
export async function withMigrationLock<T>(target: ConnectionTarget, work: () => Promise<T>): Promise<T> {
  if (target.dialect !== 'mysql') return work();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const driver = require('mysql2/promise') as typeof mysql;
  const conn = await driver.createConnection({
    host: target.host,
    port: target.port,
    user: target.user,
    password: target.password,
    database: target.database,
  });
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>("SELECT GET_LOCK('helpdesk_migrations', 120) AS got");
    if (Number(rows[0]?.got) !== 1) throw new Error('Another instance has been migrating for 2 minutes; retry when it is done.');
    try {
      return await work();
    } finally {
      await conn.query("SELECT RELEASE_LOCK('helpdesk_migrations')");
    }
  } finally {
    await conn.end();
  }
}
