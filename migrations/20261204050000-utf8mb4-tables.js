'use strict';
/**
 * Tables created on a server whose default character set is latin1 held latin1 columns: emoji,
 * Cyrillic and CJK then failed, and a SQLite backup could not be restored. Every table becomes
 * utf8mb4 (MySQL/MariaDB only; SQLite text is always UTF-8). Going back would lose characters
 * latin1 cannot hold, so down leaves the tables as they are.
 */
module.exports = {
  async up({ context: qi }) {
    const q = qi.sequelize;
    if (q.getDialect() !== 'mysql' && q.getDialect() !== 'mariadb') return;
    const [[{ db }]] = await q.query('SELECT DATABASE() AS db');
    await q.query(`ALTER DATABASE \`${db.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`).catch(() => undefined);
    const [tables] = await q.query(
      `SELECT DISTINCT t.TABLE_NAME AS name FROM information_schema.TABLES t
         LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.CHARACTER_SET_NAME IS NOT NULL AND c.CHARACTER_SET_NAME <> 'utf8mb4'
        WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND (t.TABLE_COLLATION NOT LIKE 'utf8mb4%' OR c.COLUMN_NAME IS NOT NULL)`,
    );
    for (const { name } of tables) {
      await q.query(`ALTER TABLE \`${name.replace(/`/g, '``')}\` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
  },
  async down() {},
};
