/** Knowledge-base articles (R15): FAQ, guides and procedures that answer before a ticket is filed (R2, R7). */
export const ARTICLE_KINDS = ['faq', 'guide', 'procedure'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export const ARTICLE_LANGUAGES = ['fr', 'en'] as const;
export type ArticleLanguage = (typeof ARTICLE_LANGUAGES)[number];

/** `technicians` articles hold internal know-how: employees never learn they exist. */
export const AUDIENCES = ['everyone', 'technicians'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const MAX_ARTICLE_TITLE = 200;
export const MAX_ARTICLE_BODY = 50000;

/** What an edit may change; every edit is kept as a version. */
export interface ArticleContent {
  kind: ArticleKind;
  title: string;
  body: string;
  category: string | null;
  tags: string[];
  language: ArticleLanguage;
  audience: Audience;
}

export interface Article extends ArticleContent {
  id: number;
  status: ArticleStatus;
  authorId: number | null;
  version: number;
  viewCount: number;
  helpfulCount: number;
  /** Tickets linked to this article as their resolution. */
  resolvedCount: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

export interface ArticleVersion extends ArticleContent {
  articleId: number;
  version: number;
  editorId: number | null;
  editorName: string;
  createdAt: Date;
}
