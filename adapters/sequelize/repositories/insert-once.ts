import { marks, type Sql } from '../sql';

/**
 * An insert that reports 0 changed rows when the unique key already holds the row, on both databases.
 * Not `ON DUPLICATE KEY UPDATE`: mysql2 connects with FOUND_ROWS, so that form counts a clash as 1.
 */
export function insertOnceSql(sql: Sql, table: string, cols: string[]): string {
  const body = `INTO ${table} (${cols.join(', ')}) VALUES (${marks(cols.length)})`;
  return sql.dialect === 'mysql' ? `INSERT IGNORE ${body}` : `INSERT ${body} ON CONFLICT DO NOTHING`;
}
