import type { Article, ArticleContent, ArticleKind, ArticleLanguage, ArticleStatus, ArticleVersion, Audience } from '../../../core/kb/article.entity';
import type { KbHit, KbRepository, KbSearchQuery, NewArticle } from '../../../core/kb/kb.port';
import { toDate, toDateOrNull, toInt, toIntOrNull, toStrOrNull, type Row, type Sql } from '../sql';
import { ARTICLE_COLUMNS, buildKbSearch } from './kb-search.query';

const tagsOf = (v: unknown): string[] => {
  const parsed: unknown = JSON.parse(String(v ?? '[]'));
  return Array.isArray(parsed) ? parsed.map(String) : [];
};

const contentOf = (r: Row): ArticleContent => ({
  kind: r.kind as ArticleKind,
  title: String(r.title),
  body: String(r.body),
  category: toStrOrNull(r.category),
  tags: tagsOf(r.tags_json),
  language: r.language as ArticleLanguage,
  audience: r.audience as Audience,
});

const toArticle = (r: Row): Article => ({
  id: toInt(r.id),
  ...contentOf(r),
  status: r.status as ArticleStatus,
  authorId: toIntOrNull(r.author_id),
  version: toInt(r.version),
  viewCount: toInt(r.view_count),
  helpfulCount: toInt(r.helpful_count),
  resolvedCount: toInt(r.resolved_count ?? 0),
  createdAt: toDate(r.created_at),
  updatedAt: toDate(r.updated_at),
  publishedAt: toDateOrNull(r.published_at),
});

const CONTENT_COLUMNS = ['kind', 'title', 'body', 'category', 'tags_json', 'language', 'audience'];
const contentParams = (c: ArticleContent) => [c.kind, c.title, c.body, c.category, JSON.stringify(c.tags), c.language, c.audience];

/** Enough candidates for the title-first ordering to see every title match of a page. */
const CANDIDATES = 40;
const query = (b: { sql: string; params: unknown[] }): [string, unknown[]] => [b.sql, b.params];

export class SqlKbRepository implements KbRepository {
  constructor(private readonly sql: Sql) {}

