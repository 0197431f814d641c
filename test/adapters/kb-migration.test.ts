import { createMigrator } from '../../adapters/sequelize/migrator';
import { openTestDb, TEST_DATABASES, type TestDb } from '../support/db';

/** The knowledge-base migration builds each dialect's full-text structure, and goes down and up again cleanly (R15, R17). */
describe.each(TEST_DATABASES)('R15 knowledge-base migration on %s', (name) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(name);
  });
  afterAll(() => t.close());

  const tables = async () =>
    ((await t.db.sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>)
      .map((x) => (typeof x === 'string' ? x : x.tableName))
      .filter((x) => x.startsWith('kb_'))
      .sort();

  const fullText = async (): Promise<string[]> => {
    if (name === 'sqlite') {
      const [rows] = await t.db.sequelize.query("SELECT sql FROM sqlite_master WHERE name = 'kb_articles_fts'");
      return (rows as Array<{ sql: string }>).map((r) => r.sql);
    }
    const [rows] = await t.db.sequelize.query("SELECT DISTINCT INDEX_NAME AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'kb_articles' AND INDEX_TYPE = 'FULLTEXT' ORDER BY n");
    return (rows as Array<{ n: string }>).map((r) => r.n);
  };

  it('creates articles, versions, ticket links and the full-text index, and reverts them', async () => {
    const kb = ['kb_article_versions', 'kb_articles', 'kb_ticket_articles'];
    if (name === 'sqlite') {
      expect(await tables()).toEqual(expect.arrayContaining([...kb, 'kb_articles_fts']));
      expect((await fullText())[0]).toMatch(/fts5\(title, body, tokenize = 'unicode61 remove_diacritics 2'\)/);
    } else {
      expect(await tables()).toEqual(kb);
      expect(await fullText()).toEqual(['kb_ft_all']);
    }
    const migrator = createMigrator(t.db.sequelize);
    await migrator.down({ to: '20261124020000-knowledge-base.js' });
    expect(await tables()).toEqual([]);
    expect((await migrator.up()).map((m) => m.name)).toContain('20261124020000-knowledge-base.js');
    expect((await tables()).length).toBeGreaterThanOrEqual(3);
    expect((await fullText()).length).toBeGreaterThan(0);
  });
});
