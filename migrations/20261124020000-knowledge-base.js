'use strict';
/**
 * Knowledge base (issue 8): articles, every version of them, and the tickets each one resolved.
 * Search indexes a normalised copy of title and body (accents folded, light stemming, written by the
 * repository) so that both databases find the same articles:
 * - MariaDB/MySQL: an InnoDB FULLTEXT index over those two columns;
 * - SQLite: an FTS5 table over the same normalised text, keyed by the article id.
 */
const { DataTypes } = require('sequelize');

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const str = (n, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const ts = (allowNull = false) => ({ type: DataTypes.DATE(3), allowNull });
const int0 = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
const ref = (table, onDelete, allowNull = true) => ({ type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' }, onDelete });
/** 50,000 characters may take 200 KB in UTF-8: beyond MySQL's TEXT; SQLite's TEXT has no such limit (nor options). */
const long = (mysql) => ({ type: mysql ? DataTypes.TEXT('medium') : DataTypes.TEXT, allowNull: false });
/** Content columns, shared by the article and each of its versions. */
const content = (mysql) => ({
  kind: str(16),
  title: str(200),
  body: long(mysql),
  category: str(64, true),
  tags_json: { type: DataTypes.TEXT, allowNull: false },
  language: str(2),
  audience: str(16),
});

module.exports = {
  async up({ context: qi }) {
    const mysql = qi.sequelize.getDialect() !== 'sqlite';
    await qi.createTable('kb_articles', {
      id,
      ...content(mysql),
      status: str(16),
      author_id: ref('people', 'SET NULL'),
      version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      view_count: int0(),
      helpful_count: int0(),
      search_title: { type: DataTypes.TEXT, allowNull: false },
      search_body: long(mysql),
      created_at: ts(),
      updated_at: ts(),
      published_at: ts(true),
    });
    // Listing and filtering without words: WHERE status/language/audience ORDER BY updated_at.
    await qi.addIndex('kb_articles', ['status', 'language', 'audience', 'updated_at'], { name: 'kb_articles_filter' });

    await qi.createTable('kb_article_versions', {
      id,
      article_id: ref('kb_articles', 'CASCADE', false),
      version: { type: DataTypes.INTEGER, allowNull: false },
      ...content(mysql),
      editor_id: ref('people', 'SET NULL'),
      editor_name: str(200),
      created_at: ts(),
    });
    await qi.addIndex('kb_article_versions', ['article_id', 'version'], { name: 'kb_article_versions_key', unique: true });

    await qi.createTable('kb_ticket_articles', {
      ticket_id: { ...ref('tickets', 'CASCADE', false), primaryKey: true },
      article_id: { ...ref('kb_articles', 'CASCADE', false), primaryKey: true },
      created_by_id: ref('people', 'SET NULL'),
      created_at: ts(),
    });
    // "How many tickets did this article resolve" reads from the article's end.
    await qi.addIndex('kb_ticket_articles', ['article_id', 'ticket_id'], { name: 'kb_ticket_articles_article' });

    if (mysql) {
      // One index over both columns: one full-text search per query (the title's weight is in its text).
      await qi.sequelize.query('ALTER TABLE kb_articles ADD FULLTEXT INDEX kb_ft_all (search_title, search_body)');
    } else {
      // remove_diacritics also folds what the repository may have missed (it normalises first anyway).
      await qi.sequelize.query("CREATE VIRTUAL TABLE kb_articles_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')");
    }
  },

  async down({ context: qi }) {
    if (qi.sequelize.getDialect() === 'sqlite') await qi.sequelize.query('DROP TABLE IF EXISTS kb_articles_fts');
    for (const t of ['kb_ticket_articles', 'kb_article_versions', 'kb_articles']) await qi.dropTable(t);
  },
};