  async insert(a: NewArticle, searchTitle: string, searchBody: string, at: Date): Promise<number> {
    const cols = [...CONTENT_COLUMNS, 'status', 'author_id', 'version', 'search_title', 'search_body', 'created_at', 'updated_at', 'published_at'];
    const id = await this.sql.insert(`INSERT INTO kb_articles (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, [
      ...contentParams(a), a.status, a.authorId, 1, this.weighted(searchTitle), searchBody, at, at, a.status === 'published' ? at : null,
    ]);
    await this.index(id, searchTitle, searchBody, false);
    return id;
  }

  async get(id: number): Promise<Article | null> {
    const r = await this.sql.one(`SELECT ${ARTICLE_COLUMNS} FROM kb_articles a WHERE a.id = ?`, [id]);
    return r && toArticle(r);
  }

  async update(id: number, expectedVersion: number, c: ArticleContent, searchTitle: string, searchBody: string, at: Date): Promise<boolean> {
    const sets = [...CONTENT_COLUMNS, 'search_title', 'search_body', 'updated_at'].map((col) => `${col} = ?`);
    const changed = await this.sql.run(`UPDATE kb_articles SET ${sets.join(', ')}, version = version + 1 WHERE id = ? AND version = ?`, [
      ...contentParams(c), this.weighted(searchTitle), searchBody, at, id, expectedVersion,
    ]);
    if (changed !== 1) return false;
    await this.index(id, searchTitle, searchBody, true);
    return true;
  }

  async publish(id: number, at: Date): Promise<void> {
    await this.sql.run("UPDATE kb_articles SET status = 'published', published_at = ?, updated_at = ? WHERE id = ?", [at, at, id]);
  }

  async delete(id: number): Promise<void> {
    // Children first: SQLite only cascades with foreign keys on, and the FTS5 row has no key at all.
    await this.sql.run('DELETE FROM kb_ticket_articles WHERE article_id = ?', [id]);
    await this.sql.run('DELETE FROM kb_article_versions WHERE article_id = ?', [id]);
    if (this.sql.dialect === 'sqlite') await this.sql.run('DELETE FROM kb_articles_fts WHERE rowid = ?', [id]);
    await this.sql.run('DELETE FROM kb_articles WHERE id = ?', [id]);
  }

  async addVersion(v: ArticleVersion): Promise<void> {
    const cols = ['article_id', 'version', ...CONTENT_COLUMNS, 'editor_id', 'editor_name', 'created_at'];
    await this.sql.run(`INSERT INTO kb_article_versions (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, [
      v.articleId, v.version, ...contentParams(v), v.editorId, v.editorName, v.createdAt,
    ]);
  }

  async versions(articleId: number): Promise<ArticleVersion[]> {
    const rows = await this.sql.select(
      `SELECT article_id, version, ${CONTENT_COLUMNS.join(', ')}, editor_id, editor_name, created_at FROM kb_article_versions WHERE article_id = ? ORDER BY version`,
      [articleId],
    );
    return rows.map((r) => ({
      articleId: toInt(r.article_id),
      version: toInt(r.version),
      ...contentOf(r),
      editorId: toIntOrNull(r.editor_id),
      editorName: String(r.editor_name),
      createdAt: toDate(r.created_at),
    }));
  }

  async countView(id: number): Promise<void> {
    await this.sql.run('UPDATE kb_articles SET view_count = view_count + 1 WHERE id = ?', [id]);
  }

  async countHelpful(id: number): Promise<void> {
    await this.sql.run('UPDATE kb_articles SET helpful_count = helpful_count + 1 WHERE id = ?', [id]);
  }

  async search(q: KbSearchQuery): Promise<KbHit[]> {
    if (!q.statuses.length || !q.audiences.length) return [];
    const candidates = Math.max(CANDIDATES, q.limit);
    // Articles with every word first: when they fill the page, they are the answer, and the database
    // skips ranking every article that shares one common word with the question.
    let rows: Row[] = [];
    if (q.terms.length > 1) rows = await this.fts(() => this.sql.select(...query(buildKbSearch(q, this.sql.dialect, candidates, 'all'))));
    if (rows.length < q.limit) rows = await this.fts(() => this.sql.select(...query(buildKbSearch(q, this.sql.dialect, candidates, 'any'))));
    const hits = rows.map((r) => {
      const title = new Set(String(r.search_title).split(' '));
      const inTitle = (t: string) => (q.prefix ? [...title].some((w) => w.startsWith(t)) : title.has(t));
      return { article: toArticle(r), titleHits: q.terms.filter(inTitle).length, relevance: Number(r.relevance) || 0 };
    });
    // Title first, then the database's relevance: the same order on both databases.
    if (q.terms.length) hits.sort((x, y) => y.titleHits - x.titleHits || y.relevance - x.relevance || x.article.id - y.article.id);
    return hits.slice(0, q.limit);
  }

  async linkTicket(ticketId: number, articleId: number, byId: number | null, at: Date): Promise<void> {
    const sql = this.sql.insertIgnoreSql('kb_ticket_articles', ['ticket_id', 'article_id', 'created_by_id', 'created_at'], ['ticket_id', 'article_id']);
    await this.sql.run(sql, [ticketId, articleId, byId, at]);
  }

  async articlesOfTicket(ticketId: number): Promise<number[]> {
    const rows = await this.sql.select('SELECT article_id FROM kb_ticket_articles WHERE ticket_id = ? ORDER BY created_at, article_id', [ticketId]);
    return rows.map((r) => toInt(r.article_id));
  }

  async ticketsOfArticle(articleId: number): Promise<number[]> {
    const rows = await this.sql.select('SELECT ticket_id FROM kb_ticket_articles WHERE article_id = ? ORDER BY ticket_id', [articleId]);
    return rows.map((r) => toInt(r.ticket_id));
  }

  /**
   * InnoDB has no per-column weights: the title's words are stored three times so that its relevance
   * over title and body favours title matches. FTS5 weighs columns itself (bm25 weights).
   */
  private weighted(searchTitle: string): string {
    return this.sql.dialect === 'sqlite' || !searchTitle ? searchTitle : [searchTitle, searchTitle, searchTitle].join(' ');
  }

  /** SQLite keeps its FTS5 table in step here, in the same transaction; MariaDB's FULLTEXT follows the columns itself. */
  private async index(id: number, title: string, body: string, replace: boolean): Promise<void> {
    if (this.sql.dialect !== 'sqlite') return;
    await this.fts(async () => {
      if (replace) await this.sql.run('DELETE FROM kb_articles_fts WHERE rowid = ?', [id]);
      await this.sql.run('INSERT INTO kb_articles_fts (rowid, title, body) VALUES (?, ?, ?)', [id, title, body]);
    });
  }

  /**
   * FTS5 caches its index structure per connection. Whatever rewrites its shadow tables row by row
   * (a table-by-table restore, the test suite's reset) leaves that cache stale, and the next access
   * reports corruption. The index is derived data: rebuild it from its own content and retry once.
   */
  private async fts<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (this.sql.dialect !== 'sqlite' || !/SQLITE_CORRUPT/.test(String((e as Error | null)?.message))) throw e;
      await this.sql.run("INSERT INTO kb_articles_fts (kb_articles_fts) VALUES ('rebuild')");
      return work();
    }
  }
}
