import { AsyncLocalStorage } from 'node:async_hooks';
import { QueryTypes, Sequelize, Transaction, type Options } from 'sequelize';
import type { UnitOfWork } from '../../core/shared/store.port';
import { createMissingDatabase, isUnknownDatabase, missingOrDenied } from './create-database';
import { parseDatabaseUrl, type ConnectionTarget } from './connection-url';
import { createMigrator, upToDate, withMigrationLock } from './migrator';
import { assertUtf8mb4, preferUtf8mb4 } from './charset';
import type { Dialect } from './sql';
import { SequelizeUnitOfWork } from './unit-of-work';
import { Sql } from './sql';
import { SqlInboxRepository } from './repositories/inbox.repository';
import type { InboxRepository } from '../../core/chat/inbox.port';
import { registerConfigCache } from './config-cache';

export type { Dialect } from './sql';

/** Connections of the receivers' own pool (one INSERT each, a few milliseconds): a few serve hundreds per second. */
const INGEST_POOL_MAX = 4;

export interface Database {
  sequelize: Sequelize;
  dialect: Dialect;
  uow: UnitOfWork;
  /** Runs pending migrations of <repo>/migrations and returns the names run. */
  migrate(): Promise<string[]>;
  /** Reverts every migration (tests check that up/down/up works). */
  rollback(): Promise<void>;
  /** SELECT 1 with a short timeout; false instead of throwing (for /healthz). */
  ping(): Promise<boolean>;
  /** Observes every SQL statement sent; returns the unsubscribe function. */
  onQuery(listener: (sql: string) => void): () => void;
  /**
   * Where receivers store chat inputs before their ack: on MySQL a small pool of its own, so an ack
   * never waits for a connection the workers hold; on SQLite the one writer everything shares.
   */
  ingest(): Pick<InboxRepository, 'store'>;
  /**
   * Collects into `into` the statements `fn` and what it starts send (a request's own, for benches and
   * tests), except those of work started through `untraced` (the outbox sender woken by a commit).
   */
  traced(into: string[], fn: () => void): void;
  untraced<T>(fn: () => T): T;
  close(): Promise<void>;
}

const SQLITE_BUSY_TIMEOUT_MS = 5000;
const PING_TIMEOUT_MS = 2000;

