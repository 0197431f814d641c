import type { Article, ArticleContent, ArticleLanguage, ArticleStatus, ArticleVersion, Audience } from './article.entity';

/** One port for storage and full-text search, whatever the database (FTS5 on SQLite, FULLTEXT on MariaDB). */
export interface KbSearchQuery {
  /** Normalised terms (kb-text.ts); empty lists the most recently updated articles. */
  terms: string[];
  statuses: ArticleStatus[];
  audiences: Audience[];
  language?: ArticleLanguage;
  category?: string;
  limit: number;
  /** Terms match the words they begin (English stems: "print" finds printer, printing, printed). */
  prefix?: boolean;
}

export interface KbHit {
  /** Its body cut to the first few hundred characters: a result shows an excerpt, never the whole text. */
  article: Article;
  /** Query terms found in the title: a title match ranks above any body match. */
  titleHits: number;
  relevance: number;
}

export interface NewArticle extends ArticleContent {
  status: ArticleStatus;
  authorId: number | null;
}

export interface KbRepository {
  insert(a: NewArticle, searchTitle: string, searchBody: string, at: Date): Promise<number>;
  get(id: number): Promise<Article | null>;
  /** Conditional on the version read: false when someone else edited meanwhile. */
  update(id: number, expectedVersion: number, content: ArticleContent, searchTitle: string, searchBody: string, at: Date): Promise<boolean>;
  publish(id: number, at: Date): Promise<void>;
  /** Versions and ticket links go with it; the audit trail stays. */
  delete(id: number): Promise<void>;
  addVersion(v: ArticleVersion): Promise<void>;
  versions(articleId: number): Promise<ArticleVersion[]>;
  /** Counters are single atomic increments: readers never race each other into a lost count. */
  countView(id: number): Promise<void>;
  countHelpful(id: number): Promise<void>;
  search(q: KbSearchQuery): Promise<KbHit[]>;
  /** Ticket <-> article "resolved by" links, read from both ends. */
  /** Idempotent: linking the same pair twice keeps the first link. */
  linkTicket(ticketId: number, articleId: number, byId: number | null, at: Date): Promise<void>;
  articlesOfTicket(ticketId: number): Promise<number[]>;
  ticketsOfArticle(articleId: number): Promise<number[]>;
}
