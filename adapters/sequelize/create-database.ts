import mysql from 'mysql2/promise';

type MysqlTarget = { host: string; port: number; user: string; password: string; database: string };

/** The one line an operator needs when the database is missing and cannot be created for them. */
export class DatabaseMissingError extends Error {
  readonly code = 'database_missing';
  constructor(t: MysqlTarget, why: string) {
    const db = t.database.replace(/`/g, '');
    super(
      `Database "${db}" does not exist on ${t.host}:${t.port} or user "${t.user}" may not use it, and the helpdesk may not create it (${why}). ` +
        `As a MySQL admin run: CREATE DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; ` +
        `GRANT ALL PRIVILEGES ON \`${db}\`.* TO '${t.user}'@'%'; then start again.`,
    );
    this.name = 'DatabaseMissingError';
  }
}

const errno = (err: unknown) => {
  const e = err as { original?: { errno?: number }; parent?: { errno?: number }; errno?: number };
  return e?.original?.errno ?? e?.parent?.errno ?? e?.errno;
};

/** MySQL's "Unknown database" (ER_BAD_DB_ERROR), however Sequelize wraps it. */
export const isUnknownDatabase = (err: unknown): boolean => errno(err) === 1049;

/** ER_DBACCESS_DENIED_ERROR: MySQL says this, not "unknown", to a user without rights on a missing database. */
export function missingOrDenied(err: unknown, t: MysqlTarget): DatabaseMissingError | undefined {
  return errno(err) === 1044 ? new DatabaseMissingError(t, 'access denied') : undefined;
}

/**
 * A first start on MySQL creates its database (utf8mb4, as the migrations expect) when the user may;
 * otherwise it stops with the statements to run, instead of the driver's bare "Unknown database".
 */
export async function createMissingDatabase(t: MysqlTarget): Promise<void> {
  const conn = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password, connectTimeout: 5000 });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${t.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } catch (e) {
    throw new DatabaseMissingError(t, (e as Error).message.split('\n')[0]);
  } finally {
    await conn.end();
  }
}