type SqliteConnection = { configure(option: 'busyTimeout', ms: number): void; uuid?: string };
type SqliteConnectionManager = {
  getConnection(o?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(c: SqliteConnection, force?: boolean): unknown;
  destroyConnection?(c: SqliteConnection): Promise<unknown>;
};

/**
 * Sequelize opens a new SQLite connection per transaction on file databases (and closes it after),
 * and offers no hook for it: here each new connection is given its busy timeout (another process may
 * hold the file lock), and transactions reuse one kept connection while it is free (opening a
 * database file per ticket was the create's largest cost). Ours run one at a time (unit-of-work.ts);
 * any other transaction meanwhile gets a connection of its own, as before.
 */
function tuneSqliteConnections(sequelize: Sequelize, storage: string): void {
  const cm = sequelize.connectionManager as unknown as SqliteConnectionManager;
  const getConnection = cm.getConnection.bind(cm);
  const releaseConnection = cm.releaseConnection.bind(cm);
  const configured = new WeakSet<object>();
  const configure = (conn: SqliteConnection) => {
    if (!configured.has(conn)) {
      configured.add(conn);
      conn.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
    }
    return conn;
  };
  const keep = storage !== ':memory:';
  let kept: SqliteConnection | null = null;
  let keptBusy = false;
  cm.getConnection = async (options?: { uuid?: string }) => {
    const forTransaction = keep && options?.uuid !== undefined && options.uuid !== 'default';
    if (forTransaction && !keptBusy) {
      keptBusy = true;
      try {
        kept ??= configure(await getConnection({ ...options, uuid: 'helpdesk-transactions' }));
      } catch (err) {
        keptBusy = false;
        throw err;
      }
      return kept;
    }
    return configure(await getConnection(options));
  };
  cm.releaseConnection = (conn: SqliteConnection, force?: boolean) => {
    if (conn === kept && !force) {
      keptBusy = false;
      return undefined;
    }
    return releaseConnection(conn, force);
  };
  if (cm.destroyConnection) {
    const destroy = cm.destroyConnection.bind(cm);
    cm.destroyConnection = async (conn: SqliteConnection) => {
      if (conn === kept) {
        // A transaction that failed to begin: start the next one on a fresh connection.
        kept = null;
        keptBusy = false;
        conn.uuid = 'helpdesk-transactions';
        return releaseConnection(conn, true);
      }
      return destroy(conn);
    };
  }
}

function sequelizeOptions(target: ConnectionTarget, logging: (sql: string) => void, poolMax?: number): Options {
  if (target.dialect === 'sqlite') {
    return { dialect: 'sqlite', storage: target.storage, logging, transactionType: Transaction.TYPES.IMMEDIATE };
  }
  return {
    dialect: 'mysql',
    host: target.host,
    port: target.port,
    username: target.user,
    password: target.password,
    database: target.database,
    logging,
    // Sequelize issues SET time_zone = '+00:00' on each connection: DATETIME values are UTC.
    timezone: '+00:00',
    pool: { max: poolMax ?? 10, min: 0, idle: 10_000, acquire: 10_000 },
    dialectOptions: { charset: 'utf8mb4', connectTimeout: 5000, supportBigNumbers: true, bigNumberStrings: false },
    define: { charset: 'utf8mb4' },
  };
}

export async function openDatabase(url: string, opts: { poolMax?: number } = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  const listeners = new Set<(sql: string) => void>();
  const trace = new AsyncLocalStorage<string[]>();
  const logging = (message: string) => {
    const into = trace.getStore();
    if (listeners.size === 0 && !into) return;
    const sql = message.replace(/^Execut(?:ing|ed) \([^)]*\): /, '');
    into?.push(sql);
    for (const l of listeners) {
      // An observer must never break the query it watches.
      try {
        l(sql);
      } catch {
        /* ignored on purpose */
      }
    }
  };
  const sequelize = new Sequelize(sequelizeOptions(target, logging, opts.poolMax));
  const dialect: Dialect = target.dialect;

  if (target.dialect === 'sqlite') {
    tuneSqliteConnections(sequelize, target.storage);
    // foreign_keys is switched on by Sequelize for every connection it opens.
    if (target.storage !== ':memory:') await sequelize.query('PRAGMA journal_mode = WAL');
  } else {
    // Fail at start, with the pool closed, rather than on the first request.
    const mysqlTarget = target;
    await sequelize.authenticate().catch(async (err: unknown) => {
      if (!isUnknownDatabase(err)) {
        await sequelize.close();
        throw missingOrDenied(err, mysqlTarget) ?? err;
      }
      await createMissingDatabase(mysqlTarget).catch(async (e: unknown) => {
        await sequelize.close();
        throw e;
      });
      await sequelize.authenticate();
    });
  }

  const config = registerConfigCache(sequelize);
  // A database in memory has no other instance to hear from.
  if (target.dialect !== 'sqlite' || target.storage !== ':memory:') config.startPolling();
  let umzug: ReturnType<typeof createMigrator> | null = null;
  const migrator = () => (umzug ??= createMigrator(sequelize));
  const uow = new SequelizeUnitOfWork(sequelize, dialect);
  let ingestPool: Sequelize | null = null;

  return {
    sequelize,
    dialect,
    uow,
    async migrate() {
      const mysql = target.dialect === 'mysql';
      if (await upToDate(sequelize)) {
        // Up to date, yet a table someone created by hand in latin1 still stops the start.
        if (mysql) await assertUtf8mb4(sequelize, target.database);
        return [];
      }
      if (mysql) await preferUtf8mb4(sequelize, target.database);
      const run = await withMigrationLock(target, () => migrator().up());
      config.invalidate();
      if (mysql) await assertUtf8mb4(sequelize, target.database);
      return run.map((m) => m.name);
    },
    async rollback() {
      await withMigrationLock(target, () => migrator().down({ to: 0 }));
      config.invalidate();
    },
    async ping() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      });
      const probe = sequelize.query('SELECT 1 AS ok', { type: QueryTypes.SELECT, raw: true }).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([probe, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    traced(into, fn) {
      trace.run(into, fn);
    },
    untraced(fn) {
      return trace.exit(fn);
    },
    onQuery(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    ingest() {
      if (target.dialect === 'sqlite') return uow.read.inbox;
      ingestPool ??= new Sequelize(sequelizeOptions(target, logging, INGEST_POOL_MAX));
      return new SqlInboxRepository(new Sql(ingestPool, 'mysql', null));
    },
    async close() {
      await ingestPool?.close();
      config.stop();
      await sequelize.close();
    },
  };
}
