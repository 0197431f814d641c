import type { KbSearchQuery } from '../../../core/kb/kb.port';
import { marks, type Dialect } from '../sql';

/**
 * The full-text candidates of a search, best first, as the database ranks them: FTS5's bm25 with the
 * title weighted ten times the body on SQLite, InnoDB's boolean-mode relevance (title weighted the
 * same) on MariaDB. Terms are already normalised to [a-z0-9]+, so joining them cannot inject an
 * operator. The repository then puts title matches first, the same way on both databases.
 */
export const ARTICLE_COLUMNS =
  'a.id, a.kind, a.title, a.body, a.category, a.tags_json, a.language, a.audience, a.status, a.author_id, a.version, ' +
  'a.view_count, a.helpful_count, a.created_at, a.updated_at, a.published_at, a.search_title, ' +
  '(SELECT COUNT(*) FROM kb_ticket_articles k WHERE k.article_id = a.id) AS resolved_count';

/** Results show an excerpt, never the whole body: the start of it is all a page needs to carry. */
const RESULT_COLUMNS = ARTICLE_COLUMNS.replace('a.body,', 'SUBSTR(a.body, 1, 600) AS body,');

/** `all`: every term must be present (cheap: the index intersects short lists); `any`: at least one. */
export type KbMatchMode = 'all' | 'any';

export function buildKbSearch(q: KbSearchQuery, dialect: Dialect, candidates: number, mode: KbMatchMode = 'any'): { sql: string; params: unknown[] } {
  const where = [`a.status IN (${marks(q.statuses.length)})`, `a.audience IN (${marks(q.audiences.length)})`];
  const filters: unknown[] = [...q.statuses, ...q.audiences];
  if (q.language) {
    where.push('a.language = ?');
    filters.push(q.language);
  }
  if (q.category) {
    where.push('a.category = ?');
    filters.push(q.category);
  }
  if (q.terms.length === 0) {
    return {
      sql: `SELECT ${RESULT_COLUMNS}, 0 AS relevance FROM kb_articles a WHERE ${where.join(' AND ')} ORDER BY a.updated_at DESC, a.id DESC LIMIT ?`,
      params: [...filters, candidates],
    };
  }
  if (dialect === 'sqlite') {
    const match = q.terms.map((t) => `"${t}"${q.prefix ? '*' : ''}`).join(mode === 'all' ? ' AND ' : ' OR ');
    return {
      sql: `SELECT ${RESULT_COLUMNS}, -bm25(kb_articles_fts, 10.0, 1.0) AS relevance
        FROM kb_articles_fts f JOIN kb_articles a ON a.id = f.rowid
        WHERE kb_articles_fts MATCH ? AND ${where.join(' AND ')}
        ORDER BY bm25(kb_articles_fts, 10.0, 1.0), a.id LIMIT ?`,
      params: [match, ...filters, candidates],
    };
  }
  const against = q.terms.map((t) => `${mode === 'all' ? '+' : ''}${t}${q.prefix ? '*' : ''}`).join(' ');
  // One MATCH expression, in WHERE and ORDER BY alike, so InnoDB runs a single full-text search; the
  // inner query ranks ids only, so excerpts and counts are read for the page's rows, not every match.
  return {
    sql: `SELECT ${RESULT_COLUMNS}, r.relevance FROM (
        SELECT a.id, MATCH(a.search_title, a.search_body) AGAINST (? IN BOOLEAN MODE) AS relevance
        FROM kb_articles a
        WHERE MATCH(a.search_title, a.search_body) AGAINST (? IN BOOLEAN MODE) AND ${where.join(' AND ')}
        ORDER BY relevance DESC, a.id LIMIT ?
      ) r JOIN kb_articles a ON a.id = r.id ORDER BY r.relevance DESC, a.id`,
    params: [against, against, ...filters, candidates],
  };
}
