import { openTestDb, TEST_DATABASES, type TestDb } from '../support/db';
import { Sql, type Row } from '../../adapters/sequelize/sql';
import { searchable } from '../../core/kb/kb-change';
import type { ArticleContent } from '../../core/kb/article.entity';

/**
 * The knowledge-base repository on its own (R15, R18): the full-text index follows every write, and
 * on SQLite survives its tables being rewritten row by row, as a table-by-table restore does.
 */
describe.each(TEST_DATABASES)('R15 R18 knowledge-base repository on %s', (name) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(name);
  });
  afterAll(() => t.close());

  const content = (title: string): ArticleContent => ({ kind: 'faq', title, body: 'Texte', category: null, tags: [], language: 'fr', audience: 'everyone' });
  const insert = async (title: string) => {
    const s = searchable(content(title));
    return t.uow.transaction((store) => store.kb.insert({ ...content(title), status: 'published', authorId: null }, s.title, s.body, new Date()));
  };
  const find = async (word: string) =>
    (await t.uow.read.kb.search({ terms: [word], statuses: ['published'], audiences: ['everyone'], limit: 10 })).map((h) => h.article.title);

  it('keeps the index in step with edits and deletions', async () => {
    const id = await insert('Imprimante bloquée');
    expect(await find('imprimant')).toEqual(['Imprimante bloquée']);
    const edited = { ...content('Scanner bloqué') };
    const s = searchable(edited);
    expect(await t.uow.transaction((store) => store.kb.update(id, 1, edited, s.title, s.body, new Date()))).toBe(true);
    expect(await find('imprimant')).toEqual([]);
    expect(await find('scanner')).toEqual(['Scanner bloqué']);
    expect(await t.uow.transaction((store) => store.kb.update(id, 1, edited, s.title, s.body, new Date()))).toBe(false);
    await t.uow.transaction((store) => store.kb.delete(id));
    expect(await find('scanner')).toEqual([]);
  });

  it('still searches and writes after its tables were put back row by row to an earlier state', async () => {
    const sql = new Sql(t.db.sequelize, t.db.dialect, null);
    const names = ((await t.db.sequelize.getQueryInterface().showAllTables()) as Array<string | { tableName: string }>)
      .map((x) => (typeof x === 'string' ? x : x.tableName))
      .filter((x) => x.startsWith('kb_'));
    // What a table-by-table backup holds (here: no article yet), then a write, then the restore.
    const saved = new Map<string, Row[]>();
    for (const n of names) saved.set(n, await sql.select(`SELECT * FROM ${Sql.id(n)}`));
    await insert('VPN depuis la maison');
    await t.db.sequelize.transaction(async (tx) => {
      const inTx = new Sql(t.db.sequelize, t.db.dialect, tx);
      for (const n of names) await inTx.run(`DELETE FROM ${Sql.id(n)}`);
      for (const n of names) {
        for (const r of saved.get(n)!) {
          const cols = Object.keys(r);
          await inTx.run(`INSERT INTO ${Sql.id(n)} (${cols.map(Sql.id).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, cols.map((c) => r[c]));
        }
      }
    });
    await insert('VPN : certificat');
    expect(await find('vpn')).toEqual(['VPN : certificat']);
    await insert('VPN depuis la maison');
    expect((await find('vpn')).sort()).toEqual(['VPN : certificat', 'VPN depuis la maison']);
  });
});
