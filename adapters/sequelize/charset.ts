import { QueryTypes, type Sequelize } from 'sequelize';

/**
 * Every MySQL/MariaDB table holds utf8mb4 (emoji, Cyrillic, CJK; a SQLite backup restores into it).
 * Migrations create tables in the database's default character set, which a server may still set to
 * latin1: the default is switched before migrating, and a database left with other tables is refused
 * at start with one line that names it and says how to fix it.
 */
export class DatabaseCharsetError extends Error {
  readonly code = 'database_charset';
}

const quote = (name: string) => '`' + name.replace(/`/g, '``') + '`';

/** Best effort: without the ALTER privilege the check after migrating says what to do. */
export async function preferUtf8mb4(sequelize: Sequelize, database: string): Promise<void> {
  await sequelize.query(`ALTER DATABASE ${quote(database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`).catch(() => undefined);
}

export async function assertUtf8mb4(sequelize: Sequelize, database: string): Promise<void> {
  const tables = await sequelize.query<{ name: string; collation: string | null }>(
    `SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND (TABLE_COLLATION IS NULL OR TABLE_COLLATION NOT LIKE 'utf8mb4%')`,
    { replacements: [database], type: QueryTypes.SELECT },
  );
  const columns = await sequelize.query<{ name: string; charset: string }>(
    `SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS name, CHARACTER_SET_NAME AS charset FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = ? AND CHARACTER_SET_NAME IS NOT NULL AND CHARACTER_SET_NAME <> 'utf8mb4'`,
    { replacements: [database], type: QueryTypes.SELECT },
  );
  const bad = [...tables.map((t) => `${t.name} (${t.collation ?? 'no collation'})`), ...columns.map((c) => `${c.name} (${c.charset})`)];
  if (!bad.length) return;
  const shown = bad.slice(0, 5).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
  throw new DatabaseCharsetError(
    `DATABASE_URL: database "${database}" is not utf8mb4 throughout: ${shown}; convert each with ALTER TABLE <table> CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci (and ALTER DATABASE \`${database}\` CHARACTER SET utf8mb4), or restore a backup into a database created with CHARACTER SET utf8mb4.`,
  );
}
